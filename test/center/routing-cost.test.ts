// Routing must not grow with the number of agents. Its cost is counted from outside the
// router: the availability heaps' steps, plus every agent routing looks at, i.e. every
// profile check (may this agent take the channel?) and every selection key computed (how does
// it rank?), through wrappers around those two modules. A heap gives O(log agents) a contact;
// a scan over the agents, which must ask one or the other of each agent, gives O(agents).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import type { Scenario } from '../../src/scenario/model.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

const visited = vi.hoisted(() => ({ agents: 0 }));

vi.mock('../../src/osh/profile.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/osh/profile.js')>();
  return {
    ...original,
    canAccept: (...args: Parameters<typeof original.canAccept>) => {
      visited.agents++;
      return original.canAccept(...args);
    },
  };
});

vi.mock('../../src/policies/agent-selection.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/policies/agent-selection.js')>();
  const counted = Object.fromEntries(
    Object.entries(original.AGENT_SELECTION).map(([name, policy]) => [
      name,
      (...args: Parameters<typeof policy>) => {
        visited.agents++;
        policy(...args);
      },
    ]),
  );
  return { ...original, AGENT_SELECTION: counted };
});

beforeEach(() => {
  visited.agents = 0;
});

/** Heap steps and agents looked at, per arriving contact. */
function costPerContact(scenario: Scenario): { steps: number; agents: number } {
  visited.agents = 0;
  const result = simulate(scenario, 0);
  const arrived = result.ledger.arrived.reduce((a, b) => a + b, 0);
  return { steps: result.routingSteps / arrived, agents: visited.agents / arrived };
}

describe('routing cost', () => {
  it('counts the agents routing looks at (the wrappers are in place)', () => {
    const { agents } = costPerContact(scenarioOf(mmc({ agents: 10, load: 0.8, hours: 10, seed: 5 })));
    // Every answered contact re-ranks its agent at least once when taken and once when released.
    expect(agents).toBeGreaterThan(1);
  });

  it('grows like log(agents), not like agents', () => {
    const per = (agents: number) => costPerContact(scenarioOf(mmc({ agents, load: 0.9, hours: 20_000 / ((0.9 * agents * 3600) / 300), seed: 5 })));
    const small = per(50);
    const large = per(3200);
    // 64 times the agents: a scan would look at 64 times the agents; a heap takes about
    // log2(agents) steps a routing decision and a release, and looks at a few agents.
    expect(large.steps / small.steps).toBeLessThan(8);
    expect(large.steps).toBeLessThan(4 * Math.log2(3200));
    expect(large.agents / small.agents).toBeLessThan(2);
    expect(large.agents).toBeLessThan(8);
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
    const small = costPerContact(chatDay(50));
    const large = costPerContact(chatDay(3200));
    expect(large.steps / small.steps).toBeLessThan(8);
    expect(large.steps).toBeLessThan(8 * Math.log2(3200));
    expect(large.agents / small.agents).toBeLessThan(2);
    expect(large.agents).toBeLessThan(30);
  });

  it('stays logarithmic with ten skills held at several proficiencies, delays and ranks', () => {
    const skillDay = (agents: number) => {
      const names = Array.from({ length: 10 }, (_, i) => `skill-${i}`);
      const perGroup = agents / 4;
      return scenarioOf({
        name: 'skill-cost',
        seed: 5,
        horizon: { intervalMinutes: 60, intervals: 3 },
        // Load 0.9 over the agents, spread evenly over the skills.
        skills: Object.fromEntries(names.map((n) => [n, { channel: 'voice', arrivals: { ratePerHour: (0.9 * agents * 3600) / 300 / names.length }, talk: { dist: 'exponential', mean: 300 }, patience: { dist: 'exponential', mean: 120 } }])),
        // Each group holds five skills: its own two at proficiency 1, three more at worse
        // proficiencies, one after a delay, one at rank 2.
        agents: [0, 1, 2, 3].map((g) => ({
          group: `g${g}`,
          count: perGroup,
          skills: [
            names[(2 * g) % 10]!,
            names[(2 * g + 1) % 10]!,
            { skill: names[(2 * g + 2) % 10]!, proficiency: 5 },
            { skill: names[(2 * g + 3) % 10]!, proficiency: 10, delaySec: 20 },
            { skill: names[(2 * g + 4) % 10]!, proficiency: 15, rank: 2 },
          ],
        })),
      });
    };
    const small = costPerContact(skillDay(40));
    const large = costPerContact(skillDay(2560));
    expect(large.steps / small.steps).toBeLessThan(8);
    expect(large.steps).toBeLessThan(8 * Math.log2(2560));
    expect(large.agents / small.agents).toBeLessThan(2);
    expect(large.agents).toBeLessThan(30);
  });
});
