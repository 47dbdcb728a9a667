/**
 * One indexed article through the alerts stage: its spike series and its story (trackArticle,
 * state in Redis), the watchlists it matches (percolation), each alert raised stored once, then
 * handed to the notification hook.
 *
 * Safe to run twice (a retry after the engine or the hook failed, a stalled job run again):
 * - the detectors count an article once: what tracking raised the first time is kept in the
 *   ledger and reused, because the detector counts increments, not ids;
 * - alert ids are derived from what they are about and the store creates each id once;
 * - the hook is called for an alert until it succeeded once (the ledger remembers which), so a
 *   failed notification is retried with the job and a sent one is not sent again.
 */

import { watchlistAlert } from "../detect/alerts.ts";
import type { BudgetConfig } from "../detect/budget.ts";
import { DESCRIBE_ARTICLES, describeAlert } from "../detect/describe.ts";
import {
  DEFAULT_TRACKING_SETTINGS,
  type TrackedArticle,
  type TrackingSettings,
  type TrackingStores,
  trackArticle,
} from "../detect/track.ts";
import type { Alert } from "../model/alert.ts";
import type { ArticleDoc } from "../model/article.ts";
import type { AlertStore } from "../store/alerts.ts";
import type { Watchlist } from "../store/watchlists.ts";

export type WatchlistRef = Pick<Watchlist, "id" | "name" | "agency">;

/** What the stage remembers between runs of the same job (Redis in the workers). */
export interface AlertLedger {
  /** The alerts tracking raised for this article when it was first counted, or null if never. */
  tracked(articleId: string): Promise<Alert[] | null>;
  recordTracked(articleId: string, alerts: Alert[]): Promise<void>;
  notified(alertId: string): Promise<boolean>;
  markNotified(alertId: string): Promise<void>;
}

export interface AlertsJobDeps {
  /** The indexed document (a realtime get by id), or null when the engine does not have it. */
  load: (id: string) => Promise<ArticleDoc | null>;
  stores: TrackingStores;
  ledger: AlertLedger;
  percolate: (doc: ArticleDoc) => Promise<WatchlistRef[]>;
  alerts: Pick<AlertStore, "put">;
  /** Sends an alert to people (built by src/notify); absent, alerts are only stored. */
  notify?: ((alert: Alert) => Promise<void>) | undefined;
  now?: () => Date;
  settings?: TrackingSettings;
  /** The operators' alert budget (budget.ts; cached by the worker); the detector's own without it. */
  budget?: () => Promise<BudgetConfig>;
}

export interface AlertsJobResult {
  id: string;
  /** Every alert this article raised (on this run or, for tracking, on the first). */
  alerts: string[];
  /** Of those, the ones this run stored for the first time. */
  created: string[];
}

export function trackedArticle(doc: ArticleDoc, claims: string[]): TrackedArticle {
  return {
    id: doc.id,
    title: doc.title,
    published_at: doc.published_at,
    story_id: doc.story_id,
    outlet: doc.outlet,
    themes: doc.themes,
    agencies: doc.agencies,
    outlet_kind: doc.outlet_kind,
    tone: doc.tone,
    misinformation: doc.misinformation,
    claims,
  };
}

/**
 * When the article entered the pipeline, which decides its detector bucket: the fetch time, so a
 * backlog worked off after an outage is counted when it was collected, not all at once.
 */
export function pipelineTime(doc: Pick<ArticleDoc, "fetched_at">, now: Date): number {
  const at = Date.parse(doc.fetched_at);
  return Number.isFinite(at) ? Math.min(at, now.getTime()) : now.getTime();
}

async function describe(alert: Alert, doc: ArticleDoc, load: AlertsJobDeps["load"]): Promise<Alert> {
  const ids = alert.evidence.article_ids.slice(0, DESCRIBE_ARTICLES);
  const articles = await Promise.all(
    // An evidence article the engine cannot give now is left out of the description, not fatal:
    // the alert itself matters more than its summary.
    ids.map((id) => (id === doc.id ? doc : load(id).catch(() => null))),
  );
  return describeAlert(alert, ids.includes(doc.id) ? articles : [...articles, doc]);
}

export async function runAlertsJob(
  payload: { id: string; claims: string[] },
  deps: AlertsJobDeps,
): Promise<AlertsJobResult> {
  const now = deps.now?.() ?? new Date();
  const doc = await deps.load(payload.id);
  // The index job enqueues this one after its bulk succeeded, so a missing document is a race
  // with an alias switch (reindex) or a deletion: retry, and fail visibly if it persists.
  if (!doc) throw new Error(`article ${payload.id} is not in the index`);

  let tracked = await deps.ledger.tracked(doc.id);
  if (!tracked) {
    const settings = deps.settings ?? DEFAULT_TRACKING_SETTINGS;
    const budget = deps.budget ? await deps.budget() : undefined;
    tracked = await trackArticle(
      deps.stores,
      trackedArticle(doc, payload.claims),
      pipelineTime(doc, now),
      now,
      budget ? { ...settings, budget } : settings,
    );
    // Each alert says what happened: the story of its evidence articles, read once, here.
    tracked = await Promise.all(tracked.map((alert) => describe(alert, doc, deps.load)));
    await deps.ledger.recordTracked(doc.id, tracked);
  }
  const watched = (await deps.percolate(doc)).map((watchlist) =>
    describeAlert(watchlistAlert(watchlist, doc, now), [doc]),
  );
  const raised = [...tracked, ...watched];

  // Independent documents: stored side by side, not one round trip after another.
  const stored = await Promise.all(raised.map((alert) => deps.alerts.put(alert)));
  const created = raised.filter((_, i) => stored[i]!.created).map((alert) => alert.id);
  if (deps.notify) {
    for (const alert of raised) {
      if (await deps.ledger.notified(alert.id)) continue;
      await deps.notify(alert);
      await deps.ledger.markNotified(alert.id);
    }
  }
  return { id: doc.id, alerts: raised.map((alert) => alert.id), created };
}
