// Distributions: moments of 200 000 draws against the exact mean and variance with tolerances
// derived from the sampling distribution, plus determinism, parameter checks and the guard.
import { describe, expect, it } from 'vitest';
import {
  COUNT_DISTRIBUTION_NAMES,
  DISTRIBUTION_NAMES,
  empirical,
  empiricalCount,
  erlang,
  exponential,
  fixed,
  fixedCount,
  gamma,
  geometric,
  lognormal,
  makeCountDistribution,
  makeDistribution,
  uniform,
  uniformRange,
  type Distribution,
} from '../../src/kernel/distributions.js';
import { createStream } from '../../src/kernel/random.js';

const SEED = 20_240_611;
const N = 200_000;
// z = 4.5: two-sided P(|Z| > 4.5) ≈ 6.8e-6, so by Bonferroni the 50 moment checks below (mean and variance of 25 non-degenerate cases) raise a false alarm with probability < 3.4e-4.
const Z = 4.5;

// ---------------------------------------------------------------------------------------------
// Exact excess kurtosis (μ4/σ⁴ − 3) per family, for the standard error of the sample variance.

function lognormalExcessKurtosis(cv: number): number {
  const s2 = Math.log1p(cv * cv);
  return Math.exp(4 * s2) + 2 * Math.exp(3 * s2) + 3 * Math.exp(2 * s2) - 6;
}

/** From the pmf, summed until the terms no longer change the sums. */
function geometricExcessKurtosis(mean: number): number {
  const p = 1 / mean;
  let m2 = 0;
  let m4 = 0;
  let pmf = p;
  for (let n = 1; pmf > 1e-300 && n < 1_000_000; n++) {
    const d = n - mean;
    m2 += pmf * d * d;
    m4 += pmf * d * d * d * d;
    pmf *= 1 - p;
  }
  return m4 / (m2 * m2) - 3;
}

function listExcessKurtosis(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += (d * d) / n;
    m4 += (d * d * d * d) / n;
  }
  return m4 / (m2 * m2) - 3;
}

interface Case {
  label: string;
  make: () => Distribution;
  /** Excess kurtosis; unused when the variance is 0. */
  excessKurtosis: number;
  count: boolean;
}

const HANDLE_TIMES = [35, 60, 60, 90, 120, 150, 180, 240, 300, 420, 600, 1200];
const EXCHANGES = [1, 1, 2, 3, 5, 8];

function dur(label: string, make: () => Distribution, excessKurtosis: number): Case {
  return { label, make, excessKurtosis, count: false };
}
function cnt(label: string, make: () => Distribution, excessKurtosis: number): Case {
  return { label, make, excessKurtosis, count: true };
}

const CASES: Case[] = [
  dur('fixed(0)', () => fixed(0), 0),
  dur('fixed(42.5)', () => fixed(42.5), 0),
  dur('exponential(1)', () => exponential(1), 6),
  dur('exponential(30)', () => exponential(30), 6),
  dur('exponential(280)', () => exponential(280), 6),
  dur('uniform(100, 0.3)', () => uniform(100, 0.3), -1.2),
  dur('uniform(50, 1/sqrt3)', () => uniform(50, 1 / Math.sqrt(3)), -1.2),
  dur('uniformRange(10, 20)', () => uniformRange(10, 20), -1.2),
  dur('uniformRange(0, 1)', () => uniformRange(0, 1), -1.2),
  dur('lognormal(5, 0.1)', () => lognormal(5, 0.1), lognormalExcessKurtosis(0.1)),
  dur('lognormal(280, 0.5)', () => lognormal(280, 0.5), lognormalExcessKurtosis(0.5)),
  dur('lognormal(280, 1)', () => lognormal(280, 1), lognormalExcessKurtosis(1)),
  dur('lognormal(60, 2)', () => lognormal(60, 2), lognormalExcessKurtosis(2)),
  dur('gamma(5, 0.1) shape 100', () => gamma(5, 0.1), 6 / 100),
  dur('gamma(280, 0.5) shape 4', () => gamma(280, 0.5), 6 / 4),
  dur('gamma(100, 1) shape 1', () => gamma(100, 1), 6 / 1),
  dur('gamma(60, 1.5) shape 0.44', () => gamma(60, 1.5), 6 * 1.5 * 1.5),
  dur('gamma(60, 2) shape 0.25', () => gamma(60, 2), 6 / 0.25),
  dur('gamma(100, 1e-7) shape 1e14', () => gamma(100, 1e-7), 6e-14),
  dur('erlang(100, 1)', () => erlang(100, 1), 6 / 1),
  dur('erlang(100, 3)', () => erlang(100, 3), 6 / 3),
  dur('erlang(100, 30)', () => erlang(100, 30), 6 / 30),
  dur('erlang(100, 50)', () => erlang(100, 50), 6 / 50),
  dur('empirical(handle times)', () => empirical(HANDLE_TIMES), listExcessKurtosis(HANDLE_TIMES)),
  dur('empirical([7])', () => empirical([7]), 0),
  cnt('fixedCount(3)', () => fixedCount(3), 0),
  cnt('geometric(1)', () => geometric(1), 0),
  cnt('geometric(1.5)', () => geometric(1.5), geometricExcessKurtosis(1.5)),
  cnt('geometric(6)', () => geometric(6), geometricExcessKurtosis(6)),
  cnt('geometric(20)', () => geometric(20), geometricExcessKurtosis(20)),
  cnt('empiricalCount(exchanges)', () => empiricalCount(EXCHANGES), listExcessKurtosis(EXCHANGES)),
];

const buffer = new Float64Array(N);

describe('distributions: moments of 200 000 draws', () => {
  for (const c of CASES) {
    it(c.label, () => {
      const dist = c.make();
      const stream = createStream(SEED, 0, `moments:${c.label}`);
      let bad = 0;
      let sum = 0;
      for (let i = 0; i < N; i++) {
        const x = dist.sample(stream);
        const ok = c.count ? Number.isInteger(x) && x >= 1 : Number.isFinite(x) && x >= 0;
        if (!ok) bad++;
        buffer[i] = x;
        sum += x;
      }
      expect(bad, 'draws outside the support').toBe(0);

      const xbar = sum / N;
      let ss = 0;
      for (let i = 0; i < N; i++) ss += ((buffer[i] as number) - xbar) ** 2;
      const s2 = ss / (N - 1);

      if (dist.variance === 0) {
        expect(buffer.every((x) => x === dist.mean)).toBe(true);
        return;
      }
      const meanTol = Z * Math.sqrt(dist.variance / N);
      expect(Math.abs(xbar - dist.mean), `mean ${xbar} vs ${dist.mean} (tol ${meanTol})`).toBeLessThanOrEqual(meanTol);
      // SE of the sample variance is sqrt((μ4 − σ⁴)/n) = σ²·sqrt((excess kurtosis + 2)/n).
      const varTol = Z * dist.variance * Math.sqrt((c.excessKurtosis + 2) / N);
      expect(Math.abs(s2 - dist.variance), `variance ${s2} vs ${dist.variance} (tol ${varTol})`).toBeLessThanOrEqual(varTol);
    });
  }
});

describe('distributions: exact mean and variance', () => {
  it.each([
    ['fixed(7)', fixed(7), 7, 0],
    ['exponential(30)', exponential(30), 30, 900],
    ['uniform(100, 0.3)', uniform(100, 0.3), 100, 900],
    ['uniformRange(10, 20)', uniformRange(10, 20), 15, 100 / 12],
    ['lognormal(280, 0.8)', lognormal(280, 0.8), 280, 224 * 224],
    ['lognormal(280, 0)', lognormal(280, 0), 280, 0],
    ['gamma(100, 0.5)', gamma(100, 0.5), 100, 2500],
    ['gamma(100, 0)', gamma(100, 0), 100, 0],
    ['erlang(100, 4)', erlang(100, 4), 100, 2500],
    ['erlang(100, 50)', erlang(100, 50), 100, 200],
    ['empirical([1, 2, 3, 4])', empirical([1, 2, 3, 4]), 2.5, 1.25],
    ['fixedCount(3)', fixedCount(3), 3, 0],
    ['geometric(1)', geometric(1), 1, 0],
    ['geometric(6)', geometric(6), 6, 30],
    ['empiricalCount([1, 3])', empiricalCount([1, 3]), 2, 1],
  ] as const)('%s', (_label, dist, mean, variance) => {
    expect(dist.mean).toBeCloseTo(mean, 9);
    expect(dist.variance).toBeCloseTo(variance, 9);
  });

  it('gamma with a vanishing cv (1e-300, which the schema accepts) draws its mean, never NaN', () => {
    const stream = createStream(SEED, 0, 'gamma-narrow');
    for (const cv of [1e-300, 1e-160, 1e-9]) {
      const dist = gamma(100, cv);
      for (let i = 0; i < 1000; i++) expect(Math.abs(dist.sample(stream) - 100)).toBeLessThanOrEqual(100 * cv * 9 + 1e-12);
    }
  });

  it('uniform at the cv bound keeps its lower end at 0', () => {
    const d = uniform(280, 1 / Math.sqrt(3));
    const s = createStream(SEED, 0, 'uniform-bound');
    let min = Infinity;
    for (let i = 0; i < 10_000; i++) min = Math.min(min, d.sample(s));
    expect(min).toBeGreaterThanOrEqual(0);
    expect(min).toBeLessThan(0.2);
  });

  it('reads well', () => {
    expect(lognormal(280, 0.8).toString()).toBe('lognormal(mean=280, cv=0.8)');
    expect(gamma(100, 0.5).toString()).toBe('gamma(mean=100, cv=0.5)');
    expect(erlang(100, 50).toString()).toBe('erlang(mean=100, k=50)');
    expect(erlang(100, 3).toString()).toBe('erlang(mean=100, k=3)');
    expect(exponential(30).toString()).toBe('exponential(mean=30)');
    expect(uniformRange(10, 20).toString()).toBe('uniform(min=10, max=20)');
    expect(geometric(6).toString()).toBe('geometric(mean=6)');
    expect(String(lognormal(280, 0))).toBe('lognormal(mean=280, cv=0)');
  });

  it('empirical copies its values', () => {
    const values = [10, 20];
    const d = empirical(values);
    values[0] = -1;
    const s = createStream(SEED, 0, 'empirical-copy');
    for (let i = 0; i < 100; i++) expect([10, 20]).toContain(d.sample(s));
  });
});

describe('distributions: determinism', () => {
  const firstDraws = (dist: Distribution, name: string): number[] => {
    const s = createStream(SEED, 0, name);
    return Array.from({ length: 100 }, () => dist.sample(s));
  };
  for (const c of CASES) {
    const dist = c.make();
    if (dist.variance === 0) continue;
    it(c.label, () => {
      const a = firstDraws(dist, 'det:a');
      expect(firstDraws(c.make(), 'det:a')).toEqual(a);
      expect(firstDraws(dist, 'det:b')).not.toEqual(a);
    });
  }
});

describe('distributions: parameter checks', () => {
  it.each([
    ['fixed(-1)', () => fixed(-1), /fixed: value must be >= 0, got -1/],
    ['fixed(NaN)', () => fixed(NaN), /fixed: value must be a finite number, got NaN/],
    ['exponential(-1)', () => exponential(-1), /exponential: mean must be > 0, got -1/],
    ['exponential(0)', () => exponential(0), /exponential: mean/],
    ['exponential(Infinity)', () => exponential(Infinity), /exponential: mean must be a finite number/],
    ['uniform(-1, 0.1)', () => uniform(-1, 0.1), /uniform: mean/],
    ['uniform(100, -0.1)', () => uniform(100, -0.1), /uniform: cv/],
    ['uniform(100, 0.6)', () => uniform(100, 0.6), /uniform: cv must be between 0 and 1\/sqrt\(3\).*got 0.6/],
    ['uniformRange(-1, 5)', () => uniformRange(-1, 5), /uniform: min/],
    ['uniformRange(5, 4)', () => uniformRange(5, 4), /uniform: max/],
    ['lognormal(-1, 0.5)', () => lognormal(-1, 0.5), /lognormal: mean must be > 0, got -1/],
    ['lognormal(280, -1)', () => lognormal(280, -1), /^lognormal: cv must be >= 0, got -1$/],
    ['gamma(0, 1)', () => gamma(0, 1), /gamma: mean/],
    ['gamma(100, -0.5)', () => gamma(100, -0.5), /gamma: cv/],
    ['erlang(-1, 2)', () => erlang(-1, 2), /erlang: mean/],
    ['erlang(100, 0)', () => erlang(100, 0), /erlang: k must be an integer >= 1, got 0/],
    ['erlang(100, 2.5)', () => erlang(100, 2.5), /erlang: k must be an integer >= 1, got 2.5/],
    ['empirical([])', () => empirical([]), /empirical: values must be a non-empty list/],
    ['empirical([1, -2])', () => empirical([1, -2]), /empirical: values\[1\] must be >= 0, got -2/],
    ['empirical([1, NaN])', () => empirical([1, NaN]), /empirical: values\[1\] must be a finite number/],
    ['fixedCount(0)', () => fixedCount(0), /fixed count: value must be an integer >= 1/],
    ['fixedCount(1.5)', () => fixedCount(1.5), /fixed count: value/],
    ['geometric(0.5)', () => geometric(0.5), /geometric: mean must be >= 1, got 0.5/],
    ['empiricalCount([])', () => empiricalCount([]), /empirical count: values/],
    ['empiricalCount([1, 0])', () => empiricalCount([1, 0]), /empirical count: values\[1\] must be an integer >= 1/],
    ['empiricalCount([2.5])', () => empiricalCount([2.5]), /empirical count: values\[0\]/],
  ] as const)('%s', (_label, make, message) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(message);
  });
});

describe('distributions: factories', () => {
  it('builds every duration family from its spec', () => {
    expect(makeDistribution({ dist: 'fixed', value: 5 }).toString()).toBe('fixed(value=5)');
    expect(makeDistribution({ dist: 'fixed', mean: 6 }).mean).toBe(6);
    expect(makeDistribution({ dist: 'exponential', mean: 30 }).toString()).toBe('exponential(mean=30)');
    expect(makeDistribution({ dist: 'exponential', mean: 30, cv: 1 }).variance).toBe(900);
    expect(makeDistribution({ dist: 'uniform', min: 10, max: 20 }).toString()).toBe('uniform(min=10, max=20)');
    expect(makeDistribution({ dist: 'uniform', mean: 100, cv: 0.3 }).toString()).toBe('uniform(mean=100, cv=0.3)');
    expect(makeDistribution({ dist: 'lognormal', mean: 280, cv: 0.8 }).toString()).toBe('lognormal(mean=280, cv=0.8)');
    expect(makeDistribution({ dist: 'gamma', mean: 280, cv: 0.8 }).toString()).toBe('gamma(mean=280, cv=0.8)');
    expect(makeDistribution({ dist: 'erlang', mean: 100, k: 4 }).variance).toBeCloseTo(2500, 9);
    expect(makeDistribution({ dist: 'empirical', values: [1, 2, 3, 4] }).mean).toBe(2.5);
  });

  it('builds every count family from its spec', () => {
    expect(makeCountDistribution({ dist: 'fixed', value: 3 }).mean).toBe(3);
    expect(makeCountDistribution({ dist: 'fixed', mean: 2 }).mean).toBe(2);
    expect(makeCountDistribution({ dist: 'geometric', mean: 6 }).variance).toBe(30);
    expect(makeCountDistribution({ dist: 'empirical', values: [1, 3] }).variance).toBe(1);
  });

  it('lists the names it accepts', () => {
    expect([...DISTRIBUTION_NAMES].sort()).toEqual(
      ['empirical', 'erlang', 'exponential', 'fixed', 'gamma', 'lognormal', 'uniform'],
    );
    expect([...COUNT_DISTRIBUTION_NAMES].sort()).toEqual(['empirical', 'fixed', 'geometric']);
  });

  it.each([
    ['lognormal without cv', () => makeDistribution({ dist: 'lognormal', mean: 280 }), /^lognormal needs cv$/],
    ['gamma without mean', () => makeDistribution({ dist: 'gamma', cv: 1 }), /gamma needs mean/],
    ['erlang without k', () => makeDistribution({ dist: 'erlang', mean: 100 }), /erlang needs k/],
    ['erlang with k = 0', () => makeDistribution({ dist: 'erlang', mean: 100, k: 0 }), /erlang: k/],
    ['empirical without values', () => makeDistribution({ dist: 'empirical' }), /empirical needs values/],
    ['exponential with cv 0.5', () => makeDistribution({ dist: 'exponential', mean: 30, cv: 0.5 }), /exponential: cv must be 1/],
    ['exponential with mean -1', () => makeDistribution({ dist: 'exponential', mean: -1 }), /exponential: mean/],
    ['uniform with only min', () => makeDistribution({ dist: 'uniform', min: 1 }), /uniform needs both min and max/],
    ['uniform without cv', () => makeDistribution({ dist: 'uniform', mean: 1 }), /uniform needs cv/],
    ['fixed without value', () => makeDistribution({ dist: 'fixed' }), /fixed needs value/],
    ['unknown name', () => makeDistribution({ dist: 'weibull', mean: 1 }), /unknown distribution "weibull"; allowed: fixed, /],
    ['count: unknown name', () => makeCountDistribution({ dist: 'lognormal', mean: 3, cv: 1 }), /unknown count distribution "lognormal"/],
    ['count: geometric without mean', () => makeCountDistribution({ dist: 'geometric' }), /geometric needs mean/],
    ['count: geometric mean 0.5', () => makeCountDistribution({ dist: 'geometric', mean: 0.5 }), /geometric: mean/],
    ['count: fixed 0', () => makeCountDistribution({ dist: 'fixed', value: 0 }), /fixed count: value/],
    ['count: empirical [0]', () => makeCountDistribution({ dist: 'empirical', values: [0] }), /values\[0\]/],
  ] as const)('rejects %s', (_label, make, message) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(message);
  });
});
