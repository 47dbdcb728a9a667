import { describe, expect, it } from "vitest";
import { parseVietnameseDate } from "../../../src/extract/dates.ts";

const reference = new Date("2024-02-12T10:00:00Z"); // 17:00 in Vietnam
const iso = (raw: string) => parseVietnameseDate(raw, reference)?.toISOString() ?? null;

describe("parseVietnameseDate", () => {
  it.each([
    ["Thứ Hai, 12/02/2024 08:30 (GMT+7)", "2024-02-12T01:30:00.000Z"],
    ["Thứ hai, ngày 12/02/2024 - 08:30", "2024-02-12T01:30:00.000Z"],
    ["12/02/2024 - 08:30", "2024-02-12T01:30:00.000Z"],
    ["08:30 12/2/2024", "2024-02-12T01:30:00.000Z"],
    ["8h30, 12-2-2024", "2024-02-12T01:30:00.000Z"],
    ["12.02.2024 08:30", "2024-02-12T01:30:00.000Z"],
    ["Cập nhật lúc 08:30 ngày 12/02/2024", "2024-02-12T01:30:00.000Z"],
    ["Chủ nhật, 11/2/2024, 20:15 (GMT+7)", "2024-02-11T13:15:00.000Z"],
    ["12/02/2024 8:30 CH", "2024-02-12T13:30:00.000Z"],
    ["12/02/24 08:30", "2024-02-12T01:30:00.000Z"],
    ["Ngày 12 tháng 2 năm 2024", "2024-02-11T17:00:00.000Z"],
    ["12 tháng 02, 2024 08:30", "2024-02-12T01:30:00.000Z"],
    ["Mon, 12 Feb 2024 08:30:00 +0700", "2024-02-12T01:30:00.000Z"],
    ["Mon, 12 Feb 2024 01:30:00 GMT", "2024-02-12T01:30:00.000Z"],
    ["12 Feb 2024 08:30 ICT", "2024-02-12T01:30:00.000Z"],
    ["2024-02-12T08:30:00+07:00", "2024-02-12T01:30:00.000Z"],
    ["2024-02-12T01:30:00Z", "2024-02-12T01:30:00.000Z"],
    ["2024-02-12 08:30", "2024-02-12T01:30:00.000Z"],
    ["2024-02-12", "2024-02-11T17:00:00.000Z"],
    ["2 giờ trước", "2024-02-12T08:00:00.000Z"],
    ["30 phút trước", "2024-02-12T09:30:00.000Z"],
    ["3 ngày trước", "2024-02-09T10:00:00.000Z"],
    ["vừa xong", "2024-02-12T10:00:00.000Z"],
    ["Hôm qua 08:30", "2024-02-11T01:30:00.000Z"],
  ])("%s → %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it("reads numeric dates day-first, where new Date() reads month-first", () => {
    expect(iso("05/06/2024 09:00")).toBe("2024-06-05T02:00:00.000Z"); // 5 June, not 6 May
    expect(iso("13/01/2024")).toBe("2024-01-12T17:00:00.000Z");
  });

  it("does not mistake a trailing count for a time zone", () => {
    expect(iso("08:30 - 12/02/2024 - 5 bình luận")).toBe("2024-02-12T01:30:00.000Z");
  });

  it.each(["không rõ", "Thứ Hai", "32/01/2024", "29/02/2023", "12/13/2024", "25:00 12/02/2024", ""])(
    "refuses %j",
    (raw) => {
      expect(iso(raw)).toBeNull();
    },
  );

  it("reads NFD input like NFC", () => {
    expect(iso("Thứ Hai, 12/02/2024 08:30".normalize("NFD"))).toBe("2024-02-12T01:30:00.000Z");
  });
});
