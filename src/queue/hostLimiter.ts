/**
 * Per-host politeness shared by every worker process: at most `limit` requests in flight against a
 * host, and a pause of `delayMs` after each one before the next may start. State lives in Redis and
 * changes only inside Lua scripts, so two processes can never both take the last slot.
 *
 * A slot is a lease with an expiry, renewed while the request runs: a process killed with SIGKILL
 * holds its slots only until they expire (`leaseTtlMs`), never forever. Time is Redis's own clock,
 * so machines with skewed clocks agree.
 *
 * The pause counts from the end of the previous request, the strictest reading of Crawl-delay.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../log.ts";
import { crawlKey, type RedisClient } from "./connection.ts";

// KEYS: leases (sorted set: lease id → expiry), next-start (ms timestamp)
// ARGV: lease id, limit, lease ttl ms. Returns 0 when granted, a wait in ms, or -1 when full.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 0
`;

// KEYS: leases, next-start. ARGV: lease id, delay ms.
const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
local delay = tonumber(ARGV[2])
if delay > 0 then
  local candidate = now + delay
  local current = tonumber(redis.call('GET', KEYS[2]) or '0')
  if candidate > current then redis.call('SET', KEYS[2], candidate, 'PX', delay + 1000) end
end
return removed
`;

// KEYS: leases. ARGV: lease id, lease ttl ms. Extends a lease that still exists.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local updated = redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1])
if updated > 0 then redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2) end
return updated
`;

export interface Lease {
  host: string;
  /** Frees the slot; the host's next request waits `delayMs` from now. */
  release(delayMs: number): Promise<void>;
}

export type Acquired = { ok: true; lease: Lease } | { ok: false; waitMs: number };

export interface HostLimiterOptions {
  leaseTtlMs?: number;
  /** How long to wait when every slot is taken: the holder's release time is unknown. */
  fullWaitMs?: number;
  random?: () => number;
  /** Hears a failed lease renewal: the per-host limit across processes lapses with the lease. */
  logger?: Pick<Logger, "warn">;
}

export class HostLimiter {
  private readonly leaseTtlMs: number;
  private readonly fullWaitMs: number;
  private readonly random: () => number;
  private readonly logger: Pick<Logger, "warn"> | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    options: HostLimiterOptions = {},
  ) {
    this.leaseTtlMs = options.leaseTtlMs ?? 30_000;
    this.fullWaitMs = options.fullWaitMs ?? 250;
    this.random = options.random ?? Math.random;
    this.logger = options.logger;
  }

  private keys(host: string): [string, string] {
    return [crawlKey(this.prefix, "host", host, "leases"), crawlKey(this.prefix, "host", host, "next")];
  }

  async tryAcquire(host: string, limit: number): Promise<Acquired> {
    const id = randomUUID();
    const [leases, next] = this.keys(host);
    const result = Number(await this.redis.eval(ACQUIRE, 2, leases, next, id, limit, this.leaseTtlMs));
    if (result === 0) return { ok: true, lease: this.lease(host, id) };
    // Jitter spreads processes that found the host busy at the same moment.
    const base = result > 0 ? result : this.fullWaitMs;
    return { ok: false, waitMs: Math.ceil(base + this.random() * Math.min(base, 200)) };
  }

  /** Tries for up to `maxWaitMs`; a longer wait comes back as `{ ok: false, waitMs }`. */
  async acquire(
    host: string,
    limit: number,
    options: { maxWaitMs: number; signal?: AbortSignal },
  ): Promise<Acquired> {
    const deadline = Date.now() + options.maxWaitMs;
    for (;;) {
      options.signal?.throwIfAborted();
      const attempt = await this.tryAcquire(host, limit);
      if (attempt.ok || Date.now() + attempt.waitMs > deadline) return attempt;
      await new Promise((resolve) => setTimeout(resolve, attempt.waitMs));
    }
  }

  private lease(host: string, id: string): Lease {
    const [leases, next] = this.keys(host);
    // Renewed at a third of its life, so one missed renewal does not lose it.
    const timer = setInterval(
      () => {
        this.redis.eval(RENEW, 1, leases, id, this.leaseTtlMs).catch((error: unknown) => {
          // The next tick tries again; if the lease expires meanwhile, another process may take
          // the host's slot and the per-host limit is exceeded until this request ends.
          this.logger?.warn(
            { host, lease_ttl_ms: this.leaseTtlMs, err: error },
            "host slot lease renewal failed: the per-host limit may lapse",
          );
        });
      },
      Math.max(100, Math.floor(this.leaseTtlMs / 3)),
    );
    timer.unref();
    let released = false;
    return {
      host,
      release: async (delayMs) => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.redis.eval(RELEASE, 2, leases, next, id, Math.max(0, Math.round(delayMs)));
      },
    };
  }

  /** Slots currently held for a host (for tests and metrics). */
  async inFlight(host: string): Promise<number> {
    const [leases] = this.keys(host);
    return this.redis.zcount(leases, `(${Date.now()}`, "+inf");
  }
}
