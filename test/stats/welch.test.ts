// Welch's t from figures known only by mean, 95 % half-width and n (as summary.json keeps
// them) against the test computed from the raw replications, and its false-positive rate.
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/kernel/random.js';
import { meanAndHalfWidth, studentTCdf } from '../../src/stats/student.js';
import { welch } from '../../src/stats/welch.js';

function normals(stream: ReturnType<typeof createStream>, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - stream.next())) * Math.cos(2 * Math.PI * stream.next()));
}

/** The textbook test on raw samples. */
function rawWelch(a: number[], b: number[]): { t: number; df: number; p: number } {
  const m = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const v = (x: number[]) => x.reduce((s, y) => s + (y - m(x)) ** 2, 0) / (x.length - 1);
  const sa = v(a) / a.length;
  const sb = v(b) / b.length;
  const t = (m(b) - m(a)) / Math.sqrt(sa + sb);
  const df = (sa + sb) ** 2 / (sa ** 2 / (a.length - 1) + sb ** 2 / (b.length - 1));
  return { t, df, p: 2 * (1 - studentTCdf(Math.abs(t), df)) };
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
      expect(got.p).toBeCloseTo(raw.p, 9);
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
