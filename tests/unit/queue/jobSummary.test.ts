import { describe, expect, it } from "vitest";
import { summarizeJobData } from "../../../src/queue/jobSummary.ts";

describe("a failed job's data in one line", () => {
  it("names the article's address, source and outlet of a fetch job", () => {
    expect(
      summarizeJobData({
        url: "https://baokontum.vn/bai-1",
        outlet_id: "bao_kon_tum",
        source_id: "bao_kon_tum/rss",
        discovered_at: "2024-06-01T00:00:00Z",
      }),
    ).toBe("source_id=bao_kon_tum/rss url=https://baokontum.vn/bai-1 outlet_id=bao_kon_tum");
  });

  it("reads an index job's document and a notify job's alert, never their full text", () => {
    const body = "Nội dung dài ".repeat(1000);
    const line = summarizeJobData({
      doc: { id: "a".repeat(32), title: "Sâm Ngọc Linh", body },
      demote: null,
    });
    expect(line).toBe(`title=Sâm Ngọc Linh id=${"a".repeat(32)}`);
    expect(
      summarizeJobData({ delivery_id: "n-1", rule: "r", alert: { id: "al-1", title: "Tăng đột biến" } }),
    ).toBe("title=Tăng đột biến id=al-1 rule=r delivery_id=n-1");
  });

  it("falls back to the field names, and stays short", () => {
    expect(summarizeJobData({ broken: true, other: 1 })).toBe("{broken, other}");
    expect(summarizeJobData({})).toBe("{}");
    expect(summarizeJobData("x".repeat(1000)).length).toBe(300);
    expect(summarizeJobData({ url: `https://a.vn/${"x".repeat(500)}` }).length).toBeLessThanOrEqual(300);
  });
});
