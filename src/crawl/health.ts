/**
 * Feed health, as pure transitions: what a source's record becomes after a discovery run or an
 * article error. Stored by `healthStore.ts`, read by the scheduler (back-off) and by operators.
 *
 * States:
 *   new      never ran
 *   ok       the last run succeeded
 *   failing  the last run failed (consecutive_failures counts how many in a row)
 *   silent   a source that used to list items has listed none for `silentAfter` runs in a row:
 *            typically a redesign that broke a selector or a feed that stopped being updated
 * A 304 Not Modified is a success that changes nothing about silence.
 */

import type { SourceHealth } from "../model/source.ts";

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
  };
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
  return {
    ...base,
    state: everHadItems && emptyRuns >= silentAfter ? "silent" : "ok",
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
