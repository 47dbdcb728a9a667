/**
 * Every default of the spike detector, in one place. The shipped values are chosen for bursts of
 * news (a rumour picked up by outlet after outlet within the hour), not for slow drifts:
 *
 * - 15-minute buckets; the baseline is an EWMA level times an hour-of-day profile (Vietnam time),
 *   because press volume has a strong daily rhythm (quiet nights, busy mornings).
 * - Counts are negative binomial: variance mean + phi·mean², phi estimated online, because news
 *   counts vary more than Poisson. Each count becomes a calibrated normal score (distribution.ts).
 * - One-sided CUSUM on that score with allowance k = 1 (shifts of two standard deviations or more)
 *   and threshold h = 5, plus a single-bucket limit of 4.5 (one chance in 300,000 under the
 *   model) for sudden bursts.
 * - No alert below 3 articles in a bucket, none in the first day (the baseline is still
 *   learning), and at most one per key every 2 hours.
 *
 * k, h, the single-bucket limit and the hour-factor floor were chosen on simulated series
 * (tests/fixtures/detect/simulate.ts, seeds 1000 to 1049, not the fixtures' seeds) for few false
 * alarms per key and week at every volume; `bench/detect.ts` prints the resulting rates.
 */
export interface DetectorSettings {
  bucketMinutes: number;
  /** Weight of a new bucket in the level (0.05: half-life of about 14 buckets, 3.4 hours). */
  levelAlpha: number;
  /** Weight of a new bucket in its hour's profile factor (4 buckets an hour, so about 0.19 a day). */
  seasonAlpha: number;
  /** Weight of a new bucket in the dispersion estimate. */
  phiAlpha: number;
  phiInitial: number;
  phiMax: number;
  /** Offset of the local day from UTC, for the hour-of-day profile (Vietnam: UTC+7, no DST). */
  utcOffsetMinutes: number;
  /** CUSUM allowance and threshold, in standard deviations. */
  cusumK: number;
  cusumH: number;
  /** A single bucket this surprising alerts at once, whatever the CUSUM (a sudden burst). */
  singleZ: number;
  /** No alert for a bucket with fewer articles than this. */
  minCount: number;
  /** Buckets after an alert during which the same key raises no other. */
  cooldownBuckets: number;
  /** Buckets the baseline learns before the first alert. */
  warmupBuckets: number;
  /** A count beyond mean + clampZ·sd updates the baseline as if it were at that bound. */
  clampZ: number;
  /**
   * The smallest hour-of-day factor. Night hours see few articles, so their factors are estimated
   * from a handful of counts and come out too low; a floor keeps the night from looking silent.
   */
  minFactor: number;
  /**
   * The expected count never goes below this: one article a day or so. A series of flagged
   * articles is silent most of the time, and three of them in one bucket is then news.
   */
  minMean: number;
  /** Gaps longer than this many buckets are not replayed bucket by bucket. */
  maxGapBuckets: number;
  /** Article ids kept as evidence for the open bucket. */
  evidenceIds: number;
}

export const DEFAULT_DETECTOR_SETTINGS: Readonly<DetectorSettings> = Object.freeze({
  bucketMinutes: 15,
  levelAlpha: 0.05,
  seasonAlpha: 0.05,
  phiAlpha: 0.02,
  phiInitial: 0.1,
  phiMax: 2,
  utcOffsetMinutes: 7 * 60,
  cusumK: 1,
  cusumH: 5,
  singleZ: 4.5,
  minCount: 3,
  cooldownBuckets: 8,
  warmupBuckets: 96,
  clampZ: 3,
  minFactor: 0.25,
  minMean: 0.01,
  maxGapBuckets: 7 * 96,
  evidenceIds: 50,
});

export function detectorSettings(overrides: Partial<DetectorSettings> = {}): DetectorSettings {
  return { ...DEFAULT_DETECTOR_SETTINGS, ...overrides };
}
