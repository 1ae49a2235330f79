// Routing must not grow with the number of agents: the availability heaps' steps per routed
// contact grow like log(agents). A scan over all agents would make them grow like agents.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

function stepsPerContact(agents: number) {
  const written = mmc({ agents, load: 0.9, hours: 20_000 / ((0.9 * agents * 3600) / 300), seed: 5 });
  const result = simulate(scenarioOf(written), 0);
  return result.routingSteps / result.ledger.arrived[0]!;
}

describe('routing cost', () => {
  it('grows like log(agents), not like agents', () => {
    const small = stepsPerContact(50);
    const large = stepsPerContact(3200);
    // 64 times the agents: a scan would take 64 times the steps; a heap takes about log2(agents)
    // a routing decision and a release, a few times more at most.
    expect(large / small).toBeLessThan(8);
    expect(large).toBeLessThan(4 * Math.log2(3200));
  });

  it('stays logarithmic when agents hold several contacts of several channels', () => {
    const chatDay = (agents: number) =>
      scenarioOf({
        name: 'chat-cost',
        seed: 5,
        horizon: { intervalMinutes: 60, intervals: 4 },
        channels: {
          chat: { arrivals: { ratePerHour: agents * 40 }, exchanges: { dist: 'fixed', value: 2 }, reply: { dist: 'exponential', mean: 30 }, think: { dist: 'exponential', mean: 30 } },
          email: { arrivals: { ratePerHour: agents * 4 }, work: { dist: 'exponential', mean: 200 } },
        },
        agents: [{ group: 'team', count: agents, channels: ['chat', 'email'], profile: 'p' }],
        osh: { profiles: { p: { maxPerChannel: { chat: 3, email: 1 }, maxTotal: 3 } } },
      });
    const per = (agents: number) => {
      const result = simulate(chatDay(agents), 0);
      return result.routingSteps / (result.ledger.arrived[0]! + result.ledger.arrived[1]!);
    };
    const small = per(50);
    const large = per(3200);
    expect(large / small).toBeLessThan(8);
    expect(large).toBeLessThan(8 * Math.log2(3200));
  });
});
