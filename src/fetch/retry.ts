/**
 * Quick in-process retries for a single request (a 502 from a proxy, a reset connection). Longer
 * outages are left to the queue's own backoff; both use `retryDecision`, the one retry rule.
 */
import { type BackoffPolicy, retryDecision } from "../model/errors.ts";
import type { FetchResult } from "./http.ts";

export const QUICK_RETRIES: BackoffPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 };

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export async function withRetries(
  attempt: () => Promise<FetchResult>,
  options: { policy?: BackoffPolicy; sleep?: Sleep; signal?: AbortSignal } = {},
): Promise<FetchResult & { attempts: number }> {
  const policy = options.policy ?? QUICK_RETRIES;
  for (let n = 1; ; n++) {
    const result = await attempt();
    if (result.ok) return { ...result, attempts: n };
    const decision = retryDecision(result.error, n, policy);
    if (!decision.retry) return { ...result, attempts: n };
    await (options.sleep ?? sleep)(decision.delayMs, options.signal);
  }
}
