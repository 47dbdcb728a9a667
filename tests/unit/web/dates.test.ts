// The dashboard's days: written dd/mm/yyyy in Vietnam's time zone whatever the process's locale and
// zone, and read back from what a person types.
import { describe, expect, it } from "vitest";
import { formatDay, formatDayTime, parseDay, vietnamDay } from "../../../web/lib/dates.ts";

describe("formatDay and formatDayTime", () => {
  it("write the Vietnamese calendar day, day first", () => {
    // 17:30 UTC on 1 June is 00:30 on 2 June in Vietnam.
    expect(formatDay("2024-06-01T17:30:00Z")).toBe("02/06/2024");
    expect(formatDayTime("2024-06-01T17:30:00Z")).toBe("02/06/2024 00:30");
    expect(vietnamDay("2024-06-01T17:30:00Z")).toBe("2024-06-02");
  });

  it("take a bare day as that day, not as UTC midnight", () => {
    expect(formatDay("2024-12-31")).toBe("31/12/2024");
    expect(formatDay("2024-01-01")).toBe("01/01/2024");
  });

  it("leave what they cannot read as it is", () => {
    expect(formatDay("hôm qua")).toBe("hôm qua");
  });
});

describe("parseDay", () => {
  it("reads day-first entries with any usual separator, and ISO days", () => {
    expect(parseDay("2/6/2024")).toBe("2024-06-02");
    expect(parseDay(" 02/06/2024 ")).toBe("2024-06-02");
    expect(parseDay("2-6-2024")).toBe("2024-06-02");
    expect(parseDay("2.6.2024")).toBe("2024-06-02");
    expect(parseDay("2024-06-02")).toBe("2024-06-02");
  });

  it("refuses days that do not exist and other text", () => {
    expect(parseDay("31/02/2024")).toBeNull();
    expect(parseDay("29/02/2023")).toBeNull();
    expect(parseDay("13/13/2024")).toBeNull();
    expect(parseDay("06/02")).toBeNull();
    expect(parseDay("")).toBeNull();
    expect(parseDay("29/02/2024")).toBe("2024-02-29");
  });

  it("round-trips with formatDay", () => {
    for (const day of ["2024-01-01", "2024-02-29", "2024-06-02", "2024-12-31"]) {
      expect(parseDay(formatDay(day))).toBe(day);
    }
  });
});
