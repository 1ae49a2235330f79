// Checks the test-only CTMC solver against chains with closed-form answers, since other tests
// trust it as their independent reference. Units: rates per second, times in seconds.
import { describe, expect, it } from 'vitest';
import { Ctmc, buildChain } from './ctmc.js';

/** Birth–death chain on 0..maxN with birth `birth` and death `death(n)` out of state n. */
function birthDeath(maxN: number, birth: number, death: (n: number) => number): Ctmc {
  const { chain } = buildChain<number>(
    0,
    (n) => String(n),
    (n) => {
      const out: Array<[number, number]> = [];
      if (n < maxN) out.push([n + 1, birth]);
      if (n > 0) out.push([n - 1, death(n)]);
      return out;
    },
  );
  return chain;
}

/** Erlang C P(wait) by the textbook sum, fine for the small c used here. */
function erlangCDirect(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term * (c / (c - a));
  return top / (sum + top);
}

describe('Ctmc.stationary', () => {
  it('matches the truncated-geometric law of M/M/1/K for rho < 1, = 1 and > 1', () => {
    const K = 12;
    for (const rho of [0.3, 0.85, 1, 1.7]) {
      const mu = 0.5;
      const pi = birthDeath(K, rho * mu, () => mu).stationary();
      expect(pi.length).toBe(K + 1);
      const norm = rho === 1 ? K + 1 : (1 - rho ** (K + 1)) / (1 - rho);
      for (let n = 0; n <= K; n++) expect(pi[n]).toBeCloseTo(rho ** n / norm, 13);
    }
  });

  it('converges to Erlang C P(wait) for a truncated M/M/c as the buffer grows', () => {
    const c = 5;
    const mu = 1 / 180;
    const lambda = 4 / 180; // a = 4
    const exact = erlangCDirect(c, 4);
    const errors = [5, 40, 200].map((buffer) => {
      const pi = birthDeath(c + buffer, lambda, (n) => Math.min(n, c) * mu).stationary();
      let waiting = 0;
      for (let n = c; n < pi.length; n++) waiting += pi[n]!;
      return Math.abs(waiting - exact);
    });
    expect(errors[0]!).toBeGreaterThan(1e-3);
    expect(errors[1]!).toBeLessThan(errors[0]!);
    expect(errors[2]!).toBeLessThan(1e-12);
  });

  it('satisfies πQ = 0 and Σπ = 1 on an irregular irreducible chain', () => {
    const n = 7;
    const chain = new Ctmc(n);
    for (let i = 0; i < n; i++) {
      chain.addRate(i, (i + 1) % n, 1 + i);
      chain.addRate(i, (i + 3) % n, 0.25 * ((i * 5) % 4));
    }
    chain.addRate(2, 6, 1e-3);
    const pi = chain.stationary();
    let total = 0;
    for (let j = 0; j < n; j++) {
      total += pi[j]!;
      let flow = -pi[j]! * chain.outRate(j);
      for (let i = 0; i < n; i++) flow += pi[i]! * chain.rate(i, j);
      expect(Math.abs(flow)).toBeLessThan(1e-14);
      expect(pi[j]!).toBeGreaterThan(0);
    }
    expect(total).toBeCloseTo(1, 14);
  });

  it('throws when the chain has no unique stationary law', () => {
    const chain = new Ctmc(3);
    chain.addRate(0, 1, 1);
    chain.addRate(1, 0, 2);
    // state 2 is a separate closed class
    expect(() => chain.stationary()).toThrow(/singular/);
  });

  it('accumulates parallel rates and rejects self-transitions and negative rates', () => {
    const chain = new Ctmc(2);
    chain.addRate(0, 1, 1);
    chain.addRate(0, 1, 2);
    chain.addRate(1, 0, 1);
    expect(chain.rate(0, 1)).toBe(3);
    expect(chain.outRate(0)).toBe(3);
    const pi = chain.stationary();
    expect(pi[0]).toBeCloseTo(0.25, 14);
    expect(() => chain.addRate(1, 1, 1)).toThrow(RangeError);
    expect(() => chain.addRate(0, 1, -1)).toThrow(RangeError);
    expect(() => chain.addRate(0, 2, 1)).toThrow(RangeError);
  });
});

describe('Ctmc.transient', () => {
  it('matches the two-state closed form', () => {
    const a = 0.3;
    const b = 0.7;
    const chain = new Ctmc(2);
    chain.addRate(0, 1, a);
    chain.addRate(1, 0, b);
    for (const t of [0, 0.5, 3, 20]) {
      const p = chain.transient(Float64Array.from([1, 0]), t);
      const exact = b / (a + b) + (a / (a + b)) * Math.exp(-(a + b) * t);
      expect(p[0]).toBeCloseTo(exact, 10);
      expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    }
  });

  it('gives the Erlang(3) CDF as absorption time of a three-phase chain', () => {
    const r = 0.4;
    const chain = new Ctmc(4);
    for (let i = 0; i < 3; i++) chain.addRate(i, i + 1, r);
    for (const t of [1, 5, 12]) {
      const p = chain.transient(Float64Array.from([1, 0, 0, 0]), t);
      const x = r * t;
      const exact = 1 - Math.exp(-x) * (1 + x + (x * x) / 2);
      expect(p[3]).toBeCloseTo(exact, 10);
    }
  });
});

describe('buildChain', () => {
  it('indexes states in BFS order, drops self-loops and zero rates', () => {
    const { chain, states, index } = buildChain<number>(
      0,
      (n) => `s${n}`,
      (n) => [
        [(n + 1) % 3, 1],
        [n, 5], // self-loop: no effect on a CTMC
        [(n + 2) % 3, n === 0 ? 0 : 0.5],
      ],
    );
    expect(states).toEqual([0, 1, 2]);
    expect(index.get('s2')).toBe(2);
    expect(chain.rate(0, 2)).toBe(0);
    expect(chain.rate(1, 0)).toBe(0.5);
    expect(chain.outRate(0)).toBe(1);
  });

  it('throws when the state space exceeds maxStates', () => {
    expect(() => buildChain<number>(0, String, (n) => [[n + 1, 1]], 50)).toThrow(/more than 50 states/);
  });
});
