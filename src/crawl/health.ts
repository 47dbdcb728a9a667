/**
 * Feed health, as pure transitions: what a source's record becomes after a discovery run or an
 * article error. Stored by `healthStore.ts`, read by the scheduler (back-off) and by operators.
 *
 * States:
 *   new      never ran
 *   ok       the last run succeeded
 *   failing  the last run failed (consecutive_failures counts how many in a row)
 *   silent   a source that used to list items has listed none for `silentAfter` runs in a row
 *            (typically a redesign that broke a selector), or has brought nothing new (answering
 *            304 Not Modified or repeating the same items) for longer than SILENCE_FACTOR times
 *            its usual publishing interval, learned per source from the gaps between runs that
 *            found new items: a feed that stopped being updated. `silent_for_ms` says how long.
 * A 304 Not Modified is a success: it never counts as an empty run, but it is time without news.
 */

import type { SourceHealth } from "../model/source.ts";

/** How many usual intervals without a new item make a source silent. */
export const SILENCE_FACTOR = 3;
/** Gaps between new items to observe before the interval is trusted. */
export const MIN_OBSERVED_GAPS = 3;
/** Weight of the newest gap in the learned interval (an exponential moving average). */
const INTERVAL_WEIGHT = 0.3;
/** Never silent after less than this, however often the source usually publishes. */
export const MIN_SILENCE_MS = 60 * 60_000;

export type RunOutcome =
  | { ok: true; at: Date; items: number; newItems: number; notModified: boolean }
  | { ok: false; at: Date; kind: string; message: string; url?: string };

export function initialHealth(sourceId: string): SourceHealth {
  return {
    source_id: sourceId,
    state: "new",
    runs: 0,
    last_run_at: null,
    last_success_at: null,
    last_error: null,
    consecutive_failures: 0,
    empty_runs: 0,
    quiet_runs: 0,
    ever_had_items: false,
    items_last_run: 0,
    new_items_last_run: 0,
    not_modified_last_run: false,
    last_new_item_at: null,
    publish_interval_ms: null,
    publish_gaps: 0,
    silent_for_ms: null,
  };
}

/** The learned interval and last new item after a successful run. */
function learnInterval(
  previous: SourceHealth,
  at: Date,
  newItems: number,
): Pick<SourceHealth, "last_new_item_at" | "publish_interval_ms" | "publish_gaps"> {
  const last = previous.last_new_item_at ? Date.parse(previous.last_new_item_at) : null;
  const interval = previous.publish_interval_ms ?? null;
  const gaps = previous.publish_gaps ?? 0;
  if (newItems === 0)
    return {
      last_new_item_at: previous.last_new_item_at ?? null,
      publish_interval_ms: interval,
      publish_gaps: gaps,
    };
  if (last === null || at.getTime() <= last)
    return { last_new_item_at: at.toISOString(), publish_interval_ms: interval, publish_gaps: gaps };
  const gap = at.getTime() - last;
  return {
    last_new_item_at: at.toISOString(),
    publish_interval_ms:
      interval === null ? gap : Math.round(interval * (1 - INTERVAL_WEIGHT) + gap * INTERVAL_WEIGHT),
    publish_gaps: gaps + 1,
  };
}

/** Time without a new item beyond what the source's own rhythm allows, or null. */
export function silenceOf(health: SourceHealth, at: Date): number | null {
  if (!health.last_new_item_at || !health.publish_interval_ms) return null;
  if ((health.publish_gaps ?? 0) < MIN_OBSERVED_GAPS) return null;
  const quiet = at.getTime() - Date.parse(health.last_new_item_at);
  return quiet > Math.max(SILENCE_FACTOR * health.publish_interval_ms, MIN_SILENCE_MS) ? quiet : null;
}

const STATE_ORDER: Record<SourceHealth["state"], number> = { silent: 0, failing: 1, new: 2, ok: 3 };

/** The order a sources page lists them in: silent and failing first, the longest trouble first. */
export function troubleFirst(a: SourceHealth, b: SourceHealth): number {
  return (
    STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
    (b.silent_for_ms ?? 0) - (a.silent_for_ms ?? 0) ||
    b.consecutive_failures - a.consecutive_failures ||
    a.source_id.localeCompare(b.source_id)
  );
}

export function afterRun(previous: SourceHealth, run: RunOutcome, silentAfter: number): SourceHealth {
  const at = run.at.toISOString();
  const base = { ...previous, runs: previous.runs + 1, last_run_at: at };
  if (!run.ok) {
    return {
      ...base,
      state: "failing",
      consecutive_failures: previous.consecutive_failures + 1,
      last_error: {
        kind: run.kind,
        message: run.message,
        at,
        stage: "discover",
        ...(run.url ? { url: run.url } : {}),
      },
      items_last_run: 0,
      new_items_last_run: 0,
      not_modified_last_run: false,
    };
  }
  const emptyRuns = run.notModified ? previous.empty_runs : run.items === 0 ? previous.empty_runs + 1 : 0;
  const everHadItems = previous.ever_had_items || run.items > 0;
  const learned = learnInterval(previous, run.at, run.newItems);
  const silentFor = run.newItems > 0 ? null : silenceOf({ ...previous, ...learned }, run.at);
  const emptyTooLong = everHadItems && emptyRuns >= silentAfter;
  const sinceLastNew = learned.last_new_item_at
    ? run.at.getTime() - Date.parse(learned.last_new_item_at)
    : null;
  return {
    ...base,
    ...learned,
    silent_for_ms: silentFor ?? (emptyTooLong ? sinceLastNew : null),
    state: emptyTooLong || silentFor !== null ? "silent" : "ok",
    last_success_at: at,
    consecutive_failures: 0,
    empty_runs: emptyRuns,
    quiet_runs: run.newItems === 0 ? previous.quiet_runs + 1 : 0,
    ever_had_items: everHadItems,
    items_last_run: run.notModified ? previous.items_last_run : run.items,
    new_items_last_run: run.newItems,
    not_modified_last_run: run.notModified,
  };
}

/** An article of the source failed: recorded as the last error without changing the source's state. */
export function afterArticleError(
  previous: SourceHealth,
  error: { kind: string; message: string; url: string },
  at: Date,
): SourceHealth {
  return { ...previous, last_error: { ...error, at: at.toISOString(), stage: "article" } };
}
