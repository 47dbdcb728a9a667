/**
 * How surprising a count is under a negative binomial with mean `mean` and dispersion `phi`
 * (variance mean + phi·mean²; phi = 0 is Poisson), expressed as a standard normal score.
 *
 * (count − mean) / sd misleads for small means: 4 articles where 0.2 are expected scores 7.6,
 * although under the model that happens once in a few thousand buckets. The mid-p tail
 * probability of the count, turned into a normal quantile, is calibrated at any mean: a score of
 * 3 is as rare at night as at the morning peak, so the CUSUM's k and h mean the same everywhere.
 */

/** Largest score returned: beyond it the tail probability is below double precision anyway. */
export const MAX_SCORE = 8;

/** P(X < count) + ½·P(X = count) under the negative binomial. */
export function midDistribution(count: number, mean: number, phi: number): number {
  if (count <= 0) return count < 0 ? 0 : 0.5 * pmfAtZero(mean, phi);
  let pmf = pmfAtZero(mean, phi);
  // Beyond a few thousand the pmf recursion is slow, and for a mean of several hundred P(X = 0)
  // underflows to 0 (the recursion would then say every count is impossible): the normal
  // approximation is exact enough there.
  if (count > 5000 || pmf < 1e-300)
    return normalCdf((count - 0.5 - mean) / Math.sqrt(mean + phi * mean * mean));
  let below = 0;
  const ratio = phi > 1e-9 ? mean / (1 / phi + mean) : 0; // 1 − p of the NB
  for (let k = 0; k < count; k++) {
    below += pmf;
    pmf *= phi > 1e-9 ? ((k + 1 / phi) / (k + 1)) * ratio : mean / (k + 1);
    if (pmf === 0 && below >= 1) break;
  }
  return Math.min(1, below + 0.5 * pmf);
}

function pmfAtZero(mean: number, phi: number): number {
  if (phi <= 1e-9) return Math.exp(-mean);
  const r = 1 / phi;
  return Math.exp(r * Math.log(r / (r + mean)));
}

/** The normal score of a count: Φ⁻¹ of its mid-distribution, within ±MAX_SCORE. */
export function surprise(count: number, mean: number, phi: number): number {
  const u = midDistribution(count, mean, phi);
  if (u >= 1 - 1e-15) return MAX_SCORE;
  if (u <= 1e-15) return -MAX_SCORE;
  return Math.max(-MAX_SCORE, Math.min(MAX_SCORE, normalQuantile(u)));
}

/** Φ(x), by the Abramowitz–Stegun 7.1.26 approximation of erf (error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp((-x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Φ⁻¹(p), Acklam's rational approximation (relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
