// The story-term index on the real Redis: an article finds the earlier reports of its event within
// the window and nothing else, adding an article twice keeps it once, and lookups made at the same
// moment go out together and each get their own answer; the story cards written with the postings
// come back whole, and an article without one reads as null.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { hashCounts, termCounts } from "../../../src/analyze/stories.ts";
import { heaviest } from "../../../src/analyze/storyCard.ts";
import { storyTerms } from "../../../src/analyze/storyTerms.ts";
import { StoryTermIndex } from "../../../src/pipeline/storyTermIndex.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const prefix = uniqueName("story-terms");
const redis = new Redis(services().redisUrl);
const index = new StoryTermIndex(redis, prefix, 72);

const at = (iso: string) => Date.parse(iso);
const report = (id: string, published: string, title: string, lead: string, body: string) => ({
  id,
  at: at(published),
  terms: storyTerms({ id, title, lead, body }),
});

const first = report(
  "first",
  "2024-07-20T01:00:00Z",
  "Sạt lở nghiêm trọng trên Quốc lộ 24 đoạn qua huyện Kon Plông",
  "Mưa lớn khiến taluy dương tại Km 80, Quốc lộ 24, xã Hiếu, huyện Kon Plông sạt lở, đất đá vùi lấp mặt đường.",
  "Giao thông qua đèo Violak bị chia cắt hoàn toàn. Sở Giao thông vận tải điều 2 máy xúc đến hiện trường.",
);
const second = report(
  "second",
  "2024-07-20T04:30:00Z",
  "Đèo Violak ách tắc nhiều giờ vì đất đá đổ xuống đường",
  "Hàng trăm phương tiện bị kẹt trên đèo Violak thuộc Quốc lộ 24 sau khi đất đá sạt xuống đoạn qua xã Hiếu, huyện Kon Plông.",
  "Theo UBND huyện Kon Plông, điểm sạt lở tại Km 80 dài khoảng 50 m. Sở Giao thông vận tải đang huy động máy móc.",
);
const unrelated = report(
  "gold",
  "2024-07-20T02:00:00Z",
  "Giá vàng trong nước lập đỉnh mới",
  "Giá vàng miếng SJC tăng mạnh trong phiên sáng nay, chênh lệch mua bán ở mức cao.",
  "Các doanh nghiệp kinh doanh vàng điều chỉnh giá liên tục theo thị trường thế giới.",
);
const followUp = report(
  "follow-up",
  "2024-07-20T10:00:00Z",
  "Thông xe một làn Quốc lộ 24 sau sự cố sạt lở ở xã Hiếu",
  "Chiều 20/7, Quốc lộ 24 qua đèo Violak, huyện Kon Plông đã thông xe một làn sau sạt lở tại Km 80.",
  "Sở Giao thông vận tải cho biết máy xúc làm việc suốt ngày để dọn đất đá.",
);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe("the story-term index", () => {
  it("finds the earlier reports of the event within the window, and nothing else", async () => {
    for (const entry of [first, second, unrelated]) await index.add(entry);
    await index.add(first); // a retried job
    const found = await index.candidates(followUp);
    expect(found.sort()).toEqual(["first", "second"]);
    // Published a month later: outside every window of the first reports.
    expect(await index.candidates({ ...followUp, id: "later", at: at("2024-08-20T10:00:00Z") })).toEqual([]);
    const key = `${prefix}:story:term:${first.terms[0]!.key}`;
    expect(await redis.zscore(key, "first")).toBe(String(first.at));
    expect((await redis.zrange(key, 0, -1)).filter((id) => id === "first")).toHaveLength(1);
  });

  it("answers lookups made at the same moment, each its own", async () => {
    const [forFollowUp, forGold] = await Promise.all([
      index.candidates({ ...followUp, id: "follow-up-2" }),
      index.candidates({ ...unrelated, id: "gold-2" }),
    ]);
    expect(forFollowUp.sort()).toEqual(["first", "second"]);
    expect(forGold).toEqual(["gold"]);
  });

  it("keeps each article's story card next to its postings, read back in one go", async () => {
    const counts = hashCounts(
      termCounts({ title: "Đèo Violak ách tắc", lead: "Quốc lộ 24 sạt lở tại Km 80", body: "" }),
    );
    const card = {
      id: "carded",
      story_id: "first",
      cluster_id: "carded",
      published_at: "2024-07-20T05:00:00.000Z",
      counts,
    };
    await index.add({ ...second, id: "carded", card });
    const [found, none] = await index.cards(["carded", "first"]);
    expect(found).toEqual({ ...card, counts: heaviest(counts) });
    expect(none).toBeNull();
    // The card expires with the postings it belongs to.
    const ttl = await redis.ttl(`${prefix}:story:card:carded`);
    expect(ttl).toBeGreaterThan(72 * 3600);
    // A damaged card is as good as none (the pipeline then reads the article from the engine).
    await redis.set(`${prefix}:story:card:broken`, "garbage");
    expect(await index.cards(["broken"])).toEqual([null]);
  });
});
