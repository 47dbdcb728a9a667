import { describe, expect, it } from "vitest";
import { assignStoriesOnline, clusterStories, pickStory } from "../../../src/analyze/stories.ts";

const report = {
  id: "a",
  title: "Truy quét cát tặc trên sông Đăk Bla",
  lead: "Công an thành phố Kon Tum bắt giữ 2 ghe hút cát trái phép trên sông Đăk Bla, phường Trường Chinh.",
  body: "Tại hiện trường, công an thu giữ 20 m3 cát. Các chủ ghe không có giấy phép khai thác.",
  published_at: "2024-04-12T08:00:00+07:00",
};
const sameEvent = {
  id: "b",
  title: "Khai thác cát trái phép trên sông Đăk Bla diễn biến phức tạp",
  lead: "Người dân phường Trường Chinh, thành phố Kon Tum phản ánh ghe hút cát trái phép hoạt động ban đêm trên sông Đăk Bla.",
  body: "Bờ sông sạt lở, người dân mất đất. Công an thành phố Kon Tum đã nhiều lần truy quét.",
  published_at: "2024-04-10T15:00:00+07:00",
};
const elsewhere = {
  id: "c",
  title: "Giá vàng tăng mạnh",
  lead: "Giá vàng trong nước lập đỉnh mới.",
  body: "Chênh lệch mua bán ở mức cao.",
  published_at: "2024-04-11T09:00:00+07:00",
};

describe("clusterStories", () => {
  it("groups two reports of one event and leaves an unrelated article alone", () => {
    const stories = clusterStories([report, sameEvent, elsewhere]);
    expect(stories).toEqual([
      { id: "b", members: ["b", "a"] },
      { id: "c", members: ["c"] },
    ]);
  });

  it("does not join articles outside the time window", () => {
    const later = { ...sameEvent, id: "b2", published_at: "2024-06-10T15:00:00+07:00" };
    expect(clusterStories([report, later, elsewhere]).every((s) => s.members.length === 1)).toBe(true);
  });

  it("keeps a near-duplicate family together even without dates", () => {
    const stories = clusterStories([
      { ...elsewhere, id: "x", published_at: null, family: "f" },
      { ...report, id: "y", published_at: null, family: "f" },
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.members.sort()).toEqual(["x", "y"]);
  });
});

describe("pickStory", () => {
  const placed = (article: typeof report, story: string, family = article.id) =>
    ({ ...article, story_id: story, family }) as const;

  it("joins the story of the most similar candidate within the window", () => {
    const pick = pickStory(report, [placed(elsewhere, "s-gold"), placed(sameEvent, "s-sand")]);
    expect(pick).toMatchObject({ story_id: "s-sand", via: "b", family: false });
    expect(pick!.similarity).toBeGreaterThanOrEqual(0.3);
  });

  it("starts its own story when nothing is alike enough, outside the window, or without a date", () => {
    expect(pickStory(report, [placed(elsewhere, "s-gold")])).toBeNull();
    const later = { ...report, id: "a2", published_at: "2024-06-10T15:00:00+07:00" };
    expect(pickStory(later, [placed(sameEvent, "s-sand")])).toBeNull();
    expect(pickStory({ ...report, published_at: null }, [placed(sameEvent, "s-sand")])).toBeNull();
    expect(pickStory(report, [])).toBeNull();
  });

  it("never picks the article itself (a retried job finds itself indexed)", () => {
    expect(pickStory(report, [placed(report, "s-self")])).toBeNull();
  });

  it("puts a copy in its family's story whatever the text says", () => {
    const copy = { ...elsewhere, id: "copy", family: "fam" };
    const pick = pickStory(copy, [placed(sameEvent, "s-sand"), placed(report, "s-family", "fam")]);
    expect(pick).toMatchObject({ story_id: "s-family", via: "a", family: true });
  });

  it("prefers the best match over the first one above the threshold", () => {
    const close = { ...report, id: "close", published_at: "2024-04-12T09:00:00+07:00" };
    const pick = pickStory(report, [placed(sameEvent, "s-far"), placed(close, "s-close")]);
    expect(pick?.story_id).toBe("s-close");
  });
});

describe("assignStoriesOnline", () => {
  it("gives the batch's stories on a small batch, named by their first article", () => {
    expect(assignStoriesOnline([report, sameEvent, elsewhere])).toEqual([
      { id: "b", members: ["b", "a"] },
      { id: "c", members: ["c"] },
    ]);
  });
});
