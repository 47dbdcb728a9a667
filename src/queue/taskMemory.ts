/**
 * Remembers a long engine task (the article reindex) in Redis under the deployment's prefix, so
 * an interrupted `presswatch store reindex` attaches to it when run again, from any machine.
 */
import type { RememberedTask, TaskMemory } from "../store/reindex.ts";
import type { RedisClient } from "./connection.ts";

/** A month: a task older than that is long finished or forgotten by the engine. */
const TTL_SECONDS = 30 * 86_400;

export function redisTaskMemory(redis: RedisClient, key: string): TaskMemory {
  return {
    async get() {
      const text = await redis.get(key);
      return text ? (JSON.parse(text) as RememberedTask) : null;
    },
    async set(task) {
      await redis.set(key, JSON.stringify(task), "EX", TTL_SECONDS);
    },
    async clear() {
      await redis.del(key);
    },
  };
}

export const reindexTaskKey = (queuePrefix: string) => `${queuePrefix}:store:reindex-task`;
