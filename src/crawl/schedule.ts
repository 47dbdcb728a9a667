/**
 * How often each source is polled, as a pure function of its configuration and health:
 *
 *   - a source that yields new URLs (hot) polls at its configured interval;
 *   - a quiet one doubles its interval per quiet run, up to its `max_interval`;
 *   - a failing one backs off exponentially, up to MAX_BACKOFF_MS, and says so (`reason`);
 *   - every interval is spread by a stable ±10% jitter derived from the source id, so sources
 *     configured alike do not all fire at the same second, and the jitter does not change between
 *     two planning rounds (which would reset the schedule each time).
 */
import { createHash } from "node:crypto";
import type { SourceHealth } from "../model/source.ts";
import type { Source } from "../sources/schema.ts";

export const MAX_BACKOFF_MS = 6 * 3_600_000;

export interface SchedulePlan {
  sourceId: string;
  everyMs: number;
  reason: "hot" | "quiet" | "backoff" | "new";
}

/** A number in [0, 1) fixed for a given text. */
export function stableFraction(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}

export function planSource(source: Source, health: SourceHealth | undefined): SchedulePlan {
  const jitter = 0.9 + 0.2 * stableFraction(source.id);
  let base = source.intervalMs;
  let reason: SchedulePlan["reason"] = "new";
  if (health && health.consecutive_failures > 0) {
    base = Math.max(
      source.intervalMs,
      Math.min(MAX_BACKOFF_MS, source.intervalMs * 2 ** Math.min(health.consecutive_failures, 10)),
    );
    reason = "backoff";
  } else if (health && health.quiet_runs > 0) {
    base = Math.min(source.maxIntervalMs, source.intervalMs * 2 ** Math.min(health.quiet_runs, 10));
    reason = "quiet";
  } else if (health && health.runs > 0) reason = "hot";
  return { sourceId: source.id, everyMs: Math.round(base * jitter), reason };
}

export function planSchedules(sources: Source[], health: Map<string, SourceHealth>): SchedulePlan[] {
  return sources
    .filter((source) => source.enabled)
    .map((source) => planSource(source, health.get(source.id)));
}
