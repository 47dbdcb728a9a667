/**
 * Detection: the streaming spike detector (settings, distribution, detector, backtest), the series
 * an article counts in (keys), breaking rumours (rumours), the alerts they raise (alerts), and the
 * glue that runs one article through all of them (track). `redisState.ts` keeps states in Redis.
 */
export { alertId, spikeAlert, watchlistAlert } from "./alerts.ts";
export { backtest, CountsCsvError, formatBacktest, parseCountsCsv } from "./backtest.ts";
export {
  closeBucket,
  createDetectorState,
  type DetectorState,
  type Evaluation,
  type Observation,
  observe,
  parseDetectorState,
  tick,
} from "./detector.ts";
export { FLAGGED_SCORE, parseSpikeKey, type SpikeScope, spikeKey, spikeScopes } from "./keys.ts";
export { createStateStore, StateConflictError, type StateStore } from "./redisState.ts";
export {
  createStoryState,
  DEFAULT_RUMOUR_SETTINGS,
  observeStoryArticle,
  parseStoryState,
  type RumourSettings,
  type StoryState,
} from "./rumours.ts";
export { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings, detectorSettings } from "./settings.ts";
export { DEFAULT_TRACKING_SETTINGS, memoryStateStore, type TrackedArticle, trackArticle } from "./track.ts";
