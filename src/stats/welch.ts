// Welch's t-test on two figures known by their mean and 95 % half-width over n replications:
// the half-width gives back the standard error (half-width / t(0.975, n − 1)), and the
// Welch–Satterthwaite degrees of freedom allow unequal spreads and counts. Exports `welch`.
import { incompleteBeta, studentTQuantile } from './student.js';

export interface Sample {
  readonly mean: number;
  readonly ci95: number;
  readonly n: number;
}

export interface WelchResult {
  readonly difference: number;
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value; NaN when a side has no spread estimate (one replication). */
  readonly p: number;
}

export function standardError(sample: Sample): number {
  if (!(sample.n > 1) || !Number.isFinite(sample.ci95)) return Number.NaN;
  return sample.ci95 / studentTQuantile(0.975, sample.n - 1);
}

export function welch(baseline: Sample, current: Sample): WelchResult {
  const difference = current.mean - baseline.mean;
  const seB = standardError(baseline);
  const seC = standardError(current);
  const variance = seB * seB + seC * seC;
  if (!Number.isFinite(variance)) return { difference, t: Number.NaN, df: Number.NaN, p: Number.NaN };
  if (variance === 0) return { difference, t: difference === 0 ? 0 : Infinity, df: Infinity, p: difference === 0 ? 1 : 0 };
  const t = difference / Math.sqrt(variance);
  const vb = seB ** 4 / (baseline.n - 1);
  const vc = seC ** 4 / (current.n - 1);
  const df = (variance * variance) / (vb + vc);
  // Both tails straight from the incomplete beta, I_{df/(df+t²)}(df/2, 1/2): 2·(1 − CDF) would
  // cancel to 0 below about 1e-16, and a p of 0 claims more than the data can.
  const p = incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return { difference, t, df, p };
}
