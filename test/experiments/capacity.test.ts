// The capacity search simulates windows of the horizon: a window must see the contacts that
// arrive in it, at their own times, whether they are drawn or replayed from a trace.
import { describe, expect, it } from 'vitest';
import { TargetsUnreachable, planCapacity } from '../../src/experiments/capacity.js';
import { readScenario } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/model.js';
import { simulate } from '../../src/center/simulate.js';
import { scenarioOf } from '../helpers/scenarios.js';

describe('capacity windows', () => {
  it('replay, in each window, the trace rows of its own intervals on its own clock', async () => {
    const scenario = { ...readScenario('scenarios/trace-replay.yaml'), replications: 1 };
    const intervalSec = scenario.horizon.intervalSec;
    const seen: Scenario[] = [];
    await planCapacity(scenario, async (candidate, detail) => {
      seen.push(candidate);
      return [simulate(candidate, 0, { detail })];
    }, { confidence: null, shrinkage: 0 });
    const windows = seen.filter((w) => w.horizon.startMinute > scenario.horizon.startMinute);
    expect(windows.length).toBeGreaterThan(0);
    for (const window of windows) {
      const offset = (window.horizon.startMinute - scenario.horizon.startMinute) * 60;
      window.skills.forEach((channel, c) => {
        const original = scenario.skills[c]!.trace!;
        const expected = original.at.filter((t) => t >= offset && t < offset + window.horizon.endSec).map((t) => t - offset);
        expect(channel.trace!.at).toEqual(expected);
        // The counts per interval the report shows agree with the rows replayed.
        channel.arrivalRates.forEach((rate, k) => expect(Math.round(rate * intervalSec)).toBe(expected.filter((t) => t >= k * intervalSec && t < (k + 1) * intervalSec).length));
      });
    }
  });

  it('refuses targets no staffing meets, naming them', async () => {
    // Every reply takes 30 s and a reply later than 10 s is a breach: no staffing helps.
    const scenario = scenarioOf({
      name: 'impossible',
      horizon: { intervalMinutes: 30, intervals: 1 },
      replications: 1,
      channels: { chat: { arrivals: { ratePerHour: 20 }, exchanges: { dist: 'fixed', value: 1 }, reply: { dist: 'fixed', value: 30 }, responseThresholdSec: 10, responseTarget: 0.9 } },
      agents: [{ group: 'chat', count: 1, channels: ['chat'] }],
    });
    const evaluate = async (candidate: Scenario) => [simulate(candidate, 0, { detail: 'figures' })];
    const planning = planCapacity(scenario, evaluate, { confidence: null, shrinkage: 0 });
    await expect(planning).rejects.toThrow(TargetsUnreachable);
    await expect(planning).rejects.toThrow(/interval 0: .* meets channels\.chat\.responseTarget/);
  });
});
