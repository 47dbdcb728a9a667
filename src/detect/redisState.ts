/**
 * Detector and story state in Redis, so any worker can carry on where another stopped. Each state
 * is one hash `{ v: version, s: JSON }`; an update reads it, applies a pure function, and writes
 * back only if the version is still the one read (compare-and-set in a Lua script, atomic on the
 * server). On a conflict the update is retried from a fresh read, so two workers updating the same
 * key never lose an update. The script runs on a shared connection (no WATCH, which would need a
 * connection of its own). Within one process, updates of the same key queue behind each other, so
 * conflicts only happen between processes.
 */
import type { RedisClient } from "../queue/connection.ts";

const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '0') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'v', tostring(tonumber(ARGV[1]) + 1), 's', ARGV[2])
local ttl = tonumber(ARGV[3])
if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
return 1
`;

const COMMAND = "presswatchCasState";

type CasRedis = RedisClient & {
  [COMMAND]: (key: string, expected: string, json: string, ttl: string) => Promise<number>;
};

export class StateConflictError extends Error {
  constructor(
    readonly key: string,
    readonly attempts: number,
  ) {
    super(`state ${key}: still conflicting after ${attempts} attempts`);
    this.name = "StateConflictError";
  }
}

export interface StateStoreOptions<T> {
  /** Key prefix, e.g. `presswatch:detect` (keys read `<prefix>:<key>`). */
  prefix: string;
  /** Turns the stored JSON (or null when absent) into a state; must accept anything. */
  parse: (json: string | null, key: string) => T;
  /** Seconds a state lives after its last update (0: forever). A silent series starts over. */
  ttlSeconds?: number;
  maxAttempts?: number;
}

export interface StateStore<T> {
  get(key: string): Promise<T>;
  /** Applies `step` atomically; returns what it returned besides the state. */
  update<R>(key: string, step: (state: T) => { state: T; result: R }): Promise<R>;
  /** Removes states (tests, resets). */
  remove(...keys: string[]): Promise<void>;
  redisKey(key: string): string;
}

function withCommand(redis: RedisClient): CasRedis {
  const candidate = redis as CasRedis;
  if (typeof candidate[COMMAND] !== "function")
    redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: CAS_SCRIPT });
  return candidate;
}

export function createStateStore<T>(redis: RedisClient, options: StateStoreOptions<T>): StateStore<T> {
  const client = withCommand(redis);
  const ttl = String(options.ttlSeconds ?? 0);
  const maxAttempts = options.maxAttempts ?? 100;
  const redisKey = (key: string) => `${options.prefix}:${key}`;
  const queues = new Map<string, Promise<void>>();

  async function read(key: string): Promise<{ version: string; state: T }> {
    const [version, json] = await client.hmget(redisKey(key), "v", "s");
    return { version: version ?? "0", state: options.parse(json ?? null, key) };
  }

  return {
    redisKey,
    async get(key) {
      return (await read(key)).state;
    },
    update(key, step) {
      // Updates of one key from this process wait for each other: they would only conflict.
      const previous = queues.get(key) ?? Promise.resolve();
      const run = previous.then(() => casLoop(key, step));
      const settled = run.then(
        () => {},
        () => {},
      );
      queues.set(key, settled);
      void settled.then(() => {
        if (queues.get(key) === settled) queues.delete(key);
      });
      return run;
    },
    async remove(...keys) {
      if (keys.length) await client.del(...keys.map(redisKey));
    },
  };

  async function casLoop<R>(key: string, step: (state: T) => { state: T; result: R }): Promise<R> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const { version, state } = await read(key);
      const next = step(state);
      const written = await client[COMMAND](redisKey(key), version, JSON.stringify(next.state), ttl);
      if (written === 1) return next.result;
      // Someone else wrote in between: back off a little (jittered) and start from their state.
      if (attempt > 2)
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
    }
    throw new StateConflictError(key, maxAttempts);
  }
}
