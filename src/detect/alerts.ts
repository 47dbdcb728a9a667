/**
 * Alerts: what the detectors raise for people to look at. Pure builders; storing them is
 * `src/store/alerts.ts`. An alert id is derived from what it is about (the key and bucket of a
 * spike, the story and claim of a rumour), so processing the same article twice raises the same
 * alert, never a second one.
 */
import { createHash } from "node:crypto";
import type { ObligationWarning } from "../contracts/warnings.ts";
import type { Alert, AlertEvidence, AlertKind } from "../model/alert.ts";
import type { Evaluation } from "./detector.ts";
import { type SpikeScope, spikeKey } from "./keys.ts";

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
      ...(evaluation.change !== undefined ? { previous: round(evaluation.count - evaluation.change) } : {}),
      ...(evaluation.changeZ !== undefined ? { change_z: evaluation.changeZ } : {}),
      ...(typeof evaluation.record === "number" ? { record: round(evaluation.record) } : {}),
      bucket_start: bucket,
      // What decided it: a record count, a jump from the bucket before, the CUSUM, or one bucket
      // beyond the single limit.
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
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
