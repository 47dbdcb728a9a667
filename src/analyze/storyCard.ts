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
 * Encoding (little-endian): u32 length of the metadata JSON, the JSON, zero padding to 4 bytes,
 * u32 term count n, n u32 term hashes, n f32 counts. Pure.
 */

/** Terms a card keeps (the heaviest; ties by hash, for a stable choice). */
export const CARD_TERMS = 256;

export interface StoryCard {
  id: string;
  story_id: string;
  /** The near-duplicate family. */
  cluster_id: string;
  /** ISO time of publication. */
  published_at: string;
  counts: ReadonlyMap<number, number>;
}

/** The heaviest `limit` of hashed counts. */
export function heaviest(counts: ReadonlyMap<number, number>, limit = CARD_TERMS): Map<number, number> {
  if (counts.size <= limit) return new Map(counts);
  return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit));
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
  const head = 4 + meta.length;
  const padded = head + ((4 - (head % 4)) % 4);
  const buffer = Buffer.alloc(padded + 4 + terms.size * 8);
  buffer.writeUInt32LE(meta.length, 0);
  meta.copy(buffer, 4);
  buffer.writeUInt32LE(terms.size, padded);
  let at = padded + 4;
  for (const hash of terms.keys()) {
    buffer.writeUInt32LE(hash >>> 0, at);
    at += 4;
  }
  for (const count of terms.values()) {
    buffer.writeFloatLE(count, at);
    at += 4;
  }
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
  const counts = new Map<number, number>();
  const hashes = padded + 4;
  const values = hashes + n * 4;
  for (let i = 0; i < n; i++)
    counts.set(buffer.readUInt32LE(hashes + i * 4), buffer.readFloatLE(values + i * 4));
  return { ...meta, cluster_id: meta.cluster_id ?? meta.id, counts };
}
