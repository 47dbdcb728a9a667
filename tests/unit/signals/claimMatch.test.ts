import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type ClaimIndex, compileClaims, matchClaims } from "../../../src/signals/claimMatch.ts";
import { evaluateClaimMatching, type LabelledText } from "../../../src/signals/claimMatchQuality.ts";
import type { Claim } from "../../../src/signals/claims.ts";
import { loadClaims } from "../../../src/signals/load.ts";
import { foldedSyllables, prepareText } from "../../../src/signals/text.ts";

let claims: Claim[];
let index: ClaimIndex;
beforeAll(async () => {
  claims = await loadClaims("config/claims");
  index = compileClaims(claims);
});

const match = (text: string, url?: string) => matchClaims(index, prepareText(text), { url });

function readSet(name: string): LabelledText[] {
  return readFileSync(`tests/fixtures/claims/${name}.jsonl`, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledText);
}

describe("folded syllables", () => {
  it("drop diacritics and expand social-media spellings, leaving prices alone", () => {
    expect(foldedSyllables("Mn ơi, ĐẬP vỡ ko dc đi")).toEqual([
      "moi",
      "nguoi",
      "oi",
      "dap",
      "vo",
      "khong",
      "duoc",
      "di",
    ]);
    expect(foldedSyllables("giá 500k/kg")).toEqual(["gia", "500", "k", "kg"]);
  });
});

describe("matchClaims", () => {
  it("matches a reordered paraphrase written without diacritics", () => {
    const [best] = match("toan bo dat dai cua ba con o mang den se bi nha nuoc thu hoi, khong boi thuong");
    expect(best).toMatchObject({
      claim_id: "mang-den-land-confiscation",
      stance: "asserts",
      key_coverage: 1,
    });
  });

  it("reads the official correction as refuting the claim, not spreading it", () => {
    const [best] = match(
      "UBND huyện Kon Plông khẳng định thông tin thu hồi toàn bộ đất của người dân Măng Đen là sai sự thật.",
    );
    expect(best).toMatchObject({ claim_id: "mang-den-land-confiscation", stance: "refutes" });
    expect(best?.cues).toContain("sai su that");
  });

  it("reads a negation just before a key term as refuting", () => {
    const [best] = match(
      "Đăk Glei: không có dịch bệnh lạ, không có ca tử vong, bệnh viện hoạt động ổn định.",
    );
    expect(best?.stance).toBe("refutes");
  });

  it("reads a drill as hypothetical", () => {
    const [best] = match("Diễn tập sự cố vỡ đập thủy điện, sơ tán người dân vùng hạ du sông Đăk Bla.");
    expect(best).toMatchObject({ claim_id: "dam-break-alarm", stance: "hypothetical" });
  });

  it("does not take a family (gia đình) for a scenario (giả định), which fold alike", () => {
    const [best] = match(
      "Khẩn cấp: đập thủy điện Thượng Kon Tum đã vỡ, nước đang đổ về, nhắn ngay cho gia đình ở hạ du sơ tán.",
    );
    expect(best).toMatchObject({ claim_id: "dam-break-alarm", stance: "asserts" });
  });

  it("treats the claim's correction page as refuting whatever it says", () => {
    const claim = claims.find((c) => c.id === "bo-y-border-closed")!;
    const text = "Cửa khẩu Bờ Y: thông tin đóng cửa vô thời hạn lan truyền trên mạng.";
    expect(match(text)[0]?.stance).toBe("asserts");
    expect(match(text, claim.correction.url)[0]?.stance).toBe("refutes");
  });

  it("does not match true news on the same subject without the claim's key terms", () => {
    expect(match("Kim ngạch xuất nhập khẩu qua cửa khẩu quốc tế Bờ Y tăng 20% trong sáu tháng.")).toEqual([]);
    expect(match("Giá sâm Ngọc Linh thương phẩm từ 60 đến 100 triệu đồng một ký tại Festival.")).toEqual([]);
  });

  it("measures resemblance on one passage, so key terms scattered through a long text do not add up", () => {
    const filler = " Tỉnh tổ chức hội nghị tổng kết công tác năm, biểu dương các tập thể điển hình.".repeat(
      20,
    );
    const scattered = `Măng Đen đón khách.${filler} Huyện thu hồi nợ thuế.${filler} Đường đã hết lún.`;
    expect(match(scattered)).toEqual([]);
  });
});

// The fixture: paraphrases of the registered claims (reordered, synonyms, details added or
// removed, no diacritics, social-media style) mixed with unrelated news, true news on the same
// subjects and the corrections themselves. `dev` was used while writing the matcher; `heldout`
// was written before and not looked at while tuning. See tests/fixtures/claims/README.md.
describe("claim matching quality", () => {
  it("reaches 0.9 precision and 0.9 recall on the dev set", () => {
    const items = readSet("dev");
    expect(items.filter((item) => item.label).length).toBeGreaterThanOrEqual(30);
    expect(items.filter((item) => !item.label).length).toBeGreaterThanOrEqual(20);
    const result = evaluateClaimMatching(index, items);
    expect(result.precision, JSON.stringify(result.errors)).toBeGreaterThanOrEqual(0.9);
    expect(result.recall, JSON.stringify(result.errors)).toBeGreaterThanOrEqual(0.9);
  });

  // Measured once, after tuning on dev: precision 25/26 = 0.962, recall 25/28 = 0.893, short of
  // the 0.9 recall target. The matcher was not tuned on this set afterwards; this is a floor that
  // catches a regression, not the target.
  it("keeps precision >= 0.9 and recall >= 0.85 on the held-out set", () => {
    const items = readSet("heldout");
    expect(items.filter((item) => item.label).length).toBeGreaterThanOrEqual(25);
    expect(items.filter((item) => !item.label).length).toBeGreaterThanOrEqual(20);
    const result = evaluateClaimMatching(index, items);
    expect(result.precision, JSON.stringify(result.errors)).toBeGreaterThanOrEqual(0.9);
    expect(result.recall, JSON.stringify(result.errors)).toBeGreaterThanOrEqual(0.85);
  });
});
