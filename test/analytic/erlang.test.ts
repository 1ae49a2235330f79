// Checks the Erlang B/C/A formulas against answers computed another way: textbook sums, log-space
// sums for large c, a dense CTMC solve with an RK4 tagged-customer chain, and the θ = μ case of
// Erlang A, where N is Poisson and the wait is an order statistic. Units: seconds, per second.
import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/errors.js';
import {
  agentsForServiceLevel,
  agentsForServiceLevelA,
  erlangA,
  erlangB,
  erlangC,
} from '../../src/analytic/erlang.js';
import { buildChain } from '../helpers/ctmc.js';

// ---------------------------------------------------------------- independent references

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

function logSumExp(xs: number[]): number {
  const m = Math.max(...xs);
  let s = 0;
  for (const x of xs) s += Math.exp(x - m);
  return m + Math.log(s);
}

/** Erlang B and C by the textbook sums of a^k/k!, in plain floats (small c only). */
function directB(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= c; k++) {
    term *= a / k;
    sum += term;
  }
  return term / sum;
}

function directC(c: number, a: number): number {
  let term = 1;
  let below = 0;
  for (let k = 0; k < c; k++) {
    below += term;
    term *= a / (k + 1);
  }
  const top = term * (c / (c - a));
  return top / (below + top);
}

/** Erlang B and C from log-space sums, for thousands of agents. */
function logSpaceB(c: number, a: number): number {
  const logs: number[] = [];
  for (let k = 0; k <= c; k++) logs.push(k * Math.log(a) - logFactorial(k));
  return Math.exp(logs[c]! - logSumExp(logs));
}

function logSpaceC(c: number, a: number): number {
  const logs: number[] = [];
  for (let k = 0; k < c; k++) logs.push(k * Math.log(a) - logFactorial(k));
  const logTop = c * Math.log(a) - logFactorial(c) + Math.log(c / (c - a));
  return Math.exp(logTop - logSumExp([...logs, logTop]));
}

/** Poisson(mean) pmf at n, in log space. */
function poissonPmf(mean: number, n: number): number {
  return Math.exp(-mean + n * Math.log(mean) - logFactorial(n));
}

/** P(Binomial(n, x) <= k), summed in log space so large n with x near 1 does not underflow. */
function binomialCdf(n: number, x: number, k: number): number {
  let total = 0;
  let logC = 0;
  for (let i = 0; i <= Math.min(k, n); i++) {
    if (i > 0) logC += Math.log((n - i + 1) / i);
    total += Math.exp(logC + i * Math.log(x) + (n - i) * Math.log1p(-x));
  }
  return Math.min(1, total);
}

function relErr(x: number, y: number): number {
  return Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
}

/** Stationary law of the number in system, by a dense solve of the truncated birth–death chain. */
function bruteStationary(c: number, lambda: number, mu: number, theta: number, maxN: number): Float64Array {
  const { chain, states } = buildChain<number>(
    0,
    (n) => String(n),
    (n) => {
      const out: Array<[number, number]> = [];
      if (n < maxN) out.push([n + 1, lambda]);
      if (n > 0) out.push([n - 1, Math.min(n, c) * mu + Math.max(n - c, 0) * theta]);
      return out;
    },
  );
  const pi = chain.stationary();
  const byN = new Float64Array(maxN + 1);
  states.forEach((n, i) => (byN[n] = pi[i]!));
  return byN;
}

function throwsInternal(f: () => unknown): void {
  expect(f).toThrow(InternalError);
}

// ---------------------------------------------------------------- Erlang B

describe('erlangB', () => {
  it('has the boundary values B(0, a) = 1, B(1, a) = a/(1+a), B(c, 0) = 0', () => {
    expect(erlangB(0, 3.7)).toBe(1);
    for (const a of [0.1, 1, 7.5]) expect(erlangB(1, a)).toBeCloseTo(a / (1 + a), 15);
    expect(erlangB(5, 0)).toBe(0);
  });

  it('matches the textbook sum for small c, including non-integer loads', () => {
    for (const [c, a] of [
      [2, 1.5],
      [5, 3.2],
      [10, 7.3],
      [14, 10],
      [30, 29.5],
    ] as const) {
      expect(relErr(erlangB(c, a), directB(c, a))).toBeLessThan(1e-12);
    }
  });

  it('stays finite and matches a log-space sum for thousands of agents', () => {
    for (const [c, a] of [
      [1000, 950],
      [2000, 1900.5],
      [3000, 3100],
    ] as const) {
      const b = erlangB(c, a);
      expect(Number.isFinite(b)).toBe(true);
      expect(relErr(b, logSpaceB(c, a))).toBeLessThan(1e-9);
    }
  });

  it('falls with more agents and rises with more load', () => {
    expect(erlangB(11, 10)).toBeLessThan(erlangB(10, 10));
    expect(erlangB(10, 10.5)).toBeGreaterThan(erlangB(10, 10));
  });

  it('rejects bad arguments', () => {
    throwsInternal(() => erlangB(-1, 1));
    throwsInternal(() => erlangB(2.5, 1));
    throwsInternal(() => erlangB(3, -0.1));
    throwsInternal(() => erlangB(3, NaN));
  });
});

// ---------------------------------------------------------------- Erlang C

describe('erlangC', () => {
  // 100 contacts per 30 min, 180 s handling: a = 10 Erlangs on 14 agents.
  const reference = { agents: 14, arrivalRate: 100 / 1800, aht: 180, thresholdSec: 20 };

  it('reproduces the 14-agent, 10-Erlang reference figures from the textbook sum', () => {
    const r = erlangC(reference);
    const c = directC(14, 10);
    expect(r.load).toBeCloseTo(10, 12);
    expect(r.stable).toBe(true);
    expect(r.occupancy).toBeCloseTo(10 / 14, 14);
    expect(relErr(r.probWait, c)).toBeLessThan(1e-12);
    expect(r.probWait).toBeCloseTo(0.1741, 4);
    const drain = 14 / 180 - 100 / 1800;
    expect(relErr(r.meanWaitOfDelayed, 1 / drain)).toBeLessThan(1e-12); // 45 s
    expect(relErr(r.asa, c / drain)).toBeLessThan(1e-12);
    expect(r.asa).toBeCloseTo(7.836, 3);
    expect(r.serviceLevel).toBeCloseTo(1 - c * Math.exp(-drain * 20), 12);
    expect(r.serviceLevel).toBeCloseTo(0.8884, 4);
  });

  it('gets P(wait) and the wait distribution of a CTMC with a tagged customer', () => {
    // Independent of the closed form: π from a dense solve, and a customer finding j waiting
    // waits Erlang(j + 1, cμ), so P(W > t) = Σ_j π(c + j) P(Poisson(cμt) <= j).
    const c = 4;
    const aht = 240;
    const lambda = 3.1 / aht;
    const pi = bruteStationary(c, lambda, 1 / aht, 0, c + 400);
    let probWait = 0;
    for (let n = c; n < pi.length; n++) probWait += pi[n]!;
    for (const t of [0, 15, 60, 300]) {
      const x = (c * t) / aht;
      let waitLonger = 0;
      let cdf = 0;
      for (let j = 0; c + j < pi.length; j++) {
        cdf += j === 0 ? Math.exp(-x) : poissonPmf(x, j);
        waitLonger += pi[c + j]! * Math.min(1, cdf);
      }
      const r = erlangC({ agents: c, arrivalRate: lambda, aht, thresholdSec: t });
      expect(r.probWait).toBeCloseTo(probWait, 12);
      expect(r.serviceLevel).toBeCloseTo(1 - waitLonger, 10);
    }
  });

  it('matches the textbook sum across a table of cases', () => {
    for (const [c, a] of [
      [1, 0.5],
      [2, 1.5],
      [5, 4.2],
      [10, 7.3],
      [20, 17],
      [30, 29.5],
    ] as const) {
      const r = erlangC({ agents: c, arrivalRate: a / 300, aht: 300, thresholdSec: 30 });
      expect(relErr(r.probWait, directC(c, a))).toBeLessThan(1e-11);
    }
  });

  it('reduces to M/M/1 for one agent: P(wait) = ρ, E[W] = ρ/(μ − λ)', () => {
    const mu = 1 / 120;
    const lambda = 0.7 * mu;
    const r = erlangC({ agents: 1, arrivalRate: lambda, aht: 120, thresholdSec: 45 });
    expect(r.probWait).toBeCloseTo(0.7, 14);
    expect(r.asa).toBeCloseTo(0.7 / (mu - lambda), 9);
    expect(r.serviceLevel).toBeCloseTo(1 - 0.7 * Math.exp(-(mu - lambda) * 45), 14);
  });

  it('stays finite, matches log-space sums and falls monotonically for 500 and 1000 agents', () => {
    for (const base of [500, 1000]) {
      const a = base - 8.5;
      let prev = 1;
      for (let c = base; c <= base + 60; c++) {
        const r = erlangC({ agents: c, arrivalRate: a / 180, aht: 180, thresholdSec: 20 });
        for (const v of [r.probWait, r.asa, r.serviceLevel, r.meanWaitOfDelayed]) expect(Number.isFinite(v)).toBe(true);
        expect(r.probWait).toBeGreaterThan(0);
        expect(r.probWait).toBeLessThan(prev);
        prev = r.probWait;
      }
      const r = erlangC({ agents: base, arrivalRate: a / 180, aht: 180, thresholdSec: 20 });
      expect(relErr(r.probWait, logSpaceC(base, a))).toBeLessThan(1e-9);
    }
  });

  it('reports an unstable system as always waiting with infinite ASA', () => {
    for (const a of [10, 12.5]) {
      const r = erlangC({ agents: 10, arrivalRate: a / 100, aht: 100, thresholdSec: 20 });
      expect(r.stable).toBe(false);
      expect(r.probWait).toBe(1);
      expect(r.asa).toBe(Infinity);
      expect(r.serviceLevel).toBe(0);
      expect(r.meanWaitOfDelayed).toBe(Infinity);
      expect(r.waitQuantile(0.5)).toBe(Infinity);
      expect(r.waitQuantile(0)).toBe(0);
    }
  });

  it('gives no wait when nothing arrives', () => {
    const r = erlangC({ agents: 3, arrivalRate: 0, aht: 100, thresholdSec: 20 });
    expect(r.probWait).toBe(0);
    expect(r.asa).toBe(0);
    expect(r.serviceLevel).toBe(1);
    expect(r.meanWaitOfDelayed).toBeCloseTo(100 / 3, 12);
  });

  it('has a service level rising in t from 1 − C', () => {
    let prev = -1;
    for (const t of [0, 5, 20, 60, 600]) {
      const r = erlangC({ ...reference, thresholdSec: t });
      if (t === 0) expect(r.serviceLevel).toBeCloseTo(1 - r.probWait, 15);
      expect(r.serviceLevel).toBeGreaterThan(prev);
      prev = r.serviceLevel;
    }
  });

  it('inverts the service level with waitQuantile', () => {
    const r = erlangC(reference);
    for (const p of [0.9, 0.95, 0.99, 0.999]) {
      const t = r.waitQuantile(p);
      expect(t).toBeGreaterThan(0);
      expect(erlangC({ ...reference, thresholdSec: t }).serviceLevel).toBeCloseTo(p, 12);
    }
    expect(r.waitQuantile(0.5)).toBe(0); // half never wait
    expect(r.waitQuantile(1 - r.probWait)).toBe(0);
    expect(r.waitQuantile(1)).toBe(Infinity);
    throwsInternal(() => r.waitQuantile(1.1));
    throwsInternal(() => r.waitQuantile(-0.1));
  });

  it('rejects bad inputs', () => {
    throwsInternal(() => erlangC({ ...reference, agents: 0 }));
    throwsInternal(() => erlangC({ ...reference, agents: 3.5 }));
    throwsInternal(() => erlangC({ ...reference, arrivalRate: -1 }));
    throwsInternal(() => erlangC({ ...reference, aht: 0 }));
    throwsInternal(() => erlangC({ ...reference, thresholdSec: -5 }));
    throwsInternal(() => erlangC({ ...reference, arrivalRate: Infinity }));
  });
});

// ---------------------------------------------------------------- Erlang C staffing

describe('agentsForServiceLevel', () => {
  function bruteForce(arrivalRate: number, aht: number, thresholdSec: number, target: number, maxOcc = 1): number {
    for (let c = 1; ; c++) {
      const r = erlangC({ agents: c, arrivalRate, aht, thresholdSec });
      if (r.stable && r.serviceLevel >= target && r.occupancy <= maxOcc) return c;
    }
  }

  it('agrees with a brute-force loop over a grid of cases', () => {
    const cases: Array<[number, number, number, number, number | undefined]> = [
      [100 / 1800, 180, 20, 0.8, undefined],
      [100 / 1800, 180, 20, 0.95, undefined],
      [0.01, 300, 0, 0.5, undefined],
      [2 / 60, 420, 30, 0.9, 0.85],
      [5, 200, 10, 0.8, undefined], // 1000 Erlangs
      [0.5, 30, 60, 0.99, undefined],
      [100 / 180, 180, 20, 0.5, 0.85], // occupancy binds
      [0.001, 100, 20, 0.8, undefined], // under one Erlang
    ];
    for (const [lambda, aht, t, target, maxOcc] of cases) {
      const got = agentsForServiceLevel({
        arrivalRate: lambda,
        aht,
        thresholdSec: t,
        target,
        ...(maxOcc === undefined ? {} : { maxOccupancy: maxOcc }),
      });
      expect(got).toBe(bruteForce(lambda, aht, t, target, maxOcc));
    }
  });

  it('needs 14 agents for 80/20 at 100 contacts per 30 min, 180 s', () => {
    expect(agentsForServiceLevel({ arrivalRate: 100 / 1800, aht: 180, thresholdSec: 20, target: 0.8 })).toBe(14);
    expect(erlangC({ agents: 13, arrivalRate: 100 / 1800, aht: 180, thresholdSec: 20 }).serviceLevel).toBeLessThan(0.8);
  });

  it('lets the occupancy cap decide when it binds', () => {
    // a = 100: 50% in 20 s needs few spare agents; 85% occupancy needs ceil(100/0.85) = 118.
    expect(agentsForServiceLevel({ arrivalRate: 100 / 180, aht: 180, thresholdSec: 20, target: 0.5, maxOccupancy: 0.85 })).toBe(118);
  });

  it('staffs zero for no arrivals and rejects unreachable targets', () => {
    expect(agentsForServiceLevel({ arrivalRate: 0, aht: 180, thresholdSec: 20, target: 0.8 })).toBe(0);
    throwsInternal(() => agentsForServiceLevel({ arrivalRate: 0.1, aht: 180, thresholdSec: 20, target: 1 }));
    throwsInternal(() => agentsForServiceLevel({ arrivalRate: 0.1, aht: 180, thresholdSec: 20, target: 0 }));
    throwsInternal(() => agentsForServiceLevel({ arrivalRate: 0.1, aht: 180, thresholdSec: 20, target: 0.8, maxOccupancy: 0 }));
  });
});

// ---------------------------------------------------------------- Erlang A

describe('erlangA', () => {
  it('tends to Erlang C as patience grows without bound', () => {
    for (const [c, a, aht, t] of [
      [14, 10, 180, 20],
      [1, 0.6, 120, 10],
      [3, 2.7, 300, 60],
      [50, 45, 240, 15],
      [300, 290, 200, 20],
    ] as const) {
      const input = { agents: c, arrivalRate: a / aht, aht, thresholdSec: t };
      const ec = erlangC(input);
      const ea = erlangA({ ...input, patience: 1e11 });
      expect(relErr(ea.probWait, ec.probWait)).toBeLessThan(1e-6);
      expect(relErr(ea.asa, ec.asa)).toBeLessThan(1e-6);
      expect(relErr(ea.meanWaitAll, ec.asa)).toBeLessThan(1e-6);
      expect(relErr(ea.serviceLevel, ec.serviceLevel)).toBeLessThan(1e-6);
      expect(ea.probAbandon).toBeLessThan(1e-7);
      expect(relErr(ea.occupancy, ec.occupancy)).toBeLessThan(1e-7);
      // The gap is first order in θ = 1/patience: 100 times the patience, 1/100 of the gap.
      const nearer = erlangA({ ...input, patience: 1e9 });
      const ratio = relErr(nearer.asa, ec.asa) / relErr(ea.asa, ec.asa);
      expect(ratio).toBeGreaterThan(80);
      expect(ratio).toBeLessThan(120);
    }
  });

  // With θ = μ every contact present leaves at rate μ wherever it is, so N is Poisson(a)
  // (M/M/∞), and a tagged arrival finding j waiting enters service at the (j+1)-th of the c+j
  // i.i.d. Exp(μ) departures ahead. With U = e^{−μ·X(j+1)} ~ Beta(c, j+1) and own patience
  // Exp(μ): P(served, W <= t) = E[U; U >= e^{−μt}] = c/(c+j+1)·P(Bin(c+j+1, e^{−μt}) <= c),
  // and E[W·1{served}] = c/(c+j+1)·Σ_{k=c+1}^{c+j+1} 1/(kμ) (digamma differences).
  it('matches the closed form of the θ = μ case (Poisson occupancy, order-statistic waits)', () => {
    for (const [c, a, aht, t] of [
      [3, 2.5, 180, 30],
      [1, 1.8, 60, 20],
      [50, 48, 240, 20],
      [300, 320, 200, 10],
    ] as const) {
      const mu = 1 / aht;
      const x = Math.exp(-mu * t);
      let probWait = 0;
      let queue = 0;
      let answered = 0;
      let answeredWithin = 0;
      let waitAnswered = 0;
      for (let n = 0; n < a + 40 * Math.sqrt(a) + 60; n++) {
        const p = poissonPmf(a, n);
        if (n < c) {
          answered += p;
          answeredWithin += p;
          continue;
        }
        const j = n - c;
        const pServed = c / (c + j + 1);
        let harmonic = 0;
        for (let k = c + 1; k <= c + j + 1; k++) harmonic += 1 / (k * mu);
        probWait += p;
        queue += j * p;
        answered += p * pServed;
        answeredWithin += p * pServed * binomialCdf(c + j + 1, x, c);
        waitAnswered += p * pServed * harmonic;
      }
      const r = erlangA({ agents: c, arrivalRate: a / aht, aht, patience: aht, thresholdSec: t });
      expect(relErr(r.probWait, probWait)).toBeLessThan(1e-10);
      expect(relErr(r.meanQueueLength, queue)).toBeLessThan(1e-10);
      expect(relErr(r.probAbandon, queue / a)).toBeLessThan(1e-10);
      expect(relErr(1 - r.probAbandon, answered)).toBeLessThan(1e-10);
      expect(relErr(r.asa, waitAnswered / answered)).toBeLessThan(1e-10);
      expect(relErr(r.serviceLevel, answeredWithin)).toBeLessThan(1e-9);
      expect(relErr(r.serviceLevelOfAnswered, answeredWithin / answered)).toBeLessThan(1e-9);
    }
  });

  // Dense solve of the truncated chain for π, and a tagged-customer chain built from
  // per-customer events (each server completes at μ, each contact ahead abandons at θ, the
  // tagged one abandons at θ), integrated by RK4 — no uniformization, no closed forms.
  for (const [c, aht, patience, lambda] of [
    [1, 100, 150, 1 / 80],
    [2, 120, 90, 1 / 50],
  ] as const) {
    it(`matches a brute-force CTMC with a tagged customer (c = ${c}, a = ${(lambda * aht).toFixed(2)})`, () => {
      const mu = 1 / aht;
      const theta = 1 / patience;
      const maxN = c + 100;
      const pi = bruteStationary(c, lambda, mu, theta, maxN);
      expect(pi[maxN]!).toBeLessThan(1e-15); // truncation is harmless (the solve itself is only this exact)
      let probWait = 0;
      let queue = 0;
      let busy = 0;
      for (let n = 0; n <= maxN; n++) {
        if (n >= c) probWait += pi[n]!;
        queue += Math.max(n - c, 0) * pi[n]!;
        busy += Math.min(n, c) * pi[n]!;
      }

      // Arrivals finding more than `top` waiting carry under 1e-17 of the mass: leave them out.
      let top = 0;
      while (pi[c + top + 1]! > 1e-17) top++;
      type Tagged = { kind: 'waiting'; ahead: number } | { kind: 'served' } | { kind: 'abandoned' };
      const tagKey = (s: Tagged): string => (s.kind === 'waiting' ? `w${s.ahead}` : s.kind);
      const { chain, states, index } = buildChain<Tagged>(
        { kind: 'waiting', ahead: top },
        tagKey,
        (s) => {
          if (s.kind !== 'waiting') return [];
          const moves: Array<[Tagged, number]> = [];
          const advanced: Tagged = s.ahead === 0 ? { kind: 'served' } : { kind: 'waiting', ahead: s.ahead - 1 };
          for (let server = 0; server < c; server++) moves.push([advanced, mu]);
          for (let k = 0; k < s.ahead; k++) moves.push([{ kind: 'waiting', ahead: s.ahead - 1 }, theta]);
          moves.push([{ kind: 'abandoned' }, theta]);
          return moves;
        },
      );
      const served = index.get('served')!;
      const abandoned = index.get('abandoned')!;
      const start = new Float64Array(states.length);
      for (let j = 0; j <= top; j++) start[index.get(`w${j}`)!] = pi[c + j]!;
      const waiting = (p: Float64Array): number => p.reduce((s, x, i) => (i === served || i === abandoned ? s : s + x), 0);

      // The tagged law on a 2 s grid until under 1e-13 of the waiting mass is left; Simpson
      // then gives E[wait] = ∫ P(still waiting) and E[W·1{served}] = ∫ P(served later than t).
      const dt = 2;
      const grid: Float64Array[] = [start];
      while (grid.length < 3 || grid.length % 2 === 0 || waiting(grid.at(-1)!) > 1e-13 * probWait) {
        grid.push(chain.transient(grid.at(-1)!, dt));
        expect(grid.length).toBeLessThan(5000);
      }
      const servedInf = grid.at(-1)![served]!;
      const simpson = (f: (p: Float64Array) => number): number => {
        let s = f(grid[0]!) + f(grid.at(-1)!);
        for (let i = 1; i < grid.length - 1; i++) s += (i % 2 === 1 ? 4 : 2) * f(grid[i]!);
        return (s * dt) / 3;
      };
      const waitAll = simpson(waiting);
      const waitServed = simpson((p) => servedInf - p[served]!);

      const probNoWait = 1 - probWait;
      const answered = probNoWait + servedInf;
      for (const t of [0, 10, 30, 90, 400]) {
        const r = erlangA({ agents: c, arrivalRate: lambda, aht, patience, thresholdSec: t });
        const within = probNoWait + grid[t / dt]![served]!;
        expect(r.serviceLevel).toBeCloseTo(within, 9);
        expect(r.serviceLevelOfAnswered).toBeCloseTo(within / answered, 9);
        if (t !== 0) continue;
        expect(r.probWait).toBeCloseTo(probWait, 12);
        expect(r.meanQueueLength).toBeCloseTo(queue, 11);
        expect(r.probAbandon).toBeCloseTo((theta * queue) / lambda, 12);
        expect(r.probAbandon).toBeCloseTo(1 - answered, 9); // tagged view agrees with rate balance
        expect(r.occupancy).toBeCloseTo(busy / c, 11); // carried load = mean busy servers
        expect(relErr(r.meanWaitAll, waitAll)).toBeLessThan(1e-7); // Little's law vs tagged view
        expect(relErr(r.asa, waitServed / answered)).toBeLessThan(1e-7);
      }
    });
  }

  it('keeps its identities and monotonicity across a grid of cases', () => {
    for (const [c, a, aht, patience] of [
      [5, 4, 180, 60],
      [5, 7, 180, 30],
      [20, 22, 300, 120],
      [100, 95, 240, 600],
    ] as const) {
      const base = { agents: c, arrivalRate: a / aht, aht, patience };
      let prevSl = -1;
      for (const t of [0, 10, 30, 120, 1200]) {
        const r = erlangA({ ...base, thresholdSec: t });
        if (t === 0) expect(r.serviceLevel).toBeCloseTo(1 - r.probWait, 13);
        expect(r.serviceLevel).toBeGreaterThan(prevSl);
        expect(r.serviceLevel).toBeLessThanOrEqual(1 - r.probAbandon + 1e-12);
        expect(r.serviceLevelOfAnswered).toBeCloseTo(r.serviceLevel / (1 - r.probAbandon), 10);
        expect(r.meanWaitAll).toBeCloseTo(r.meanQueueLength / base.arrivalRate, 10); // Little's law
        expect(r.occupancy).toBeLessThan(1);
        prevSl = r.serviceLevel;
      }
      const late = erlangA({ ...base, thresholdSec: 1e5 });
      expect(late.serviceLevel).toBeCloseTo(1 - late.probAbandon, 12);
      const more = erlangA({ ...base, agents: c + 1, thresholdSec: 20 });
      const now = erlangA({ ...base, thresholdSec: 20 });
      expect(more.serviceLevel).toBeGreaterThan(now.serviceLevel);
      expect(more.probAbandon).toBeLessThan(now.probAbandon);
      const lessPatient = erlangA({ ...base, patience: patience / 2, thresholdSec: 20 });
      expect(lessPatient.probAbandon).toBeGreaterThan(now.probAbandon);
      expect(lessPatient.asa).toBeLessThan(now.asa);
    }
  });

  it('handles hundreds of agents, under- and overloaded, without overflow', () => {
    for (const [c, a] of [
      [500, 480],
      [500, 600],
      [1000, 1000],
      [1000, 1500],
    ] as const) {
      const r = erlangA({ agents: c, arrivalRate: a / 180, aht: 180, patience: 90, thresholdSec: 20 });
      for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
      for (const p of [r.probWait, r.probAbandon, r.serviceLevel, r.serviceLevelOfAnswered, r.occupancy]) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      // Overload: the fluid limit gives P(ab) ≈ 1 − c/a, agents nearly always busy.
      if (a > c) {
        expect(Math.abs(r.probAbandon - (1 - c / a))).toBeLessThan(0.01);
        expect(r.occupancy).toBeGreaterThan(0.99);
      }
    }
  });

  it('gives nothing to wait for when nothing arrives', () => {
    const r = erlangA({ agents: 2, arrivalRate: 0, aht: 100, patience: 60, thresholdSec: 20 });
    expect(r).toMatchObject({ probWait: 0, probAbandon: 0, asa: 0, meanWaitAll: 0, serviceLevel: 1, occupancy: 0 });
  });

  it('rejects bad inputs', () => {
    const ok = { agents: 2, arrivalRate: 0.01, aht: 100, patience: 60, thresholdSec: 20 };
    throwsInternal(() => erlangA({ ...ok, patience: 0 }));
    throwsInternal(() => erlangA({ ...ok, patience: Infinity }));
    throwsInternal(() => erlangA({ ...ok, agents: 0 }));
    throwsInternal(() => erlangA({ ...ok, thresholdSec: NaN }));
  });
});

describe('agentsForServiceLevelA', () => {
  it('agrees with a brute-force loop', () => {
    for (const [lambda, aht, patience, t, target] of [
      [100 / 1800, 180, 60, 20, 0.8],
      [100 / 1800, 180, 60, 20, 0.95],
      [1, 240, 120, 20, 0.8], // 240 Erlangs
      [0.05, 300, 30, 10, 0.5],
      [0.001, 100, 60, 20, 0.9],
    ] as const) {
      let expected = 1;
      while (erlangA({ agents: expected, arrivalRate: lambda, aht, patience, thresholdSec: t }).serviceLevel < target) expected++;
      expect(agentsForServiceLevelA({ arrivalRate: lambda, aht, patience, thresholdSec: t, target })).toBe(expected);
    }
  });

  it('needs no more agents than Erlang C, and the same when patience is very long', () => {
    const q = { arrivalRate: 100 / 1800, aht: 180, thresholdSec: 20, target: 0.8 };
    expect(agentsForServiceLevelA({ ...q, patience: 60 })).toBeLessThanOrEqual(agentsForServiceLevel(q));
    expect(agentsForServiceLevelA({ ...q, patience: 1e6 })).toBe(agentsForServiceLevel(q));
  });

  it('staffs zero for no arrivals and rejects unreachable targets', () => {
    const q = { aht: 180, patience: 60, thresholdSec: 20 };
    expect(agentsForServiceLevelA({ ...q, arrivalRate: 0, target: 0.8 })).toBe(0);
    throwsInternal(() => agentsForServiceLevelA({ ...q, arrivalRate: 0.1, target: 1 }));
  });
});
