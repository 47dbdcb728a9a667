/**
 * Breaking rumours: a story (story_id: the same event across outlets) that spreads to at least N
 * distinct outlets within T minutes, or any story with an article that spreads a registered false
 * claim. Pure: the state of one story is a small JSON object (kept in Redis by the worker), and
 * each article of the story is folded into it.
 *
 * Invariants: a story raises its spread alert once, and one claim alert per claim.
 */
import type { Alert } from "../model/alert.ts";
import { coerceError } from "../model/errors.ts";
import { alertId } from "./alerts.ts";

export interface RumourSettings {
  /** Distinct outlets... */
  minOutlets: number;
  /** ...within this many minutes. */
  windowMinutes: number;
  /**
   * Only stories with a negative or flagged article raise a spread alert: every big event spreads,
   * and a festival covered by five outlets in an hour is not a crisis.
   */
  requireConcern: boolean;
  /** Article ids kept as evidence. */
  evidenceIds: number;
}

export const DEFAULT_RUMOUR_SETTINGS: Readonly<RumourSettings> = Object.freeze({
  minOutlets: 3,
  windowMinutes: 60,
  requireConcern: true,
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
  concern: boolean;
  spread_alerted: boolean;
  claims_alerted: string[];
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

  if (!next.spread_alerted && (next.concern || !settings.requireConcern)) {
    const window = busiestWindow(outlets, settings.windowMinutes * 60_000);
    if (window.length >= settings.minOutlets) {
      next.spread_alerted = true;
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
