import { describe, expect, it } from "vitest";
import {
  bandKeys,
  containment,
  findFamilies,
  fingerprintArticle,
  isCopy,
  isReprint,
  jaccard,
  outletRank,
} from "../../../src/analyze/dedupe.ts";
import { stripDiacritics } from "../../../src/text/clean.ts";

const original = {
  id: "orig",
  title: "Măng Đen đón hơn 52.000 lượt khách dịp Tết Dương lịch",
  lead: "Trong 3 ngày nghỉ Tết Dương lịch 2024, khu du lịch Măng Đen đón khoảng 52.000 lượt khách, tăng 30% so với cùng kỳ.",
  body:
    "Theo UBND huyện Kon Plông, lượng khách tập trung đông nhất vào ngày 31/12 và 1/1. Các cơ sở lưu trú, homestay gần như kín phòng, nhiều du khách phải tìm chỗ nghỉ ở các xã lân cận. " +
    "Du khách chủ yếu đến từ TP Hồ Chí Minh, Đà Nẵng, Quảng Ngãi và các tỉnh Tây Nguyên. Tổng doanh thu du lịch ước đạt hơn 40 tỷ đồng. " +
    "Các điểm đến thu hút đông khách là hồ Đăk Ke, thác Pa Sỹ, đồi thông săn mây và làng văn hóa Kon Pring. " +
    "Huyện đã thành lập các tổ kiểm tra giá cả dịch vụ, bảo đảm an ninh trật tự và vệ sinh môi trường tại các điểm tham quan.",
  published_at: "2024-01-02T09:00:00+07:00",
};
const sentences = original.body.split(/(?<=\.)\s+/);

describe("fingerprints", () => {
  it("are deterministic and equal for equal text", () => {
    const a = fingerprintArticle(original);
    const b = fingerprintArticle({ ...original });
    expect(Array.from(a.signature)).toEqual(Array.from(b.signature));
    expect(jaccard(a, b)).toBe(1);
    expect(bandKeys(a)).toEqual(bandKeys(b));
  });

  it("see a copy that lost its diacritics as the same text", () => {
    const stripped = {
      title: stripDiacritics(original.title),
      lead: stripDiacritics(original.lead),
      body: stripDiacritics(original.body),
    };
    expect(jaccard(fingerprintArticle(original), fingerprintArticle(stripped))).toBe(1);
  });
});

describe("isCopy", () => {
  it("accepts a reprint with a new headline and a byline", () => {
    const copy = {
      ...original,
      title: "Hơn 52.000 lượt khách đến Măng Đen",
      body: `${original.body}\nTheo TTXVN`,
    };
    expect(isCopy(fingerprintArticle(original), fingerprintArticle(copy)).copy).toBe(true);
  });

  it("accepts a trimmed copy by containment though its Jaccard similarity is low", () => {
    const trimmed = {
      title: "Măng Đen “cháy phòng”",
      lead: original.lead,
      body: sentences.slice(0, 3).join(" "),
    };
    const a = fingerprintArticle(original);
    const b = fingerprintArticle(trimmed);
    const verdict = isCopy(a, b);
    expect(verdict.copy).toBe(true);
    expect(verdict.containment).toBeGreaterThan(verdict.jaccard);
    expect(containment(a, b)).toBe(verdict.containment);
  });

  it("rejects a different article on the same event", () => {
    const other = {
      title: "Kon Plông: Du lịch khởi sắc ngay từ những ngày đầu năm",
      lead: "Dịp nghỉ Tết Dương lịch vừa qua, các tuyến đường dẫn lên Măng Đen nườm nượp xe du khách.",
      body: "Ghi nhận của phóng viên, từ chiều 30/12 dòng xe từ thành phố Kon Tum lên Măng Đen kéo dài liên tục. Chủ một homestay nói năm nay khách đông hơn hẳn. Theo thống kê sơ bộ, có khoảng 52.000 lượt người đến tham quan.",
    };
    expect(isCopy(fingerprintArticle(original), fingerprintArticle(other)).copy).toBe(false);
  });
});

describe("isReprint", () => {
  it("recognises credits at the end or the start", () => {
    expect(isReprint({ body: "Nội dung bài.\nTheo TTXVN" })).toBe(true);
    expect(isReprint({ body: "Nội dung bài. (Theo Báo Kon Tum)" })).toBe(true);
    expect(isReprint({ body: "Nội dung bài.\nNguồn: VOV" })).toBe(true);
    expect(isReprint({ lead: "Theo VOV - Sáng nay, mưa lớn." })).toBe(true);
    expect(
      isReprint({
        body: "Theo UBND huyện, lượng khách tăng mạnh trong những ngày qua, nhiều cơ sở lưu trú kín phòng.",
      }),
    ).toBe(false);
  });
});

describe("findFamilies", () => {
  const copy = (id: string, extra: object) => ({ ...original, id, ...extra });

  it("groups copies, leaves singletons out and picks the earliest uncredited article", () => {
    const families = findFamilies([
      copy("late-reprint", {
        body: `${original.body}\nTheo TTXVN`,
        published_at: "2024-01-02T08:00:00+07:00",
      }),
      original,
      copy("next-day", { title: "Tăng 30% lượng khách", published_at: "2024-01-03T08:00:00+07:00" }),
      {
        id: "unrelated",
        title: "Giá vàng tăng",
        body: "Giá vàng trong nước tăng mạnh trong phiên sáng nay.",
        published_at: "2024-01-02T10:00:00+07:00",
      },
    ]);
    expect(families).toHaveLength(1);
    expect(families[0]!.original).toBe("orig");
    expect(families[0]!.members.map((m) => m.id)).toEqual(["orig", "next-day", "late-reprint"]);
    expect(families[0]!.members.find((m) => m.id === "late-reprint")!.reprint).toBe(true);
  });

  it("prefers a partner outlet when publication times tie", () => {
    const same = "2024-01-02T09:00:00+07:00";
    const families = findFamilies([
      copy("portal", { published_at: same, outletRank: "portal", url: "https://a.example/1" }),
      copy("partner", { published_at: same, outletRank: "partner", url: "https://z.example/1" }),
    ]);
    expect(families[0]!.original).toBe("partner");
  });

  it("ranks outlets by their plan kind", () => {
    expect(outletRank("central_partner")).toBe("partner");
    expect(outletRank("provincial_press")).toBe("partner");
    expect(outletRank("portal")).toBe("portal");
    expect(outletRank(undefined)).toBe("other");
  });
});
