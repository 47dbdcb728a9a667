/** Starts, stops and reports the local services Presswatch needs: OpenSearch, Redis, Chromium. */
import type { Env } from "../../src/config/env.ts";
import { chromiumStatus, chromiumUp } from "./chromium.ts";
import { openSearchDown, openSearchStatus, openSearchUp } from "./opensearch.ts";
import { redisDown, redisStatus, redisUp } from "./redis.ts";

export { ServiceError } from "./errors.ts";

export interface UpOptions {
  install: boolean;
  log?: (line: string) => void;
  /** Services to start; all by default. */
  only?: Array<"opensearch" | "redis" | "chromium">;
}

export async function servicesUp(env: Env, options: UpOptions): Promise<string[]> {
  const wanted = new Set(options.only ?? ["redis", "chromium", "opensearch"]);
  const lines: string[] = [];
  if (wanted.has("redis")) lines.push(await redisUp(env.REDIS_URL, env.DATA_DIR));
  if (wanted.has("chromium")) lines.push(chromiumUp(env.CHROMIUM_PATH, options.install, options.log));
  if (wanted.has("opensearch")) {
    lines.push(
      await openSearchUp({
        dataDir: env.DATA_DIR,
        port: env.OPENSEARCH_LOCAL_PORT,
        heap: env.OPENSEARCH_HEAP,
        java: env,
        ...(options.log ? { log: options.log } : {}),
      }),
    );
  }
  return lines;
}

export async function servicesDown(env: Env): Promise<string[]> {
  return [await openSearchDown(env.DATA_DIR), await redisDown(env.DATA_DIR)];
}

export async function servicesStatus(env: Env): Promise<Array<{ ok: boolean; line: string }>> {
  return [
    await openSearchStatus(env.DATA_DIR, env.OPENSEARCH_LOCAL_PORT),
    await redisStatus(env.REDIS_URL, env.DATA_DIR),
    chromiumStatus(env.CHROMIUM_PATH),
  ];
}
