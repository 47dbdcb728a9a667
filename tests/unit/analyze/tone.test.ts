import { describe, expect, it } from "vitest";
import { prepareDocument } from "../../../src/analyze/document.ts";
import { analyzeTone, compileTone } from "../../../src/analyze/tone.ts";

const compiled = compileTone();
const tone = (title: string, lead = "", body = "") =>
  analyzeTone(compiled, prepareDocument({ title, lead, body }));

describe("tone", () => {
  it("reads plain positive, negative and neutral news", () => {
    expect(tone("Du lịch khởi sắc, du khách hài lòng").label).toBe("positive");
    expect(tone("Phát hiện sai phạm trong quản lý đất đai, người dân bức xúc").label).toBe("negative");
    expect(tone("Lịch tiếp công dân tháng 7").label).toBe("neutral");
  });

  it("knows the domain terms", () => {
    for (const title of [
      "Khiếu kiện kéo dài",
      "Tin đồn thất thiệt lan truyền",
      "Sự cố mất điện",
      "Thiệt hại do lốc xoáy",
    ]) {
      expect(tone(title).label).toBe("negative");
    }
  });

  it("turns a negated positive negative", () => {
    const result = tone("Mô hình không hiệu quả");
    expect(result.label).toBe("negative");
    expect(result.evidence[0]).toMatchObject({ text: "hiệu quả", negated: true });
    expect(tone("Dự án chưa hiệu quả").label).toBe("negative");
    expect(tone("Kiến nghị chưa được giải quyết dứt điểm", "Người dân chưa hài lòng").label).toBe("negative");
  });

  it("turns a negated negative mildly positive", () => {
    const result = tone("Không để xảy ra cháy rừng trong mùa khô");
    expect(result.score).toBeGreaterThan(0);
    expect(result.evidence[0]).toMatchObject({ text: "cháy", negated: true });
    expect(tone("Không còn tình trạng học sinh bỏ học").label).toBe("positive");
  });

  it("stops negation at a comma and does not read 'không gian' as a negator", () => {
    expect(tone("Cắt giảm thủ tục không cần thiết, nâng cao hiệu quả").label).toBe("positive");
    expect(tone("Không gian văn hóa đặc sắc").label).toBe("positive");
  });

  it("treats prevention of a harm as a topic, not an event", () => {
    const result = tone("Triển khai phòng, chống cháy rừng");
    expect(result.label).toBe("neutral");
    expect(result.evidence.find((e) => e.text === "cháy")).toMatchObject({ shielded: true, weight: 0 });
  });

  it("reads where a harm is going: falling is good news, rising worse", () => {
    expect(tone("Tai nạn giao thông giảm mạnh").label).toBe("positive");
    const up = tone("Vi phạm giao thông gia tăng");
    expect(up.label).toBe("negative");
    expect(up.evidence[0]).toMatchObject({ trend: "up" });
  });

  it("makes intensified terms weigh more", () => {
    const plain = tone("", "", "Thiệt hại.");
    const strong = tone("", "", "Thiệt hại nặng nề.");
    expect(strong.negative).toBeGreaterThan(plain.negative);
  });

  it("weighs the title more than the body", () => {
    expect(tone("Thành công", "", "").positive).toBeGreaterThan(tone("", "", "Thành công").positive);
  });

  it("works on text typed without diacritics", () => {
    expect(tone("Du khach buc xuc vi bi chat chem").label).toBe("negative");
  });
});
