/**
 * A story card: what placing a later article in its story needs to know of an earlier one — its
 * story, family and time, and its term counts (stories.ts) keyed by hash — kept in Redis next to the
 * story-term index (src/pipeline/storyTermIndex.ts). With it, the candidates the index finds are
 * compared without reading their texts back from the engine and tokenising them again, which was
 * most of the engine's and the pipeline's work per article.
 *
 * The counts are truncated to the heaviest `CARD_TERMS`: a long article holds about a thousand
 * terms, most of them once, and the cosine of two reports of one event rests on the heavy ones
 * (bench/stories.ts measures the stories decided on cards against those decided on full texts).
 *
 * Encoding (little-endian, as typed arrays are on every platform Node runs on): u32 length of the
 * metadata JSON, the JSON, zero padding to 4 bytes, u32 term count n, n u32 term hashes ascending,
 * n f32 counts. Pure.
 */
import type { HashedCounts } from "./stories.ts";

/** Terms a card keeps (the heaviest; ties by hash, for a stable choice). */
export const CARD_TERMS = 256;

export interface StoryCard {
  id: string;
  story_id: string;
  /** The near-duplicate family. */
  cluster_id: string;
  /** ISO time of publication. */
  published_at: string;
  counts: HashedCounts;
}

/** The heaviest `limit` of hashed counts, hashes still ascending. */
export function heaviest(counts: HashedCounts, limit = CARD_TERMS): HashedCounts {
  const n = counts.keys.length;
  if (n <= limit) return counts;
  const kept = Array.from(counts.keys.keys())
    .sort((a, b) => counts.counts[b]! - counts.counts[a]! || counts.keys[a]! - counts.keys[b]!)
    .slice(0, limit)
    .sort((a, b) => a - b);
  return {
    keys: Uint32Array.from(kept, (i) => counts.keys[i]!),
    counts: Float32Array.from(kept, (i) => counts.counts[i]!),
  };
}

export function encodeStoryCard(card: StoryCard, limit = CARD_TERMS): Buffer {
  const meta = Buffer.from(
    JSON.stringify({
      id: card.id,
      story_id: card.story_id,
      cluster_id: card.cluster_id,
      published_at: card.published_at,
    }),
    "utf8",
  );
  const terms = heaviest(card.counts, limit);
  const n = terms.keys.length;
  const head = 4 + meta.length;
  const padded = head + ((4 - (head % 4)) % 4);
  const buffer = Buffer.alloc(padded + 4 + n * 8);
  buffer.writeUInt32LE(meta.length, 0);
  meta.copy(buffer, 4);
  buffer.writeUInt32LE(n, padded);
  const body = new Uint8Array(n * 8);
  new Uint32Array(body.buffer, 0, n).set(terms.keys);
  new Float32Array(body.buffer, n * 4, n).set(terms.counts);
  buffer.set(body, padded + 4);
  return buffer;
}

export class StoryCardError extends Error {}

export function decodeStoryCard(buffer: Buffer): StoryCard {
  const fail = (why: string) => new StoryCardError(`unreadable story card: ${why}`);
  if (buffer.length < 8) throw fail(`${buffer.length} bytes`);
  const metaLength = buffer.readUInt32LE(0);
  const head = 4 + metaLength;
  const padded = head + ((4 - (head % 4)) % 4);
  if (padded + 4 > buffer.length) throw fail("metadata longer than the card");
  let meta: Omit<StoryCard, "counts">;
  try {
    meta = JSON.parse(buffer.toString("utf8", 4, head));
  } catch {
    throw fail("metadata is not JSON");
  }
  if (
    typeof meta.id !== "string" ||
    typeof meta.story_id !== "string" ||
    typeof meta.published_at !== "string"
  )
    throw fail("metadata without id, story or time");
  const n = buffer.readUInt32LE(padded);
  if (padded + 4 + n * 8 !== buffer.length) throw fail(`${n} terms do not fit ${buffer.length} bytes`);
  // Copied out to an aligned buffer: a reply's bytes sit at any offset of a pooled one.
  const body = new Uint8Array(n * 8);
  body.set(buffer.subarray(padded + 4));
  return {
    ...meta,
    cluster_id: meta.cluster_id ?? meta.id,
    counts: { keys: new Uint32Array(body.buffer, 0, n), counts: new Float32Array(body.buffer, n * 4, n) },
  };
}
