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
import type { ChainableCommander, Redis } from "ioredis";
import {
  bandKeys,
  DEFAULT_DEDUPE_SETTINGS,
  type DedupeSettings,
  type Fingerprint,
  isCopy,
  type OutletRank,
} from "../analyze/dedupe.ts";

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
const TTL_SECONDS = 45 * 86_400; // copies appear within days; keep six weeks of history

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

export class FamilyIndex {
  /** The last assignment of this process in line for the lock (see withLock). */
  private localTail: Promise<void> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly settings: DedupeSettings = DEFAULT_DEDUPE_SETTINGS,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, "fam", ...parts].join(":");
  }

  async assign(article: FamilyCandidate): Promise<FamilyAssignment> {
    return this.withLock(async (release) => {
      const bands = bandKeys(article.fingerprint);
      // One round trip for what every assignment reads: whether the article is known (a retried
      // job), the candidates sharing a band (SUNION: each id once, however many bands it shares,
      // instead of 64 SMEMBERS replies repeating every member of a large family), and the original
      // of the family the article would found if it is nobody's copy.
      const [[, knownRaw], [, unionRaw], [, ownOriginalRaw]] = ((await this.redis
        .pipeline()
        .hget(this.key("sig", article.id), "family")
        .sunion(...bands.map((band) => this.key("band", band)))
        .get(this.key("orig", article.id))
        .exec()) ?? []) as Array<[Error | null, unknown]>;
      const known = knownRaw as string | null;
      if (known) return this.replay(article.id, known);

      let family = article.id;
      let best = 0;
      const ids = ((unionRaw as string[] | null) ?? []).filter((id) => id !== article.id);
      if (ids.length) {
        const stored = await this.redis
          .pipeline(ids.map((id) => ["hmget", this.key("sig", id), "sig", "n", "family"]))
          .exec();
        ids.forEach((_, i) => {
          const [sig, n, fam] = (stored?.[i]?.[1] as Array<string | null>) ?? [];
          if (!sig || !n || !fam) return;
          const verdict = isCopy(article.fingerprint, decodeSignature(sig, Number(n)), this.settings);
          if (verdict.copy && verdict.jaccard > best) {
            best = verdict.jaccard;
            family = fam;
          }
        });
      }

      const record: OriginalRecord = {
        id: article.id,
        published_at: article.published_at,
        reprint: article.reprint,
        rank: article.rank,
      };
      const previousRaw =
        family === article.id
          ? (ownOriginalRaw as string | null)
          : await this.redis.get(this.key("orig", family));
      const previous = previousRaw ? (JSON.parse(previousRaw) as OriginalRecord) : null;
      const becomesOriginal = !previous || compareOriginals(record, previous) < 0;

      const write = this.redis.multi();
      write.hset(this.key("sig", article.id), {
        sig: encodeSignature(article.fingerprint),
        n: String(article.fingerprint.shingles),
        family,
      });
      write.expire(this.key("sig", article.id), TTL_SECONDS);
      // SADD + EXPIRE of the 64 band keys in one script call rather than 128 queued commands.
      write.eval(ADD_TO_BANDS, bands.length, ...bands.map((band) => this.key("band", band)), article.id, TTL_SECONDS);
      if (becomesOriginal) write.set(this.key("orig", family), JSON.stringify(record), "EX", TTL_SECONDS);
      // The lock is released in the same transaction, after the writes: one round trip fewer.
      release(write);
      await write.exec();

      return {
        family,
        original: becomesOriginal ? article.id : previous!.id,
        isOriginal: becomesOriginal,
        demoted: becomesOriginal && previous && previous.id !== article.id ? previous.id : null,
      };
    });
  }

  /** The family's original now (it may have changed since an article was analysed). */
  async originalOf(family: string): Promise<string> {
    const raw = await this.redis.get(this.key("orig", family));
    return raw ? (JSON.parse(raw) as OriginalRecord).id : family;
  }

  /** A retried job gets the answer it got the first time (minus a demotion already sent). */
  private async replay(id: string, family: string): Promise<FamilyAssignment> {
    const original = await this.originalOf(family);
    return { family, original, isOriginal: original === id, demoted: null };
  }

  /**
   * Runs `task` holding the families lock. The jobs of one process queue for it here, in order,
   * and only the one at the head takes the Redis lock (which serialises processes): before, every
   * concurrent job of the process polled Redis every 5-10 ms, so each hand-over cost a sleep and
   * the polls were most of the lock's traffic. `task` may queue the release into its last write
   * (`release(multi)`); otherwise, or if it throws first, the lock is released on its own.
   */
  private async withLock<T>(task: (release: (multi: ChainableCommander) => void) => Promise<T>): Promise<T> {
    const previous = this.localTail;
    let done!: () => void;
    this.localTail = new Promise<void>((resolve) => {
      done = resolve;
    });
    await previous;
    try {
      return await this.withRedisLock(task);
    } finally {
      done();
    }
  }

  private async withRedisLock<T>(
    task: (release: (multi: ChainableCommander) => void) => Promise<T>,
  ): Promise<T> {
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
