/**
 * The story-term index in Redis, next to the near-duplicate bands (familyIndex.ts): for each story
 * term (src/analyze/storyTerms.ts) a sorted set of the articles carrying it, scored by publication
 * time, so the articles of a story window sharing an article's terms are one range read away.
 * It replaces one `more_like_this` search per article (bench/stories.ts compares the two).
 *
 * A lookup is two round trips for everything the process's jobs asked meanwhile (Coalescer): the
 * posting counts of every query term in the window, then the postings of the rarest terms. Adding
 * is one script call per article (ZADD, trim what left every window, EXPIRE), idempotent: an
 * article added twice is in each set once. Next to its postings an article leaves its story card
 * (src/analyze/storyCard.ts), which the candidates are compared on; cards are read with one MGET
 * for every job waiting meanwhile.
 */
import { CARD_TERMS, decodeStoryCard, encodeStoryCard, type StoryCard } from "../analyze/storyCard.ts";
import {
  DEFAULT_STORY_TERM_SETTINGS,
  queryTerms,
  rankCandidates,
  type StoryTerm,
  type StoryTermSettings,
} from "../analyze/storyTerms.ts";
import type { RedisClient } from "../queue/connection.ts";
import { Coalescer } from "./coalescer.ts";

export interface StoryTermEntry {
  id: string;
  /** Publication time, ms. */
  at: number;
  terms: readonly StoryTerm[];
  /** Written with the postings, for the articles after it to be compared with. */
  card?: StoryCard;
}

// KEYS: term keys. ARGV: article id, its time (ms), the oldest time still in a window, ttl seconds.
const ADD = `
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[2], ARGV[1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[3])
  redis.call('EXPIRE', key, tonumber(ARGV[4]))
end
return #KEYS
`;

/** Pipeline replies as values: the first error, if any, is thrown. */
function values<T>(replies: Array<[Error | null, unknown]> | null): T[] {
  return (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value as T;
  });
}

export class StoryTermIndex {
  private readonly lookups: Coalescer<StoryTermEntry, string[]>;
  private readonly adds: Coalescer<StoryTermEntry, undefined>;
  private readonly reads: Coalescer<string, StoryCard | null>;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly windowHours: number,
    private readonly settings: StoryTermSettings = DEFAULT_STORY_TERM_SETTINGS,
    /** Terms a card keeps (storyCard.ts). */
    private readonly cardTerms = CARD_TERMS,
  ) {
    this.lookups = new Coalescer((entries) => this.lookupBatch(entries));
    this.adds = new Coalescer((entries) => this.addBatch(entries));
    this.reads = new Coalescer((ids) => this.readBatch(ids), 1024);
  }

  private cardKey(id: string): string {
    return [this.prefix, "story", "card", id].join(":");
  }

  /** The cards of these articles, null where there is none (expired, or written by an older version). */
  cards(ids: readonly string[]): Promise<Array<StoryCard | null>> {
    return Promise.all(ids.map((id) => this.reads.call(id)));
  }

  private async readBatch(ids: string[]): Promise<Array<StoryCard | null>> {
    const buffers = await this.redis.mgetBuffer(...ids.map((id) => this.cardKey(id)));
    return buffers.map((buffer) => {
      if (!buffer) return null;
      try {
        return decodeStoryCard(buffer);
      } catch {
        // A damaged card is as good as none: the caller reads the article from the engine.
        return null;
      }
    });
  }

  private key(term: string): string {
    return [this.prefix, "story", "term", term].join(":");
  }

  private get windowMs(): number {
    return this.windowHours * 3_600_000;
  }

  /** Ids of indexed-or-about-to-be articles of the window sharing this one's story terms, best first. */
  candidates(entry: StoryTermEntry): Promise<string[]> {
    return this.lookups.call(entry);
  }

  add(entry: StoryTermEntry): Promise<void> {
    return this.adds.call(entry);
  }

  private async lookupBatch(entries: StoryTermEntry[]): Promise<string[][]> {
    const w = this.windowMs;
    const counts = values<number>(
      await entries
        .reduce(
          (pipe, entry) =>
            entry.terms.reduce((p, term) => p.zcount(this.key(term.key), entry.at - w, entry.at + w), pipe),
          this.redis.pipeline(),
        )
        .exec(),
    );
    let offset = 0;
    const looked = entries.map((entry) => {
      const own = counts.slice(offset, offset + entry.terms.length);
      offset += entry.terms.length;
      return queryTerms(entry.terms, own, this.settings);
    });
    if (!looked.some((terms) => terms.length)) return entries.map(() => []);
    const postings = values<string[]>(
      await entries
        .reduce(
          (pipe, entry, i) =>
            looked[i]!.reduce(
              (p, term) =>
                p.zrangebyscore(this.key(term.key), entry.at - w, entry.at + w, "LIMIT", 0, term.postings),
              pipe,
            ),
          this.redis.pipeline(),
        )
        .exec(),
    );
    offset = 0;
    return entries.map((entry, i) => {
      const own = postings.slice(offset, offset + looked[i]!.length);
      offset += looked[i]!.length;
      return rankCandidates(entry.id, looked[i]!, own, this.settings);
    });
  }

  private async addBatch(entries: StoryTermEntry[]): Promise<undefined[]> {
    // Postings outlive the widest window around any article published since (two windows back).
    const ttlSeconds = Math.ceil((3 * this.windowMs) / 1000);
    const pipe = this.redis.pipeline();
    for (const entry of entries) {
      if (!entry.terms.length) continue;
      const keys = entry.terms.map((term) => this.key(term.key));
      pipe.eval(ADD, keys.length, ...keys, entry.id, entry.at, entry.at - 2 * this.windowMs, ttlSeconds);
    }
    for (const entry of entries)
      if (entry.card && entry.terms.length)
        pipe.set(this.cardKey(entry.id), encodeStoryCard(entry.card, this.cardTerms), "EX", ttlSeconds);
    values(await pipe.exec());
    return entries.map(() => undefined);
  }
}
