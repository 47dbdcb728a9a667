/**
 * One article through the detectors: every spike series it counts in, then its story. The state
 * stores are passed in (Redis in the workers, memory in tests), so this file does no I/O of its
 * own. Returns the alerts raised, each already deduplicated by its id.
 */

import type { Alert } from "../model/alert.ts";
import type { ArticleDoc } from "../model/article.ts";
import { spikeAlert } from "./alerts.ts";
import { type BudgetConfig, budgetFor, DEFAULT_BUDGET, withBudget } from "./budget.ts";
import { type DetectorState, observe } from "./detector.ts";
import { FLAGGED_SCORE, spikeKey, spikeScopes } from "./keys.ts";
import type { StateStore } from "./redisState.ts";
import {
  DEFAULT_RUMOUR_SETTINGS,
  observeStoryArticle,
  type RumourSettings,
  type StoryState,
} from "./rumours.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export type TrackedArticle = Pick<
  ArticleDoc,
  "id" | "story_id" | "outlet" | "themes" | "agencies" | "outlet_kind" | "tone" | "misinformation"
> &
  Partial<Pick<ArticleDoc, "title" | "published_at">> & {
    /** Registered claims the article spreads (signals with stance `asserts`). */
    claims: string[];
  };

export interface TrackingStores {
  detectors: Pick<StateStore<DetectorState>, "update">;
  stories: Pick<StateStore<StoryState>, "update">;
}

export interface TrackingSettings {
  detector: DetectorSettings;
  /**
   * The article floor of negative-tone series. Negative reporting is ordinary press work
   * (accidents, inspections, shortcomings), and a thin series sees three such pieces in one
   * quarter hour in many calm weeks: on 20 simulated weeks the tests do not use (the calm stream of
   * tests/unit/detect/calm-stream.test.ts, seeds 101 to 120), 14 false spikes in 7 weeks at a
   * floor of 3, none at 4. Flagged articles are rare enough that three of them stay news.
   */
  negativeMinCount: number;
  rumour: RumourSettings;
  flaggedScore: number;
  /** The operators' alert budget per scope (budget.ts); the detector's own spacing when absent. */
  budget?: BudgetConfig;
}

export const DEFAULT_TRACKING_SETTINGS: Readonly<TrackingSettings> = Object.freeze({
  detector: DEFAULT_DETECTOR_SETTINGS,
  negativeMinCount: 4,
  rumour: DEFAULT_RUMOUR_SETTINGS,
  flaggedScore: FLAGGED_SCORE,
});

/**
 * `at`: when the article entered the pipeline (ms), which decides its bucket; `now`: the time
 * stamped on alerts.
 */
export async function trackArticle(
  stores: TrackingStores,
  article: TrackedArticle,
  at: number,
  now: Date,
  settings: TrackingSettings = DEFAULT_TRACKING_SETTINGS,
): Promise<Alert[]> {
  const alerts: Alert[] = [];
  const flagged = (article.misinformation?.score ?? 0) >= settings.flaggedScore;
  const scopes = spikeScopes(article, settings.flaggedScore);
  const spikes = await Promise.all(
    scopes.map((scope) =>
      stores.detectors.update(spikeKey(scope), (state) => {
        const budget = budgetFor(settings.budget ?? DEFAULT_BUDGET, spikeKey(scope));
        const base = settings.budget ? withBudget(settings.detector, budget) : settings.detector;
        const detector =
          scope.measure === "negative"
            ? { ...base, minCount: Math.max(base.minCount, settings.negativeMinCount) }
            : base;
        const observation = observe(state, at, 1, [article.id], detector);
        const result = observation.alert && {
          evaluation: observation.alert,
          budget: {
            min_spacing_minutes: detector.cooldownMinutes,
            daily_cap: Number.isFinite(detector.dailyCap) ? detector.dailyCap : null,
            alerts_today: observation.state.budgetAlerts ?? 1,
          },
        };
        return { state: observation.state, result };
      }),
    ),
  );
  spikes.forEach((raised, i) => {
    if (raised) alerts.push(spikeAlert(scopes[i]!, raised.evaluation, now, raised.budget));
  });

  if (article.story_id) {
    const event = {
      id: article.id,
      story_id: article.story_id,
      outlet: article.outlet,
      at: spreadTime(article.published_at, at),
      themes: article.themes.map((theme) => theme.id),
      agencies: article.agencies,
      negative: article.tone.label === "negative",
      flagged,
      claims: article.claims,
      outlet_kind: article.outlet_kind,
      tone: article.tone.label,
      ...(article.title !== undefined ? { title: article.title } : {}),
      published_at: article.published_at ?? null,
    };
    const raised = await stores.stories.update(article.story_id, (state) => {
      const result = observeStoryArticle(state, event, now, settings.rumour);
      return { state: result.state, result: result.alerts };
    });
    alerts.push(...raised);
  }
  return alerts;
}

/**
 * When an article counts for its story's spread: when the outlet published it, if known and not
 * after the pipeline saw it; else the pipeline time. A spread is outlets publishing the story within
 * the window; pipeline time would make one of a backlog collected at once (after a crawler outage,
 * or the first crawl of a new source) in which a week's reprints arrive within minutes.
 */
export function spreadTime(publishedAt: string | null | undefined, at: number): number {
  const published = publishedAt ? Date.parse(publishedAt) : Number.NaN;
  return Number.isFinite(published) && published <= at ? published : at;
}

/** A state store in memory, for tests and single-process tools; same contract as Redis's. */
export function memoryStateStore<T>(parse: (json: string | null, key: string) => T): StateStore<T> {
  const states = new Map<string, string>();
  return {
    redisKey: (key) => key,
    async get(key) {
      return parse(states.get(key) ?? null, key);
    },
    async update(key, step) {
      const next = step(parse(states.get(key) ?? null, key));
      states.set(key, JSON.stringify(next.state));
      return next.result;
    },
    async remove(...keys) {
      for (const key of keys) states.delete(key);
    },
  };
}
