/**
 * The discover job: one run of one source, read top to bottom.
 *
 *   look the source up (it may have been removed or disabled since it was scheduled)
 *   → discover its entries (feed / sitemap / listing)          failures are recorded, not thrown
 *   → keep the URLs never seen → add their fetch/render jobs → mark them seen (in that order)
 *   → record the run on the source's health
 *
 * All I/O comes in through `deps`.
 */
import { type DiscoverDeps, discoverSource } from "../discover/discover.ts";
import type { FeedEntry } from "../discover/feed.ts";
import type { Logger } from "../log.ts";
import type { DiscoverPayload } from "../queue/contract.ts";
import type { Source } from "../sources/schema.ts";
import type { RunOutcome } from "./health.ts";

export interface DiscoverJobDeps {
  source: (id: string) => Promise<Source | undefined>;
  /** Builds the fetch and validator functions for one source (its allow-list, its politeness). */
  discoverDeps: (source: Source, signal: AbortSignal) => DiscoverDeps;
  seen: { unseen(urls: string[]): Promise<string[]>; mark(urls: string[]): Promise<void> };
  /** Adds fetch (or render) jobs for new entries; must be idempotent per URL. */
  enqueue: (source: Source, entries: FeedEntry[]) => Promise<void>;
  recordRun: (sourceId: string, run: RunOutcome) => Promise<void>;
  now: () => Date;
  logger: Logger;
}

export type DiscoverJobResult =
  | { outcome: "skipped"; reason: string }
  | { outcome: "error"; kind: string; message: string }
  | { outcome: "ok"; items: number; new: number; notModified: boolean };

export async function runDiscoverJob(
  payload: DiscoverPayload,
  deps: DiscoverJobDeps,
  signal: AbortSignal,
): Promise<DiscoverJobResult> {
  const source = await deps.source(payload.source_id);
  if (!source) return { outcome: "skipped", reason: "source no longer configured" };
  if (!source.enabled) return { outcome: "skipped", reason: "source disabled" };
  const logger = deps.logger.child({ source: source.id, kind: source.kind });

  const result = await discoverSource(source, deps.discoverDeps(source, signal));
  if (!result.ok) {
    const { kind, message, url } = result.error;
    await deps.recordRun(source.id, { ok: false, at: deps.now(), kind, message, url });
    logger.warn({ err_kind: kind, url }, message);
    return { outcome: "error", kind, message };
  }

  // A feed may list the same article twice (with different tracking parameters, now stripped).
  const byUrl = new Map(result.entries.map((entry) => [entry.url, entry]));
  const fresh = await deps.seen.unseen([...byUrl.keys()]);
  await deps.enqueue(
    source,
    fresh.map((url) => byUrl.get(url)!),
  );
  await deps.seen.mark(fresh);
  await deps.recordRun(source.id, {
    ok: true,
    at: deps.now(),
    items: byUrl.size,
    newItems: fresh.length,
    notModified: result.notModified,
  });
  logger.info({ items: byUrl.size, new: fresh.length, not_modified: result.notModified }, "discovered");
  return { outcome: "ok", items: byUrl.size, new: fresh.length, notModified: result.notModified };
}
