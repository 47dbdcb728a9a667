// The family index keeps an article's signature, bands and family record for FAMILY_HISTORY_DAYS
// on the real Redis, and a copy arriving within that time still joins the original's family.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { fingerprintArticle } from "../../../src/analyze/dedupe.ts";
import { FamilyIndex } from "../../../src/pipeline/familyIndex.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const prefix = uniqueName("family-history");
const redis = new Redis(services().redisUrl);

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

const text = {
  title: "Sạt lở nghiêm trọng trên Quốc lộ 24 đoạn qua huyện Kon Plông",
  lead: "Mưa lớn khiến taluy dương tại Km 80, Quốc lộ 24, xã Hiếu, huyện Kon Plông sạt lở, đất đá vùi lấp mặt đường.",
  body: "Giao thông qua đèo Violak bị chia cắt hoàn toàn. Sở Giao thông vận tải điều 2 máy xúc đến hiện trường để thông đường.",
};
const article = (id: string, published_at: string) => ({
  id,
  fingerprint: fingerprintArticle(text),
  published_at,
  reprint: false,
  rank: "other" as const,
});

describe("the family index's history", () => {
  it("keeps what it wrote for the days configured, and a copy within them joins the family", async () => {
    const families = new FamilyIndex(redis, prefix, undefined, 2);
    const first = await families.assign(article("first", "2024-07-20T01:00:00Z"));
    const copy = await families.assign(article("copy", "2024-07-20T03:00:00Z"));
    expect(copy.family).toBe(first.family);
    const keys = await redis.keys(`${prefix}:fam:*`);
    expect(keys.length).toBeGreaterThan(2);
    for (const key of keys) {
      const ttl = await redis.ttl(key);
      // Locks are short; everything else lives the two days asked, not the default six weeks.
      if (key.includes(":lock")) continue;
      expect(ttl, key).toBeGreaterThan(86_400);
      expect(ttl, key).toBeLessThanOrEqual(2 * 86_400);
    }
  });
});
