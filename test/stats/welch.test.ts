// Welch's t from figures known only by mean, 95 % half-width and n (as summary.json keeps
// them): t and degrees of freedom against the test computed from the raw replications,
// p-values against a printed Student t table (not against the library's own t function),
// and its false-positive rate.
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/kernel/random.js';
import { meanAndHalfWidth } from '../../src/stats/student.js';
import { welch } from '../../src/stats/welch.js';

/** Critical values t(q, df) of Student's t as printed in statistical tables (four decimals). */
const T_TABLE: Readonly<Record<string, number>> = {
  '0.975,4': 2.7764,
  '0.975,5': 2.5706,
  '0.95,6': 1.9432,
  '0.975,6': 2.4469,
  '0.995,6': 3.7074,
  '0.95,10': 1.8125,
  '0.975,10': 2.2281,
  '0.995,10': 3.1693,
  '0.975,20': 2.086,
};
const table = (q: number, df: number): number => T_TABLE[`${q},${df}`]!;

function normals(stream: ReturnType<typeof createStream>, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next()));
}

/** The textbook statistic on raw samples. */
function rawWelch(a: number[], b: number[]): { t: number; df: number } {
  const m = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const v = (x: number[]) => x.reduce((s, y) => s + (y - m(x)) ** 2, 0) / (x.length - 1);
  const sa = v(a) / a.length;
  const sb = v(b) / b.length;
  const t = (m(b) - m(a)) / Math.sqrt(sa + sb);
  const df = (sa + sb) ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  return { t, df };
}

const summary = (x: number[]) => {
  const e = meanAndHalfWidth(x, 0.95);
  return { mean: e.mean, ci95: e.halfWidth, n: e.n };
};

describe("Welch's t from summaries", () => {
  it('equals the test on the raw replications, for unequal spreads and counts', () => {
    const stream = createStream(11, 0, 'welch');
    for (const [na, nb, sdA, sdB, shift] of [[10, 10, 1, 1, 0.5], [5, 20, 2, 0.5, 1], [30, 8, 0.3, 3, -2]] as const) {
      const a = normals(stream, na, 10, sdA);
      const b = normals(stream, nb, 10 + shift, sdB);
      const raw = rawWelch(a, b);
      const got = welch(summary(a), summary(b));
      expect(got.t).toBeCloseTo(raw.t, 9);
      expect(got.df).toBeCloseTo(raw.df, 9);
    }
  });

  // A half-width is t(0.975, n − 1) standard errors: written from the table, the summaries
  // below have standard errors known exactly, and a difference of t(q, df) standard errors
  // (of the difference) must come out at the table's two-sided p = 2 (1 − q).
  it('gives the printed two-sided p-values for equal counts (df = 2 (n − 1))', () => {
    const side = (mean: number) => ({ mean, ci95: table(0.975, 5), n: 6 }); // standard error 1
    for (const [q, p] of [[0.95, 0.1], [0.975, 0.05], [0.995, 0.01]] as const) {
      const got = welch(side(50), side(50 + table(q, 10) * Math.SQRT2));
      expect(got.df).toBeCloseTo(10, 3);
      expect(got.t).toBeCloseTo(table(q, 10), 3);
      // The table's four decimals move p by less than 1e-4; a df off by one moves it by 2e-3.
      expect(Math.abs(got.p - p)).toBeLessThan(3e-4);
    }
  });

  it('gives the printed p-values for unequal counts and spreads (Welch–Satterthwaite df = 6)', () => {
    // n = 5 and 21; standard errors √x and 1 with (x + 1)² / (x²/4 + 1/20) = 6, i.e.
    // 0.5 x² − 2 x − 0.7 = 0: the degrees of freedom are 6 exactly, well below 4 + 20.
    const x = 2 + Math.sqrt(5.4);
    const baseline = { mean: 100, ci95: Math.sqrt(x) * table(0.975, 4), n: 5 };
    for (const [q, p] of [[0.95, 0.1], [0.975, 0.05], [0.995, 0.01]] as const) {
      const current = { mean: 100 - table(q, 6) * Math.sqrt(x + 1), ci95: table(0.975, 20), n: 21 };
      const got = welch(baseline, current);
      expect(got.df).toBeCloseTo(6, 3);
      expect(got.t).toBeCloseTo(-table(q, 6), 3);
      expect(Math.abs(got.p - p)).toBeLessThan(3e-4);
    }
  });

  it('finds 5 % of equal means significant at p < 0.05', () => {
    const stream = createStream(12, 0, 'welch-null');
    const trials = 4000;
    let rejected = 0;
    for (let i = 0; i < trials; i++) if (welch(summary(normals(stream, 10, 0, 1)), summary(normals(stream, 6, 0, 3))).p < 0.05) rejected++;
    // Binomial(4000, 0.05): mean 200, sd 13.8; ±4 sd.
    expect(Math.abs(rejected - 200)).toBeLessThan(4 * Math.sqrt(trials * 0.05 * 0.95));
  });

  it('keeps a tiny p as a number above 0, to the precision of the closed form', () => {
    // Two replications a side with equal spreads: df = 2, where p = 1 − t / √(2 + t²),
    // written here without the cancellation that 1 − CDF suffers.
    const se = 1;
    const ci95 = se * 12.706204736174707; // t(0.975, 1): n = 2
    for (const t of [5, 1e3, 1e6, 1e9]) {
      const got = welch({ mean: 0, ci95, n: 2 }, { mean: t * Math.sqrt(2) * se, ci95, n: 2 });
      expect(got.df).toBeCloseTo(2, 9);
      const root = Math.sqrt(2 + got.t * got.t);
      const exact = 2 / ((root + got.t) * root);
      expect(got.p).toBeGreaterThan(0);
      expect(Math.abs(got.p - exact) / exact, `t = ${t}`).toBeLessThan(1e-9);
    }
  });
});
