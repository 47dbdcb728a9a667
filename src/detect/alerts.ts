/**
 * Alerts: what the detectors raise for people to look at. Pure builders; storing them is
 * `src/store/alerts.ts`. An alert id is derived from what it is about (the key and bucket of a
 * spike, the story and claim of a rumour), so processing the same article twice raises the same
 * alert, never a second one.
 */
import { createHash } from "node:crypto";
import type { ObligationWarning } from "../contracts/warnings.ts";
import type { Evaluation } from "./detector.ts";
import { type SpikeScope, spikeKey } from "./keys.ts";

export type AlertKind = "spike" | "rumour" | "watchlist" | "obligation";
export type AlertState = "open" | "acknowledged" | "closed";

export interface AlertEvidence {
  article_ids: string[];
  /** Spike: the bucket's count so far, its expected count and the detector's scores. */
  count?: number;
  expected?: number;
  z?: number;
  score?: number;
  bucket_start?: string;
  /** Rumour: the outlets that carried the story within the window, and the claims matched. */
  outlets?: string[];
  window_minutes?: number;
  claim_ids?: string[];
  /** Rumour: what made the spread a crisis (rumours.ts); spike: the measure and the budget. */
  reasons?: string[];
  /** What happened: the story behind the alert, for the list, the e-mail and the webhook. */
  story?: AlertStory;
  /** Spike: the alert budget in force when it was raised (budget.ts). */
  budget?: { min_spacing_minutes: number; daily_cap: number | null; alerts_today: number };
  /** Obligation at risk: which, for which outlet and period, and how far behind. */
  obligation?: string;
  outlet?: string | null;
  period?: string;
  ends_at?: string;
  required?: number;
  counted?: number;
  expected_by_now?: number;
}

/**
 * The story behind an alert, from its evidence articles (describe.ts): enough to tell at a glance
 * what happened without opening it.
 */
export interface AlertStory {
  /** The first article's headline, as the outlet printed it. */
  headline: string | null;
  /** Other headlines among the evidence (up to 3), when they differ. */
  other_headlines: string[];
  outlets: string[];
  first_at: string | null;
  latest_at: string | null;
  themes: string[];
  agencies: string[];
  /** Evidence articles per tone, and the tone most of them have. */
  tone: { label: "negative" | "neutral" | "positive"; negative: number; neutral: number; positive: number };
  articles: number;
}

export interface Alert {
  id: string;
  kind: AlertKind;
  /** Why, in one line (Vietnamese labels are for the dashboard; this is for logs and e-mail). */
  title: string;
  scope: {
    dimension?: SpikeScope["dimension"];
    value?: string;
    measure?: SpikeScope["measure"];
    story_id?: string;
    claim_id?: string;
    watchlist_id?: string;
  };
  evidence: AlertEvidence;
  /** For routing and for agency users, who see their own. */
  themes: string[];
  agencies: string[];
  state: AlertState;
  created_at: string;
  acknowledged_at: string | null;
}

export function alertId(kind: AlertKind, ...parts: string[]): string {
  return `${kind}-${createHash("sha256")
    .update([kind, ...parts].join("\u0000"))
    .digest("hex")
    .slice(0, 24)}`;
}

export function spikeAlert(
  scope: SpikeScope,
  evaluation: Evaluation & { ids: readonly string[] },
  now: Date,
  budget?: AlertEvidence["budget"],
): Alert {
  const bucket = new Date(evaluation.bucket).toISOString();
  return {
    id: alertId("spike", spikeKey(scope), bucket),
    kind: "spike",
    title: `${scope.measure} articles on ${scope.dimension} ${scope.value}: ${evaluation.count} in the 15 minutes from ${bucket}, ${evaluation.expected} expected`,
    scope: { ...scope },
    evidence: {
      article_ids: [...evaluation.ids],
      count: evaluation.count,
      expected: evaluation.expected,
      z: evaluation.z,
      score: evaluation.score,
      bucket_start: bucket,
      // What decided it: the CUSUM reaching its threshold, or one bucket beyond the single limit.
      ...(evaluation.decided ? { reasons: [evaluation.decided] } : {}),
      ...(budget ? { budget } : {}),
    },
    themes: scope.dimension === "theme" ? [scope.value] : [],
    agencies: scope.dimension === "agency" ? [scope.value] : [],
    state: "open",
    created_at: now.toISOString(),
    acknowledged_at: null,
  };
}

/** A saved query matched an article: one alert per watchlist and article. */
export function watchlistAlert(
  watchlist: { id: string; name: string; agency: string | null },
  article: { id: string; themes: Array<{ id: string }>; agencies: string[] },
  now: Date,
): Alert {
  return {
    id: alertId("watchlist", watchlist.id, article.id),
    kind: "watchlist",
    title: `watchlist "${watchlist.name}" matched article ${article.id}`,
    scope: { watchlist_id: watchlist.id },
    evidence: { article_ids: [article.id] },
    themes: [...new Set(article.themes.map((theme) => theme.id))],
    agencies: [...new Set([...(watchlist.agency ? [watchlist.agency] : []), ...article.agencies])],
    state: "open",
    created_at: now.toISOString(),
    acknowledged_at: null,
  };
}

/**
 * An obligation behind pace in a running period: one alert per obligation, outlet and period, so
 * the daily check raises it once however many times it runs while the period is at risk. The
 * details live in `evidence` (the alert index maps scope strictly; evidence is stored as is).
 */
export function obligationAlert(warning: ObligationWarning, now: Date): Alert {
  return {
    id: alertId("obligation", warning.obligation, warning.outlet ?? "", warning.period),
    kind: "obligation",
    title: warning.message,
    scope: {},
    evidence: {
      article_ids: [],
      obligation: warning.obligation,
      outlet: warning.outlet,
      period: warning.period,
      ends_at: warning.ends_at,
      required: warning.required,
      counted: warning.counted,
      expected_by_now: warning.expected_by_now,
    },
    themes: [],
    agencies: warning.agency ? [warning.agency] : [],
    state: "open",
    created_at: now.toISOString(),
    acknowledged_at: null,
  };
}
