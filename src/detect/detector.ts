/**
 * The streaming spike detector for one series of counts (one key: a theme, agency or outlet kind
 * × negative or flagged articles). Pure: every function takes a state and returns a new one, and
 * the state is a small JSON object, so it can live in Redis and any worker can carry on.
 *
 * Glossary:
 * - bucket: a 15-minute interval, identified by its start (ms since the epoch, UTC).
 * - open bucket: the one articles are being counted into now; it is evaluated on every increment
 *   (provisionally: its count can only grow), so an alert needs no wait for the bucket to end.
 * - closing: when time moves past the open bucket, its final count updates the baseline and the
 *   CUSUM; empty buckets in between are closed with a count of 0.
 * - expected: level × profile[hour of the local day]; sd: √(expected + phi·expected²).
 * - z: how surprising the count is under a negative binomial with that mean and dispersion, as a
 *   normal score (distribution.ts); calibrated at any mean, unlike (count − expected) / sd.
 * - record: the count beyond every closed bucket's so far (the peak; for falls, the trough), and
 *   surprising (z ≥ recordZ): "the most negative articles in 15 minutes since the series began".
 * - jump: the change from the bucket before, as a z-score against the EWMA/EWMV of the changes, the
 *   variance being the larger of the overall one and that of the same hour of the day (a rise that
 *   happens every morning at 8 is the rhythm, not news) and never below a Poisson count's.
 * - score: the one-sided CUSUM statistic, max(0, S + z − k); an alert when it reaches h (a slow,
 *   sustained rise that is neither a record nor a jump).
 *
 * An alert is raised by whichever of record, jump, CUSUM or the single-bucket limit comes first;
 * `decided` says which. Chosen on NAB's labelled real series (settings.ts): records and jumps
 * find NAB's anomalies early, the hour-of-day variance of the jumps keeps daily routines quiet.
 *
 * Invariants: an open bucket alerts at most once; after an alert the CUSUM restarts from 0 and the
 * key is silent for `cooldownMinutes` (the budget's minimum spacing); a key raises at most
 * `dailyCap` alerts per local day (the budget's cap). During the spacing after an alert the key
 * settles (`settleAfterAlert`): the baseline learns the counts unclamped and the CUSUM stays at 0,
 * so a rise that lasts is one alert, not one per spacing. A crossing the daily cap holds back is
 * not lost: the CUSUM keeps its value and the key alerts the next day if the rise lasts.
 */
import { coerceError } from "../model/errors.ts";
import { surprise } from "./distribution.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export const HOURS = 24;

export interface DetectorState {
  v: 2;
  /** Start of the open bucket, or null before the first observation. */
  bucket: number | null;
  /** Articles counted into the open bucket so far. */
  count: number;
  /** Up to `evidenceIds` article ids of the open bucket. */
  ids: string[];
  /** The open bucket has already raised its alert. */
  alerted: boolean;
  level: number;
  /** Multiplicative hour-of-day factors, mean 1. */
  profile: number[];
  /** Buckets seen per hour of the day, so each factor starts as a running mean. */
  profileSeen: number[];
  phi: number;
  cusum: number;
  /** Buckets closed so far. */
  closed: number;
  /** No alert for a bucket that starts before this. */
  quietUntil: number | null;
  /** The count of the last closed bucket (the jump is measured from it), null before the first. */
  previous: number | null;
  /** EWMA and EWMV of the change from one closed bucket to the next. */
  changeMean: number;
  changeVar: number;
  /** EWMV of the change per hour of the local day, and changes seen per hour. */
  changeVarHour: number[];
  changeSeenHour: number[];
  /** Highest and lowest closed-bucket count so far, drawn back toward the level by `extremeHalfLifeDays`. */
  peak: number | null;
  trough: number | null;
  /** The alert budget: the local day (days since the epoch) of the last alert, and alerts that day. */
  budgetDay?: number;
  budgetAlerts?: number;
}

export interface Evaluation {
  bucket: number;
  count: number;
  expected: number;
  sd: number;
  z: number;
  /** CUSUM statistic after this count. */
  score: number;
  alert: boolean;
  /** The change from the last closed bucket, and its z-score (jump). */
  change?: number;
  changeZ?: number;
  /** The peak (or trough) the count is compared with; null while unknown. */
  record?: number | null;
  /** Up (a rise) or down (a fall, only with `direction: "both"`). */
  direction?: "up" | "down";
  /**
   * What decided an alert: a record count, a jump from the bucket before, the CUSUM reaching h,
   * or one bucket beyond the single limit.
   */
  decided?: Decision;
  /** Why a crossing raised no alert, when it did not. */
  suppressed?: "warmup" | "cooldown" | "already_alerted" | "daily_cap";
}

export type Decision = "record" | "jump" | "cusum" | "single_bucket";

export function createDetectorState(): DetectorState {
  return {
    v: 2,
    bucket: null,
    count: 0,
    ids: [],
    alerted: false,
    level: 0,
    profile: new Array(HOURS).fill(1),
    profileSeen: new Array(HOURS).fill(0),
    phi: DEFAULT_DETECTOR_SETTINGS.phiInitial,
    cusum: 0,
    closed: 0,
    quietUntil: null,
    previous: null,
    changeMean: 0,
    changeVar: 0,
    changeVarHour: new Array(HOURS).fill(0),
    changeSeenHour: new Array(HOURS).fill(0),
    peak: null,
    trough: null,
  };
}

export function bucketMs(settings: DetectorSettings): number {
  return settings.bucketMinutes * 60_000;
}

export function bucketStart(at: number, settings: DetectorSettings): number {
  const size = bucketMs(settings);
  return Math.floor(at / size) * size;
}

function localDay(bucket: number, settings: DetectorSettings): number {
  return Math.floor((bucket + settings.utcOffsetMinutes * 60_000) / 86_400_000);
}

/** Alerts already raised on the local day of `bucket`. */
export function alertsToday(state: DetectorState, bucket: number, settings: DetectorSettings): number {
  return state.budgetDay === localDay(bucket, settings) ? (state.budgetAlerts ?? 0) : 0;
}

/** The state after the open bucket `bucket` raised an alert: the spacing begins, the day's count grows. */
export function spendAlert(state: DetectorState, bucket: number, settings: DetectorSettings): DetectorState {
  return {
    ...state,
    quietUntil: bucket + settings.cooldownMinutes * 60_000,
    budgetDay: localDay(bucket, settings),
    budgetAlerts: alertsToday(state, bucket, settings) + 1,
  };
}

function hourOf(bucket: number, settings: DetectorSettings): number {
  const local = bucket + settings.utcOffsetMinutes * 60_000;
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
}

/** The baseline of a bucket: expected count and its standard deviation. */
export function baseline(state: DetectorState, bucket: number, settings: DetectorSettings) {
  const expected = Math.max(settings.minMean, state.level * (state.profile[hourOf(bucket, settings)] ?? 1));
  const sd = Math.sqrt(expected + state.phi * expected * expected);
  return { expected, sd };
}

/** The change from the bucket before and how surprising it is (0 before the first closed bucket). */
export function jumpOf(state: DetectorState, bucket: number, count: number, settings: DetectorSettings) {
  if (state.previous === null) return { change: 0, changeZ: 0 };
  const { expected } = baseline(state, bucket, settings);
  const hour = hourOf(bucket, settings);
  const hourVar = (state.changeSeenHour[hour] ?? 0) > 0 ? (state.changeVarHour[hour] ?? 0) : state.changeVar;
  // A difference of two Poisson counts has variance 2·mean: fewer articles cannot be more certain.
  const variance = Math.max(state.changeVar, hourVar, 2 * expected);
  const change = count - state.previous;
  return { change, changeZ: (change - state.changeMean) / Math.sqrt(variance) };
}

/** Scores a count for a bucket against the state, without changing it. */
export function assess(
  state: DetectorState,
  bucket: number,
  count: number,
  settings: DetectorSettings,
  alreadyAlerted = false,
): Evaluation {
  const { expected, sd } = baseline(state, bucket, settings);
  const z = surprise(count, expected, state.phi);
  let score = Math.max(0, state.cusum + z - settings.cusumK);
  // A bucket under the floor cannot reach the threshold: a sparse series would otherwise pile up
  // its 1s and 2s and alert on the next ordinary bucket that reaches the floor.
  if (count < settings.minCount) score = Math.min(score, settings.cusumH - 1e-3);
  const { change, changeZ } = jumpOf(state, bucket, count, settings);
  const floor = count >= settings.minCount;
  const up: Decision | null =
    floor && count > (state.peak ?? 0) && z >= settings.recordZ
      ? "record"
      : floor && changeZ >= settings.jumpZ && z >= settings.jumpMinZ
        ? "jump"
        : score >= settings.cusumH
          ? "cusum"
          : floor && z >= settings.singleZ
            ? "single_bucket"
            : null;
  // Falls, for series of readings (NAB) only: a fall in articles is not news.
  const down: Decision | null =
    settings.direction !== "both" || up
      ? null
      : state.trough !== null && count < state.trough && z <= -settings.recordZ
        ? "record"
        : changeZ <= -settings.jumpZ && z <= -settings.jumpMinZ
          ? "jump"
          : null;
  const evaluation: Evaluation = {
    bucket,
    count,
    expected: round(expected),
    sd: round(sd),
    z: round(z),
    score: round(score),
    change: round(change),
    changeZ: round(changeZ),
    record: down ? state.trough : state.peak,
    direction: down ? "down" : "up",
    alert: false,
  };
  const decided = up ?? down;
  if (!decided) return evaluation;
  if (alreadyAlerted) return { ...evaluation, suppressed: "already_alerted" };
  if (state.closed < settings.warmupBuckets) return { ...evaluation, suppressed: "warmup" };
  if (state.quietUntil !== null && bucket < state.quietUntil)
    return { ...evaluation, suppressed: "cooldown" };
  if (alertsToday(state, bucket, settings) >= settings.dailyCap)
    return { ...evaluation, suppressed: "daily_cap" };
  return { ...evaluation, alert: true, decided };
}

/**
 * Folds a finished bucket into the baseline and the CUSUM. `alerted` says the bucket already
 * raised its alert while open (the CUSUM then restarts and the cooldown begins).
 */
export function closeBucket(
  state: DetectorState,
  bucket: number,
  count: number,
  settings: DetectorSettings,
  alerted = false,
): { state: DetectorState; evaluation: Evaluation } {
  const evaluation = assess(state, bucket, count, settings, alerted);
  const raised = alerted || evaluation.alert;
  const { expected, sd } = baseline(state, bucket, settings);
  const hour = hourOf(bucket, settings);
  const closed = state.closed + 1;

  // A burst teaches the baseline only up to mean + clampZ·sd, so it cannot hide itself. After an
  // alert, while the key is quiet, the baseline learns the counts as they are: what lasts is the
  // same event, known already, and would otherwise alert again at the end of every spacing.
  const settling = !raised && state.quietUntil !== null && bucket < state.quietUntil;
  const x =
    state.closed === 0 || (settling && settings.settleAfterAlert)
      ? count
      : Math.min(count, expected + settings.clampZ * sd);
  // Learn fast at first (a plain running mean), then settle on the configured weights.
  const rate = (alpha: number) => Math.max(alpha, 1 / closed);
  const factor = state.profile[hour] ?? 1;
  const level = state.level + rate(settings.levelAlpha) * (x / factor - state.level);

  const profile = [...state.profile];
  const profileSeen = [...state.profileSeen];
  if (level > settings.minMean) {
    const seen = (profileSeen[hour] ?? 0) + 1;
    profileSeen[hour] = seen;
    // A running mean that counts the flat start (1) as one observation, then the EWMA; never 0,
    // since the level is divided by it.
    const learned = factor + Math.max(settings.seasonAlpha, 1 / (seen + 1)) * (x / level - factor);
    profile[hour] = Math.max(settings.minFactor, learned);
    const mean = profile.reduce((sum, value) => sum + value, 0) / HOURS;
    for (let i = 0; i < HOURS; i++) profile[i] = profile[i]! / mean;
  }

  let phi = state.phi;
  if (state.closed > 0) {
    const excess = ((x - expected) ** 2 - expected) / (expected * expected);
    phi += rate(settings.phiAlpha) * (Math.min(settings.phiMax, Math.max(0, excess)) - phi);
  }

  // The changes learn the count as it is (a jump is what they measure, clamping would hide it).
  let { changeMean, changeVar } = state;
  const changeVarHour = [...state.changeVarHour];
  const changeSeenHour = [...state.changeSeenHour];
  if (state.previous !== null) {
    const deviation = count - state.previous - changeMean;
    const a = rate(settings.changeAlpha);
    changeMean += rate(settings.changeMeanAlpha) * deviation;
    changeVar = (1 - a) * (changeVar + a * deviation * deviation);
    const seen = (changeSeenHour[hour] ?? 0) + 1;
    changeSeenHour[hour] = seen;
    const b = Math.max(settings.changeHourAlpha, 1 / seen);
    changeVarHour[hour] = (1 - b) * (changeVarHour[hour] ?? 0) + b * deviation * deviation;
  }
  // The extremes fade toward the level, so a scope's one big day long ago does not mute it for good.
  const fade =
    settings.extremeHalfLifeDays > 0
      ? 0.5 ** (settings.bucketMinutes / (settings.extremeHalfLifeDays * 24 * 60))
      : 1;
  const faded = (extreme: number) => level + (extreme - level) * fade;
  const peak = state.peak === null ? count : Math.max(faded(state.peak), count);
  const trough = state.trough === null ? count : Math.min(faded(state.trough), count);

  const next: DetectorState = {
    ...(evaluation.alert ? spendAlert(state, bucket, settings) : state),
    level,
    profile,
    profileSeen,
    phi,
    closed,
    previous: count,
    changeMean,
    changeVar,
    changeVarHour,
    changeSeenHour,
    peak,
    trough,
    // The statistic means nothing while the baseline learns, and restarts after an alert.
    // ...and, while the key is quiet after an alert, the rise it alerted on is not counted again.
    cusum:
      raised || closed <= settings.warmupBuckets || (settling && settings.settleAfterAlert)
        ? 0
        : evaluation.score,
  };
  return { state: next, evaluation };
}

/** Closes every bucket before `bucket` (the open one with its count, the empty ones with 0). */
function advanceTo(
  state: DetectorState,
  bucket: number,
  settings: DetectorSettings,
): { state: DetectorState; closed: Evaluation[] } {
  if (state.bucket === null)
    return { state: { ...state, bucket, count: 0, ids: [], alerted: false }, closed: [] };
  if (bucket <= state.bucket) return { state, closed: [] };
  const size = bucketMs(settings);
  const closed: Evaluation[] = [];
  let current = closeBucket(state, state.bucket, state.count, settings, state.alerted);
  closed.push(current.evaluation);
  let next = state.bucket + size;
  // After a long silence, replay only the last `maxGapBuckets` empty buckets.
  const gapStart = bucket - settings.maxGapBuckets * size;
  if (next < gapStart) next = gapStart;
  for (; next < bucket; next += size) {
    current = closeBucket(current.state, next, 0, settings);
    closed.push(current.evaluation);
  }
  return { state: { ...current.state, bucket, count: 0, ids: [], alerted: false }, closed };
}

export interface Observation {
  state: DetectorState;
  /** The open bucket after the increment, evaluated provisionally. */
  open: Evaluation;
  /** Buckets closed by this observation (the previous open one, then empty ones). */
  closed: Evaluation[];
  /** Set when this increment raised the alert of the open bucket: the evidence ids with it. */
  alert: (Evaluation & { ids: string[] }) | null;
}

/**
 * Counts `increment` articles at time `at` (ms, pipeline time: when the article entered the
 * pipeline). An article older than the open bucket counts into the open bucket.
 */
export function observe(
  state: DetectorState,
  at: number,
  increment = 1,
  ids: readonly string[] = [],
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): Observation {
  const advanced = advanceTo(state, bucketStart(at, settings), settings);
  const current = advanced.state;
  const count = current.count + increment;
  const evidence = [...current.ids, ...ids.filter((id) => !current.ids.includes(id))].slice(
    0,
    settings.evidenceIds,
  );
  const open = assess(current, current.bucket!, count, settings, current.alerted);
  const next: DetectorState = {
    ...(open.alert ? spendAlert(current, current.bucket!, settings) : current),
    count,
    ids: evidence,
    alerted: current.alerted || open.alert,
  };
  return {
    state: next,
    open,
    closed: advanced.closed,
    alert: open.alert ? { ...open, ids: evidence } : null,
  };
}

/** Closes the buckets that ended before `at` without counting anything (a periodic tick). */
export function tick(
  state: DetectorState,
  at: number,
  settings: DetectorSettings = DEFAULT_DETECTOR_SETTINGS,
): { state: DetectorState; closed: Evaluation[] } {
  if (state.bucket === null) return { state, closed: [] };
  return advanceTo(state, bucketStart(at, settings), settings);
}

/**
 * A stored state, or a fresh one when there is none or it cannot be read; `onInvalid` hears why a
 * stored state was dropped (the detector then relearns its baseline).
 */
export function parseDetectorState(
  json: string | null | undefined,
  onInvalid?: (reason: string) => void,
): DetectorState {
  if (!json) return createDetectorState();
  try {
    const value = JSON.parse(json) as Partial<Omit<DetectorState, "v">> & { v?: number };
    const hourly = (list: unknown) => Array.isArray(list) && list.length === HOURS;
    if (value.v === 2 && hourly(value.profile) && hourly(value.profileSeen) && hourly(value.changeVarHour))
      return value as DetectorState;
    // A version 1 state keeps its baseline; the change statistics and extremes start from it.
    if (value.v === 1 && hourly(value.profile) && hourly(value.profileSeen))
      return { ...createDetectorState(), ...value, v: 2 } as DetectorState;
    onInvalid?.("not a version 1 or 2 detector state");
  } catch (error) {
    onInvalid?.(`not JSON: ${coerceError(error).message}`);
  }
  return createDetectorState();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
