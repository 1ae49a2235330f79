// The sequential capacity search (what `osh-sim capacity` runs: each candidate judged on as few
// replications as make its verdict clear, the search stepping out from the interval before)
// against theory, on the same stationary voice intervals and worked Erlang C table as
// capacity.test.ts: every interval's requirement within one agent of Erlang C's, with fewer
// replications simulated than the fixed search of the same plan.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { leastFrom, planCapacity } from '../../src/experiments/capacity.js';
import type { Scenario } from '../../src/scenario/model.js';
import { scenarioOf } from '../helpers/scenarios.js';

const evaluateHere = async (scenario: Scenario, detail: 'figures' | 'full', replications?: readonly number[]) =>
  (replications ?? Array.from({ length: scenario.replications }, (_, r) => r)).map((r) => simulate(scenario, r, { detail }));

describe('sequential capacity plans', () => {
  it('match Erlang C within one agent on stationary voice intervals, with fewer replications', async () => {
    const rates = [120, 240, 360, 300, 180, 90];
    // Erlang C's fewest agents for 80 % in 20 s at AHT 180 s, worked out apart from the code.
    const erlangTable = [9, 16, 22, 19, 12, 7];
    const scenario = scenarioOf({
      name: 'voice-capacity',
      seed: 8,
      horizon: { intervalMinutes: 60, intervals: rates.length },
      replications: 20,
      channels: { voice: { arrivals: { volumes: rates }, talk: { dist: 'exponential', mean: 180 }, serviceLevel: { thresholdSec: 20, target: 0.8 } } },
      agents: [{ group: 'team', count: 1, channels: ['voice'] }],
    });
    const sequential = await planCapacity(scenario, evaluateHere, { confidence: null, shrinkage: 0, sequential: { minimum: 5, step: 5, maximum: 20 } });
    erlangTable.forEach((erlang, k) => {
      expect(Math.abs(sequential.required[0]![k]! - erlang), `interval ${k}: simulated ${sequential.required[0]![k]} vs Erlang C ${erlang}`).toBeLessThanOrEqual(1);
    });
    const fixed = await planCapacity(scenario, evaluateHere, { confidence: null, shrinkage: 0 });
    expect(sequential.replicationsRun).toBeLessThan(fixed.replicationsRun);
  });
});

describe('the outward search', () => {
  /** A monotone predicate that counts its calls. */
  const threshold = (least: number) => {
    const calls: number[] = [];
    return { calls, holds: async (x: number) => (calls.push(x), x >= least) };
  };

  it('finds the least value from above, from below and at the start', async () => {
    for (const [from, least] of [
      [20, 13],
      [5, 13],
      [13, 13],
      [14, 13],
      [12, 13],
      [20, 0],
    ] as const) {
      const p = threshold(least);
      expect(await leastFrom(from, 0, 1000, p.holds), `from ${from}, least ${least}`).toBe(least);
    }
  });

  it('costs two evaluations when the start is right or one above', async () => {
    const right = threshold(13);
    await leastFrom(13, 0, 1000, right.holds);
    expect(right.calls).toEqual([13, 12]);
    const above = threshold(13);
    await leastFrom(14, 0, 1000, above.holds);
    expect(above.calls).toEqual([14, 13, 11, 12]);
  });

  it('says when even the highest value does not hold', async () => {
    const never = threshold(Infinity);
    expect(await leastFrom(3, 0, 100, never.holds)).toBeNull();
    expect(Math.max(...never.calls)).toBe(100);
  });
});
