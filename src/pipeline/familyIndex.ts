/**
 * The near-duplicate families of every article seen, in Redis, so all analyze workers agree on
 * which articles are copies of which and which one is the original.
 *
 * Each article's MinHash signature is stored with its family; its LSH band keys point back to it.
 * A new article joins the family of its closest copy among the candidates sharing a band, or starts
 * its own. The family's original is re-decided on every arrival (a copy may be crawled before its
 * original); when it changes, the previous original is returned as `demoted` so its document can be
 * updated. Assignments are serialised by a short Redis lock: concurrent copies must not each start
 * a family of their own.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { ChainableCommander } from "ioredis";
import {
  bandKeys,
  DEFAULT_DEDUPE_SETTINGS,
  type DedupeSettings,
  type Fingerprint,
  isCopy,
  type OutletRank,
} from "../analyze/dedupe.ts";
import type { RedisClient } from "../queue/connection.ts";

export interface FamilyCandidate {
  id: string;
  fingerprint: Fingerprint;
  published_at: string | null;
  /** Credits another outlet ("Theo TTXVN"): never the original when a non-reprint exists. */
  reprint: boolean;
  rank: OutletRank;
}

export interface FamilyAssignment {
  family: string;
  original: string;
  isOriginal: boolean;
  /** The article that was the family's original until this one arrived, if any. */
  demoted: string | null;
}

type OriginalRecord = Pick<FamilyCandidate, "id" | "published_at" | "reprint" | "rank">;

const RANK_ORDER: Record<OutletRank, number> = { partner: 0, portal: 1, other: 2 };
/** Copies appear within days; six weeks of history by default (FAMILY_HISTORY_DAYS). */
export const DEFAULT_FAMILY_HISTORY_DAYS = 45;

/** Negative when `a` is the better original: not a reprint, earlier, a partner, then by id. */
export function compareOriginals(a: OriginalRecord, b: OriginalRecord): number {
  if (a.reprint !== b.reprint) return a.reprint ? 1 : -1;
  const time = (value: string | null) => (value ? Date.parse(value) : Number.POSITIVE_INFINITY);
  const [ta, tb] = [time(a.published_at), time(b.published_at)];
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.rank !== b.rank) return RANK_ORDER[a.rank] - RANK_ORDER[b.rank];
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function encodeSignature(fp: Fingerprint): string {
  return Buffer.from(fp.signature.buffer, fp.signature.byteOffset, fp.signature.byteLength).toString(
    "base64",
  );
}

/** Pipeline replies as values: the first error, if any, is thrown. */
function values<T>(replies: Array<[Error | null, unknown]> | null): T[] {
  return (replies ?? []).map(([error, value]) => {
    if (error) throw error;
    return value as T;
  });
}

function parse(raw: unknown): OriginalRecord | null {
  return typeof raw === "string" ? (JSON.parse(raw) as OriginalRecord) : null;
}

function decodeSignature(encoded: string, shingles: number): Fingerprint {
  const bytes = Buffer.from(encoded, "base64");
  const signature = new Uint32Array(bytes.byteLength / 4);
  for (let i = 0; i < signature.length; i++) signature[i] = bytes.readUInt32LE(i * 4);
  return { signature, shingles };
}

// KEYS: band keys. ARGV: article id, ttl seconds.
const ADD_TO_BANDS = `
for _, key in ipairs(KEYS) do
  redis.call('SADD', key, ARGV[1])
  redis.call('EXPIRE', key, tonumber(ARGV[2]))
end
return #KEYS
`;

const RELEASE_LOCK =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Assignments waiting in one process are decided together, up to this many per lock hold. */
const MAX_BATCH = 64;

interface Waiting {
  article: FamilyCandidate;
  resolve: (assignment: FamilyAssignment) => void;
  reject: (error: unknown) => void;
}

export class FamilyIndex {
  /** Assignments of this process waiting for the lock, and whether a batch is under way. */
  private waiting: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly settings: DedupeSettings = DEFAULT_DEDUPE_SETTINGS,
    /** How long an article's signature and bands are kept: a copy arriving later starts a family. */
    historyDays = DEFAULT_FAMILY_HISTORY_DAYS,
  ) {
    this.ttlSeconds = Math.round(historyDays * 86_400);
  }

  private readonly ttlSeconds: number;

  private key(...parts: string[]): string {
    return [this.prefix, "fam", ...parts].join(":");
  }

  /**
   * The article's family. The concurrent jobs of one process queue here and the head of the queue
   * takes the Redis lock (which serialises processes) for everything waiting: one lock hold and
   * four round trips per batch rather than per article. Before, every job polled the lock every
   * 5-10 ms and held it over seven round trips, during which the process's other jobs ran their
   * analysis on the same event loop: the lock, not the CPU, bounded the analyze stage.
   * Decisions are the same as one at a time in arrival order: each article sees the ones before
   * it, in the batch as in Redis.
   */
  assign(article: FamilyCandidate): Promise<FamilyAssignment> {
    return new Promise<FamilyAssignment>((resolve, reject) => {
      this.waiting.push({ article, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const assignments = await this.withLock((release) =>
            this.assignBatch(
              batch.map((w) => w.article),
              release,
            ),
          );
          for (const [i, w] of batch.entries()) w.resolve(assignments[i]!);
        } catch (error) {
          // Nothing was written (the writes are one transaction, sent last): each job retries.
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async assignBatch(
    articles: FamilyCandidate[],
    release: (multi: ChainableCommander) => void,
  ): Promise<FamilyAssignment[]> {
    const bands = articles.map((article) => bandKeys(article.fingerprint));
    // Round trip 1: whether each article is known (a retried job), the candidates sharing a band
    // (SUNION: each id once, however many bands it shares, rather than 64 SMEMBERS replies
    // repeating every member of a large family), and the original of the family it would found.
    const read = values<string | string[] | null>(
      await articles
        .reduce(
          (pipe, article, i) =>
            pipe
              .hget(this.key("sig", article.id), "family")
              .sunion(...bands[i]!.map((band) => this.key("band", band)))
              .get(this.key("orig", article.id)),
          this.redis.pipeline(),
        )
        .exec(),
    );
    const known = articles.map((_, i) => read[3 * i] as string | null);
    const unions = articles.map((article, i) =>
      ((read[3 * i + 1] as string[] | null) ?? []).filter((id) => id !== article.id),
    );

    // Round trip 2: the stored signatures of every candidate of the batch, each once.
    const candidateIds = [...new Set(unions.flat())];
    const stored = new Map<string, { fingerprint: Fingerprint; family: string }>();
    if (candidateIds.length) {
      const rows = values<Array<string | null>>(
        await this.redis
          .pipeline(candidateIds.map((id) => ["hmget", this.key("sig", id), "sig", "n", "family"]))
          .exec(),
      );
      candidateIds.forEach((id, i) => {
        const [sig, n, fam] = rows[i] ?? [];
        if (sig && n && fam) stored.set(id, { fingerprint: decodeSignature(sig, Number(n)), family: fam });
      });
    }

    // Families, in arrival order: an article may be a copy of one stored or of one earlier in the
    // batch (sharing a band with it, as the stored ones do).
    const families: string[] = [];
    const bandSets = bands.map((keys) => new Set(keys));
    const placed = new Map<string, number>(); // id → index of its first arrival in the batch
    articles.forEach((article, i) => {
      const replayed = known[i] ?? (placed.has(article.id) ? families[placed.get(article.id)!]! : null);
      if (replayed) {
        families.push(replayed);
        return;
      }
      let family = article.id;
      let best = 0;
      const consider = (fingerprint: Fingerprint, fam: string) => {
        const verdict = isCopy(article.fingerprint, fingerprint, this.settings);
        if (verdict.copy && verdict.jaccard > best) {
          best = verdict.jaccard;
          family = fam;
        }
      };
      for (const id of unions[i]!) {
        const candidate = stored.get(id);
        if (candidate) consider(candidate.fingerprint, candidate.family);
      }
      for (const [id, j] of placed) {
        if (id === article.id || known[j] || stored.has(id)) continue;
        if (bands[j]!.some((band) => bandSets[i]!.has(band)))
          consider(articles[j]!.fingerprint, families[j]!);
      }
      families.push(family);
      placed.set(article.id, i);
    });

    // Round trip 3: the current original of every family involved that was not read already.
    const originals = new Map<string, OriginalRecord | null>();
    articles.forEach((article, i) => {
      if (families[i] === article.id && !known[i]) originals.set(article.id, parse(read[3 * i + 2]));
    });
    const missing = [...new Set(families)].filter((family) => !originals.has(family));
    if (missing.length) {
      const raws = values<string | null>(
        await this.redis.pipeline(missing.map((family) => ["get", this.key("orig", family)])).exec(),
      );
      for (const [i, family] of missing.entries()) originals.set(family, parse(raws[i] ?? null));
    }

    // Decisions in arrival order, then round trip 4: every write and the lock's release, at once.
    const write = this.redis.multi();
    const assignments = articles.map((article, i): FamilyAssignment => {
      const family = families[i]!;
      const previous = originals.get(family) ?? null;
      if (known[i] || placed.get(article.id) !== i) {
        // A retried job gets the answer it got the first time (minus a demotion already sent).
        const original = previous?.id ?? family;
        return { family, original, isOriginal: original === article.id, demoted: null };
      }
      const record: OriginalRecord = {
        id: article.id,
        published_at: article.published_at,
        reprint: article.reprint,
        rank: article.rank,
      };
      const becomesOriginal = !previous || compareOriginals(record, previous) < 0;
      write.hset(this.key("sig", article.id), {
        sig: encodeSignature(article.fingerprint),
        n: String(article.fingerprint.shingles),
        family,
      });
      write.expire(this.key("sig", article.id), this.ttlSeconds);
      // SADD + EXPIRE of the 64 band keys in one script call rather than 128 queued commands.
      write.eval(
        ADD_TO_BANDS,
        bands[i]!.length,
        ...bands[i]!.map((band) => this.key("band", band)),
        article.id,
        this.ttlSeconds,
      );
      if (becomesOriginal) {
        write.set(this.key("orig", family), JSON.stringify(record), "EX", this.ttlSeconds);
        originals.set(family, record);
      }
      return {
        family,
        original: becomesOriginal ? article.id : previous!.id,
        isOriginal: becomesOriginal,
        demoted: becomesOriginal && previous && previous.id !== article.id ? previous.id : null,
      };
    });
    release(write);
    await write.exec();
    return assignments;
  }

  /** Each family's original now (it may have changed since its articles were analysed). */
  async originalsOf(families: string[]): Promise<string[]> {
    if (!families.length) return [];
    const raws = await this.redis.mget(families.map((family) => this.key("orig", family)));
    return families.map((family, i) => parse(raws[i] ?? null)?.id ?? family);
  }

  /**
   * Runs `task` holding the Redis lock. `task` may queue the release into its last write
   * (`release(multi)`); otherwise, or if it throws, the lock is released on its own.
   */
  private async withLock<T>(task: (release: (multi: ChainableCommander) => void) => Promise<T>): Promise<T> {
    const lock = this.key("lock");
    const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
    for (let attempt = 0; ; attempt++) {
      if (await this.redis.set(lock, token, "PX", 10_000, "NX")) break;
      if (attempt > 2_000) throw new Error("could not take the family lock for 20 s");
      await sleep(5 + Math.random() * 5);
    }
    let queued = false;
    try {
      return await task((multi) => {
        queued = true;
        multi.eval(RELEASE_LOCK, 1, lock, token);
      });
    } catch (error) {
      // The write that carried the release may not have run: release again (a no-op if it did).
      queued = false;
      throw error;
    } finally {
      // Release only our own lock (it may have expired and been taken by another worker).
      if (!queued) await this.redis.eval(RELEASE_LOCK, 1, lock, token);
    }
  }
}
