/**
 * Two small Redis stores the crawl shares across processes: robots.txt records per origin (with
 * their TTL) and conditional-GET validators (ETag, Last-Modified) per feed URL.
 */
import type { Validators } from "../discover/discover.ts";
import type { RobotsRecord, RobotsStore } from "../fetch/robots.ts";
import { crawlKey, type RedisClient } from "../queue/connection.ts";

export function redisRobotsStore(redis: RedisClient, prefix: string): RobotsStore {
  return {
    get: async (origin) => {
      const text = await redis.get(crawlKey(prefix, "robots", origin));
      return text ? (JSON.parse(text) as RobotsRecord) : null;
    },
    put: async (origin, record, ttlMs) => {
      await redis.set(crawlKey(prefix, "robots", origin), JSON.stringify(record), "PX", ttlMs);
    },
  };
}

const VALIDATORS_TTL_MS = 30 * 86_400_000;

export function redisValidatorsStore(redis: RedisClient, prefix: string) {
  return {
    get: async (url: string): Promise<Validators | null> => {
      const text = await redis.get(crawlKey(prefix, "validators", url));
      return text ? (JSON.parse(text) as Validators) : null;
    },
    put: async (url: string, validators: Validators): Promise<void> => {
      await redis.set(
        crawlKey(prefix, "validators", url),
        JSON.stringify(validators),
        "PX",
        VALIDATORS_TTL_MS,
      );
    },
  };
}
