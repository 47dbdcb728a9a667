/**
 * The story of each near-duplicate family, in Redis, so a family is never split across stories and
 * a retried job gets the story it got the first time.
 *
 * The first member of a family to be placed decides the family's story; every later member (a
 * copy, the same article again) gets that story whatever it proposes. One atomic get-or-set per
 * article: copies analysed at the same moment as their original (neither indexed yet, so neither
 * finds the other in the store) still agree.
 */
import type { RedisClient } from "../queue/connection.ts";

// KEYS: the family's key. ARGV: proposed story, ttl seconds. Returns the family's story.
const SETTLE = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
return ARGV[1]
`;

/** As long as the families themselves (familyIndex.ts). */
const TTL_SECONDS = 45 * 86_400;

export class FamilyStories {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  /** The family's story: `proposed` if the family had none yet, else the one it has. */
  async settle(family: string, proposed: string): Promise<string> {
    const key = [this.prefix, "story", "family", family].join(":");
    return String(await this.redis.eval(SETTLE, 1, key, proposed, TTL_SECONDS));
  }
}
