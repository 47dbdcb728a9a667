/**
 * Breaking rumours. A story (story_id: the same event across outlets) that reaches at least N
 * distinct outlets within T minutes has spread; spread alone is syndication, which the partner
 * contracts pay for, and is kept as a statistic on the story (`spread`), not raised. A spread
 * becomes a rumour alert only with a reason that makes it a crisis (`reasons` on the alert):
 * - `negative`: the story's tone is negative (most of its articles are; one negative piece among
 *   reprints of a positive story is not the story's tone);
 * - `flagged`: an article carries misinformation signals (score at the flag);
 * - `claim`: an article repeats a registered false claim;
 * - `outside_partners`: the window includes an outlet that is not a partner, provincial or
 *   official one (the story travels beyond the press the plan works with).
 * Separately, the first article that repeats a registered false claim raises a claim alert at
 * once, whatever the spread. Pure: the state of one story is a small JSON object (kept in Redis by
 * the worker), and each article of the story is folded into it.
 *
 * Invariants: a story raises its spread alert once, and one claim alert per claim.
 */
import type { Alert } from "../model/alert.ts";
import type { OutletKind } from "../model/article.ts";
import { coerceError } from "../model/errors.ts";
import { alertId } from "./alerts.ts";

export type RumourReason = "negative" | "flagged" | "claim" | "outside_partners";

export interface RumourSettings {
  /** Distinct outlets... */
  minOutlets: number;
  /** ...within this many minutes. */
  windowMinutes: number;
  /**
   * Only a spread with a reason (see above) raises an alert: every big event spreads, and a
   * festival covered by five outlets in an hour is not a crisis. False: every spread alerts.
   */
  requireConcern: boolean;
  /** Outlet kinds the plan works with: a spread among them only is syndication. */
  partnerKinds: readonly OutletKind[];
  /** Article ids kept as evidence. */
  evidenceIds: number;
}

export const DEFAULT_RUMOUR_SETTINGS: Readonly<RumourSettings> = Object.freeze({
  minOutlets: 3,
  windowMinutes: 60,
  requireConcern: true,
  partnerKinds: Object.freeze<OutletKind[]>([
    "central_partner",
    "economic_partner",
    "provincial_press",
    "portal",
  ]),
  evidenceIds: 50,
});

export interface StoryState {
  v: 1;
  story_id: string;
  /** First time each outlet carried the story (ms). */
  outlets: Record<string, number>;
  article_ids: string[];
  themes: string[];
  agencies: string[];
  /** Any article negative, flagged or repeating a claim (kept for states written before reasons). */
  concern: boolean;
  spread_alerted: boolean;
  claims_alerted: string[];
  /** Outlet kind of each outlet. */
  outlet_kinds?: Record<string, OutletKind>;
  /** Articles per tone label, and flagged articles. */
  tones?: { negative: number; neutral: number; positive: number };
  flagged_count?: number;
  /** The headline of the story's first article, and its first and latest article times (ISO). */
  headline?: string | null;
  first_at?: string | null;
  latest_at?: string | null;
  /** The statistic of an ordinary spread: when the story reached the outlets, and which. */
  spread?: { at: string; outlets: string[]; window_minutes: number; reasons: RumourReason[] } | null;
}

export function createStoryState(storyId: string): StoryState {
  return {
    v: 1,
    story_id: storyId,
    outlets: {},
    article_ids: [],
    themes: [],
    agencies: [],
    concern: false,
    spread_alerted: false,
    claims_alerted: [],
    outlet_kinds: {},
    tones: { negative: 0, neutral: 0, positive: 0 },
    flagged_count: 0,
    headline: null,
    first_at: null,
    latest_at: null,
    spread: null,
  };
}

export interface StoryArticleEvent {
  id: string;
  story_id: string;
  outlet: string;
  /** When the article entered the pipeline (ms). */
  at: number;
  themes: string[];
  agencies: string[];
  negative: boolean;
  flagged: boolean;
  /** Registered claims the article spreads (stance `asserts`). */
  claims: string[];
  outlet_kind?: OutletKind;
  tone?: "negative" | "neutral" | "positive";
  title?: string;
  /** When the outlet published it (ISO), when known; else the pipeline time counts. */
  published_at?: string | null;
}

/** Why a story's spread would be a crisis, given the outlets of its busiest window. */
export function spreadReasons(
  state: StoryState,
  window: readonly string[],
  settings: RumourSettings = DEFAULT_RUMOUR_SETTINGS,
): RumourReason[] {
  const reasons: RumourReason[] = [];
  const tones = state.tones;
  const total = tones ? tones.negative + tones.neutral + tones.positive : 0;
  // States from before tone counts: the old rule (any negative article) is all they know.
  if (tones ? total > 0 && tones.negative * 2 > total : state.concern) reasons.push("negative");
  if ((state.flagged_count ?? 0) > 0) reasons.push("flagged");
  if (state.claims_alerted.length > 0) reasons.push("claim");
  const kinds = state.outlet_kinds ?? {};
  if (window.some((outlet) => kinds[outlet] !== undefined && !settings.partnerKinds.includes(kinds[outlet]!)))
    reasons.push("outside_partners");
  return reasons;
}

/** The most outlets whose first appearance falls within one window, and which ones. */
export function busiestWindow(outlets: Readonly<Record<string, number>>, windowMs: number): string[] {
  const entries = Object.entries(outlets).sort((a, b) => a[1] - b[1]);
  let best: string[] = [];
  let first = 0;
  for (let last = 0; last < entries.length; last++) {
    while (entries[last]![1] - entries[first]![1] > windowMs) first++;
    if (last - first + 1 > best.length) best = entries.slice(first, last + 1).map(([outlet]) => outlet);
  }
  return best;
}

export function observeStoryArticle(
  state: StoryState,
  event: StoryArticleEvent,
  now: Date,
  settings: RumourSettings = DEFAULT_RUMOUR_SETTINGS,
): { state: StoryState; alerts: Alert[] } {
  const outlets = { ...state.outlets };
  const seen = outlets[event.outlet];
  if (seen === undefined || event.at < seen) outlets[event.outlet] = event.at;
  const next: StoryState = {
    ...state,
    outlets,
    article_ids: state.article_ids.includes(event.id)
      ? state.article_ids
      : [...state.article_ids, event.id].slice(-settings.evidenceIds),
    themes: [...new Set([...state.themes, ...event.themes])],
    agencies: [...new Set([...state.agencies, ...event.agencies])],
    concern: state.concern || event.negative || event.flagged || event.claims.length > 0,
  };
  const isNew = !state.article_ids.includes(event.id);
  if (event.outlet_kind) next.outlet_kinds = { ...state.outlet_kinds, [event.outlet]: event.outlet_kind };
  if (isNew) {
    const tone = event.tone ?? (event.negative ? "negative" : "neutral");
    const tones = { ...(state.tones ?? { negative: 0, neutral: 0, positive: 0 }) };
    tones[tone] += 1;
    next.tones = tones;
    next.flagged_count = (state.flagged_count ?? 0) + (event.flagged ? 1 : 0);
    const when = event.published_at ?? new Date(event.at).toISOString();
    if (!state.first_at || when < state.first_at) {
      next.first_at = when;
      if (event.title) next.headline = event.title;
    }
    if (!state.latest_at || when > state.latest_at) next.latest_at = when;
    if (!next.headline && event.title) next.headline = event.title;
  }
  const alerts: Alert[] = [];
  const base = {
    themes: next.themes,
    agencies: next.agencies,
    state: "open" as const,
    created_at: now.toISOString(),
    acknowledged_at: null,
  };

  for (const claim of event.claims) {
    if (next.claims_alerted.includes(claim)) continue;
    next.claims_alerted = [...next.claims_alerted, claim];
    alerts.push({
      ...base,
      id: alertId("rumour", state.story_id, "claim", claim),
      kind: "rumour",
      title: `story ${state.story_id} spreads registered false claim ${claim}`,
      scope: { story_id: state.story_id, claim_id: claim },
      evidence: {
        article_ids: [event.id, ...next.article_ids.filter((id) => id !== event.id)],
        claim_ids: [claim],
      },
    });
  }

  if (!next.spread_alerted) {
    const window = busiestWindow(outlets, settings.windowMinutes * 60_000);
    const reasons = window.length >= settings.minOutlets ? spreadReasons(next, window, settings) : [];
    if (window.length >= settings.minOutlets && !next.spread)
      next.spread = {
        at: now.toISOString(),
        outlets: window,
        window_minutes: settings.windowMinutes,
        reasons,
      };
    if (window.length >= settings.minOutlets && (reasons.length > 0 || !settings.requireConcern)) {
      next.spread_alerted = true;
      next.spread = {
        at: now.toISOString(),
        outlets: window,
        window_minutes: settings.windowMinutes,
        reasons,
      };
      alerts.push({
        ...base,
        id: alertId("rumour", state.story_id, "spread"),
        kind: "rumour",
        title: `story ${state.story_id} spread to ${window.length} outlets within ${settings.windowMinutes} minutes`,
        scope: { story_id: state.story_id },
        evidence: {
          article_ids: [...next.article_ids],
          outlets: window,
          window_minutes: settings.windowMinutes,
          claim_ids: [...next.claims_alerted],
          reasons,
        },
      });
    }
  }
  return { state: next, alerts };
}

/** A stored story state, or a fresh one; `onInvalid` hears why a stored state was dropped. */
export function parseStoryState(
  json: string | null | undefined,
  storyId: string,
  onInvalid?: (reason: string) => void,
): StoryState {
  if (!json) return createStoryState(storyId);
  try {
    const value = JSON.parse(json) as Partial<StoryState>;
    if (value.v === 1 && value.story_id === storyId && value.outlets && typeof value.outlets === "object")
      return value as StoryState;
    onInvalid?.("not a version 1 state of this story");
  } catch (error) {
    onInvalid?.(`not JSON: ${coerceError(error).message}`);
  }
  return createStoryState(storyId);
}
