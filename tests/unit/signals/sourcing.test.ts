import { describe, expect, it } from "vitest";
import { compileSignals, misinformationSignals } from "../../../src/signals/signals.ts";
import { SOURCING_WEIGHTS, sourcingCues } from "../../../src/signals/sourcing.ts";
import { prepareText } from "../../../src/signals/text.ts";

const cues = (title: string, body: string) =>
  sourcingCues({ title, body }, prepareText(`${title}\n${body}`)).map((cue) => cue.kind);

describe("sourcingCues", () => {
  it("finds questions, exclamations, emoji, a linked source and an attributed statement", () => {
    expect(cues("Vắc xin có thật sự an toàn?", "Ai dám tiêm 😱")).toEqual(["questions", "emoji"]);
    expect(cues("Cẩn thận", "Đừng tiêm!")).toEqual(["exclaims"]);
    expect(cues("Hội nghị khai mạc", "Xem tại https://baochinhphu.vn/a.htm")).toEqual(["cites_link"]);
    expect(cues("Hội nghị khai mạc", "Chi tiết: <URL>")).toEqual(["cites_link"]);
    expect(
      cues("Bệnh viện tăng cường trực", "Ông Lê Ngọc Châu, Giám đốc Sở Y tế, cho biết đã kiểm tra."),
    ).toEqual(["attributed"]);
  });

  it("reads one question in a body as no cue, two as one", () => {
    expect(cues("Tin mới", "Vì sao giá tăng? Bộ trả lời.")).toEqual([]);
    expect(cues("Tin mới", "Vì sao? Tại sao?")).toEqual(["questions"]);
  });

  it("raises the score of an unsourced question and lowers that of a linked, attributed report", () => {
    const signals = compileSignals({ claims: [] });
    const score = (title: string, body: string) => misinformationSignals({ title, body }, { signals }).score;
    const plain = score("Hội nghị khai mạc tại Hà Nội", "Các đại biểu dự họp.");
    expect(score("Hội nghị khai mạc tại Hà Nội?", "Các đại biểu dự họp 😡")).toBeGreaterThan(plain);
    expect(score("Hội nghị khai mạc tại Hà Nội", "Ông A cho biết các đại biểu dự họp. <URL>")).toBeLessThan(
      plain,
    );
    const reasons = misinformationSignals({ title: "Thật không?", body: "" }, { signals }).reasons;
    expect(reasons.find((reason) => reason.kind === "questions")?.weight).toBe(SOURCING_WEIGHTS.questions);
  });
});
