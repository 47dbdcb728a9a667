/**
 * The alerts stage's memory of what it already did, in Redis so any worker can retry another's
 * job: which articles the detectors counted (with the alerts that raised) and which alerts were
 * notified. Keys expire: an article's record outlives its job (kept a week, see the queue
 * contract), a notification's outlives any retry.
 */
import type { Alert } from "../model/alert.ts";
import type { RedisClient } from "../queue/connection.ts";
import type { AlertLedger } from "./alertsJob.ts";

const TRACKED_TTL_SECONDS = 8 * 86_400;
const NOTIFIED_TTL_SECONDS = 30 * 86_400;

export function redisAlertLedger(redis: RedisClient, prefix: string): AlertLedger {
  const key = (...parts: string[]) => [prefix, "alerts", ...parts].join(":");
  return {
    async tracked(articleId) {
      const json = await redis.get(key("tracked", articleId));
      return json === null ? null : (JSON.parse(json) as Alert[]);
    },
    async recordTracked(articleId, alerts) {
      await redis.set(key("tracked", articleId), JSON.stringify(alerts), "EX", TRACKED_TTL_SECONDS);
    },
    async notified(alertId) {
      return (await redis.exists(key("notified", alertId))) === 1;
    },
    async markNotified(alertId) {
      await redis.set(key("notified", alertId), "1", "EX", NOTIFIED_TTL_SECONDS);
    },
  };
}

/** The same contract in memory, for tests and single-process tools. */
export function memoryAlertLedger(): AlertLedger {
  const tracked = new Map<string, string>();
  const notified = new Set<string>();
  return {
    async tracked(articleId) {
      const json = tracked.get(articleId);
      return json === undefined ? null : (JSON.parse(json) as Alert[]);
    },
    async recordTracked(articleId, alerts) {
      tracked.set(articleId, JSON.stringify(alerts));
    },
    async notified(alertId) {
      return notified.has(alertId);
    },
    async markNotified(alertId) {
      notified.add(alertId);
    },
  };
}
