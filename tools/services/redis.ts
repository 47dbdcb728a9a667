/**
 * Redis: use REDIS_URL when it answers; otherwise, for a local URL, start Debian's redis-server with
 * its own data directory (append-only persistence, so a restart keeps queued work).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Redis } from "ioredis";
import { ServiceError } from "./errors.ts";
import { isAlive, readPid, stopPid } from "./process.ts";

async function ping(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket error (ECONNREFUSED, ENOTFOUND…) says more than the "Connection is closed" that follows it.
  let socketError: Error | undefined;
  client.on("error", (error: Error) => {
    socketError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (socketError ?? (error as Error)).message };
  } finally {
    client.disconnect();
  }
}

function pidFile(dataDir: string) {
  return join(resolve(dataDir, "redis"), "redis.pid");
}

export async function redisUp(url: string, dataDir: string): Promise<string> {
  const first = await ping(url);
  if (first.ok) return `Redis ${url}: reachable`;
  const parsed = new URL(url);
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (!local)
    throw new ServiceError("redis", `Redis at ${url} is unreachable (${first.reason}); check REDIS_URL`);

  const dir = resolve(dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = parsed.port || "6379";
  const started = spawnSync(
    "redis-server",
    [
      "--port",
      port,
      "--bind",
      "127.0.0.1",
      "--daemonize",
      "yes",
      "--dir",
      dir,
      "--pidfile",
      pidFile(dataDir),
      "--logfile",
      join(dir, "redis.log"),
      "--appendonly",
      "yes",
    ],
    { encoding: "utf8" },
  );
  if (started.error) {
    throw new ServiceError(
      "redis",
      `Redis at ${url} is unreachable (${first.reason}) and redis-server is not installed; install it (apt-get install -y redis-server) or set REDIS_URL`,
    );
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    if ((await ping(url)).ok) return `Redis ${url}: started (data in ${dir})`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new ServiceError(
    "redis",
    `Redis at ${url} is unreachable (${first.reason}) and a local redis-server did not start; see ${join(dir, "redis.log")}`,
  );
}

export async function redisDown(dataDir: string): Promise<string> {
  return (await stopPid(pidFile(dataDir), 10_000))
    ? "Redis stopped"
    : "Redis left running (not started by us)";
}

export async function redisStatus(url: string, dataDir: string): Promise<{ ok: boolean; line: string }> {
  const answer = await ping(url);
  const pid = readPid(pidFile(dataDir));
  const owner = pid !== undefined && isAlive(pid) ? `, pid ${pid}` : "";
  return answer.ok
    ? { ok: true, line: `Redis ${url}: reachable${owner}` }
    : { ok: false, line: `Redis ${url}: unreachable (${answer.reason})` };
}
