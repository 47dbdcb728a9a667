/**
 * A source's status: its last run, its last error (kind, message, time, stage), how many items it
 * listed and how quiet it has been. Part of the domain model: it imports nothing; the transitions
 * are src/crawl/health.ts, the store src/crawl/healthStore.ts.
 */

export interface RecordedError {
  kind: string;
  message: string;
  at: string;
  /** Where it happened: the source's own document, or one of its articles. */
  stage: "discover" | "article";
  url?: string;
}

export interface SourceHealth {
  source_id: string;
  state: "new" | "ok" | "failing" | "silent";
  runs: number;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: RecordedError | null;
  consecutive_failures: number;
  empty_runs: number;
  /** Successful runs in a row without a new URL (a 304 included): the scheduler slows down. */
  quiet_runs: number;
  ever_had_items: boolean;
  items_last_run: number;
  new_items_last_run: number;
  not_modified_last_run: boolean;
  /** When a run last found a new item (absent in records written before it was kept). */
  last_new_item_at?: string | null;
  /** The source's usual time between new items, learned; null until a gap was seen. */
  publish_interval_ms?: number | null;
  /** How many gaps the interval was learned from. */
  publish_gaps?: number;
  /** Set while silent: time since the last new item, at the last run. */
  silent_for_ms?: number | null;
}
