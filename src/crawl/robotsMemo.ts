/**
 * robots.txt records remembered in the process for a short while in front of the shared store:
 * every article of a site read the same record from Redis, one command of the six or seven a fetched
 * page costs. A remembered record is used for at most `maxAgeMs` after it was read (or written)
 * and never past the moment the shared store lets it expire (fetched + its TTL), so a process sees
 * a refetched robots.txt at most `maxAgeMs` after another process stored it. A missing record is
 * never remembered: the fetch-and-store path always asks the shared store.
 */
import { type RobotsRecord, type RobotsStore, robotsTtlMs } from "../fetch/robots.ts";

export const ROBOTS_MEMO_MS = 30_000;
/** Origins remembered at most; the oldest goes first. */
const MAX_ORIGINS = 1_000;

export function memoizedRobotsStore(
  store: RobotsStore,
  options: { maxAgeMs?: number; now?: () => number } = {},
): RobotsStore {
  const maxAgeMs = options.maxAgeMs ?? ROBOTS_MEMO_MS;
  const now = options.now ?? Date.now;
  const memo = new Map<string, { record: RobotsRecord; until: number }>();
  const remember = (origin: string, record: RobotsRecord) => {
    const until = Math.min(now() + maxAgeMs, record.fetchedAt + robotsTtlMs(record));
    memo.delete(origin);
    if (memo.size >= MAX_ORIGINS) memo.delete(memo.keys().next().value!);
    memo.set(origin, { record, until });
  };
  return {
    async get(origin) {
      const known = memo.get(origin);
      if (known && now() < known.until) return known.record;
      memo.delete(origin);
      const record = await store.get(origin);
      if (record) remember(origin, record);
      return record;
    },
    async put(origin, record, ttlMs) {
      await store.put(origin, record, ttlMs);
      remember(origin, record);
    },
  };
}
