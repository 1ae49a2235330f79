// Behaviour of the contact center with one contact per agent: staffing changes, the horizon
// end, warm-up, queue priorities, agent selection, chat exchanges, and reproducibility.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { SimulationError } from '../../src/errors.js';
import { tableValue } from '../../src/stats/table.js';
import { expectInvariants } from '../helpers/invariants.js';
import { runKeeping } from '../helpers/records.js';
import { merge, scenarioOf } from '../helpers/scenarios.js';

const base = {
  name: 'behaviour',
  seed: 3,
  horizon: { intervalMinutes: 30, intervals: 3 },
  replications: 1,
};

const total = (table: { columns: number }) => table.columns - 1;

describe('staffing', () => {
  it('lets a leaving agent finish the contact it holds', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { email: { arrivals: { backlog: 1 }, work: { dist: 'fixed', value: 2500 } } },
      agents: [{ group: 'desk', staffing: [1, 0, 0], channels: ['email'] }],
    });
    const { result, log } = runKeeping(scenario);
    expect(log.contacts).toHaveLength(1);
    expect(log.contacts[0]).toMatchObject({ outcome: 'handled', answered: 0, wrapEnd: 2500, handle: 2500 });
    // The agent stays logged in, finishing, 700 s into the second interval.
    expect(tableValue(result.groups, 'desk', 0, 'agents')).toBe(1);
    expect(tableValue(result.groups, 'desk', 1, 'agents')).toBeCloseTo(700 / 1800, 12);
    expect(tableValue(result.groups, 'desk', 1, 'occupancy')).toBe(1);
    expect(result.agents[0]!.values[0]).toBe(2500);
  });

  it('logs agents in when staffing rises and they take the queue', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { email: { arrivals: { backlog: 10 }, work: { dist: 'fixed', value: 600 } } },
      agents: [{ group: 'desk', staffing: [1, 4, 4], channels: ['email'] }],
    });
    const { log } = runKeeping(scenario);
    const answers = log.contacts.map((c) => c.answered).sort((a, b) => a - b);
    // One agent works alone for the first interval (3 emails); three join at 1800 s.
    expect(answers).toEqual([0, 600, 1200, 1800, 1800, 1800, 1800, 2400, 2400, 2400]);
  });
});

describe('horizon end and warm-up', () => {
  it('lists contacts still queued at the end as backlogEnd and lets agents finish', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { email: { arrivals: { backlog: 20 }, work: { dist: 'fixed', value: 1000 } } },
      agents: [{ group: 'desk', count: 2, channels: ['email'] }],
    });
    const { result, log } = runKeeping(scenario);
    // 5400 s of horizon, two agents, 1000 s each: answered at 0, 1000, …, 5000 → 12 answered.
    const backlog = log.contacts.filter((c) => c.outcome === 'backlogEnd');
    expect(backlog).toHaveLength(8);
    expect(tableValue(result.channels, 'email', total(result.channels), 'backlogEnd')).toBe(8);
    expect(tableValue(result.channels, 'email', total(result.channels), 'handled')).toBe(12);
    expect(Math.max(...log.contacts.map((c) => c.wrapEnd).filter(Number.isFinite))).toBe(6000);
    expect(result.overtimeAgentSec).toBe(1200);
    expectInvariants(result, ['email']);
  });

  it('simulates contacts arriving in the warm-up but does not count them', () => {
    const scenario = scenarioOf({
      ...base,
      horizon: { intervalMinutes: 60, intervals: 4 },
      warmupMinutes: 90,
      channels: { voice: { arrivals: { ratePerHour: 40 }, talk: { dist: 'exponential', mean: 200 } } },
      agents: [{ group: 'team', count: 3, channels: ['voice'] }],
    });
    const { result, log } = runKeeping(scenario);
    const counted = log.contacts.filter((c) => c.arrival >= 5400).length;
    expect(log.contacts.length).toBeGreaterThan(counted);
    expect(tableValue(result.channels, 'voice', 4, 'offered')).toBe(counted);
    expect(tableValue(result.channels, 'voice', 0, 'offered')).toBe(0);
    expect(Number.isNaN(tableValue(result.groups, 'team', 0, 'occupancy'))).toBe(true);
    // Half of interval 1 is after the warm-up: three agents for 1800 s of it.
    expect(tableValue(result.groups, 'team', 1, 'agents')).toBe(3);
  });
});

describe('routing', () => {
  const twoQueues = (acceleration: number, max?: number) =>
    scenarioOf({
      ...base,
      channels: {
        email: {
          arrivals: { backlog: 3 },
          work: { dist: 'fixed', value: 100 },
          priority: { initial: 10, accelerationPerMinute: acceleration, ...(max === undefined ? {} : { max }) },
        },
        workitem: { arrivals: { backlog: 3 }, work: { dist: 'fixed', value: 100 }, priority: { initial: 20 } },
      },
      agents: [{ group: 'desk', count: 1, channels: ['email', 'workitem'] }],
    });
  const order = (acceleration: number, max?: number) =>
    runKeeping(twoQueues(acceleration, max))
      .log.contacts.filter((c) => c.outcome === 'handled')
      .sort((a, b) => a.answered - b.answered)
      .map((c) => `${c.channel}@${c.answered}`);

  it('serves the higher priority first, FIFO within a queue', () => {
    expect(order(0)).toEqual(['workitem@0', 'workitem@100', 'workitem@200', 'email@300', 'email@400', 'email@500']);
  });

  it('raises a waiting contact by its acceleration per minute waited', () => {
    // At 100 s the oldest email has 10 + 100 · 100/60 > 20: it overtakes the work items.
    expect(order(100)).toEqual(['workitem@0', 'email@100', 'email@200', 'email@300', 'workitem@400', 'workitem@500']);
  });

  it('stops a waiting contact\'s priority at its skill\'s max', () => {
    // Capped at 15 the emails never reach the work items' 20: served as with no acceleration.
    expect(order(100, 15)).toEqual(order(0));
    // Capped at 25 they still pass 20 at 100 s; a cap no wait reaches changes nothing.
    expect(order(100, 25)).toEqual(order(100));
    expect(order(100, 1e6)).toEqual(order(100));
  });

  it('takes the agent the selection policy ranks first', () => {
    // Agent 0 takes the two backlog emails at 0 s; the first arrival goes to empty agent 1;
    // the second arrival finds agent 0 holding 2 (since 0 s) and agent 1 holding 1 (since later).
    const agentOfSecondArrival = (agentSelection: string) => {
      const scenario = scenarioOf({
        ...base,
        channels: { email: { arrivals: { ratePerHour: 600, backlog: 2 }, work: { dist: 'fixed', value: 100_000 } } },
        agents: [{ group: 'desk', count: 2, channels: ['email'], profile: 'three' }],
        osh: { profiles: { three: { maxPerChannel: { email: 3 } } } },
        routing: { agentSelection },
      });
      const byId = runKeeping(scenario).log.contacts.sort((a, b) => a.contact - b.contact);
      expect(byId.slice(0, 3).map((c) => c.agent)).toEqual([0, 0, 1]);
      return byId[3]!.agent;
    };
    expect(agentOfSecondArrival('longestIdle')).toBe(0);
    expect(agentOfSecondArrival('leastBusy')).toBe(1);
    expect(agentOfSecondArrival('roundRobin')).toBe(0);
  });
});

describe('chat', () => {
  it('runs the exchanges: reply, think, reply … then wrap, with response times', () => {
    const scenario = scenarioOf({
      ...base,
      channels: {
        chat: {
          arrivals: { ratePerHour: 6 },
          exchanges: { dist: 'fixed', value: 3 },
          reply: { dist: 'fixed', value: 10 },
          think: { dist: 'fixed', value: 20 },
          wrap: { dist: 'fixed', value: 5 },
          responseThresholdSec: 9,
        },
      },
      agents: [{ group: 'chat', count: 20, channels: ['chat'] }],
    });
    const { result, log } = runKeeping(scenario);
    expect(log.contacts.length).toBeGreaterThan(5);
    for (const c of log.contacts) {
      expect(c).toMatchObject({ wait: 0, exchanges: 3, replies: 3, responseBreaches: 3 });
      expect(c.handle).toBeCloseTo(3 * 10 + 2 * 20 + 5, 9);
      expect(c.end - c.answered).toBeCloseTo(70, 9);
    }
    const column = total(result.channels);
    expect(tableValue(result.channels, 'chat', column, 'replies')).toBe(3 * log.contacts.length);
    expect(tableValue(result.channels, 'chat', column, 'responseBreachRate')).toBe(1);
    expect(tableValue(result.channels, 'chat', column, 'responseMean')).toBeCloseTo(10, 9);
  });
});

describe('arrivals', () => {
  it('follows the volumes per interval (non-homogeneous Poisson)', () => {
    const volumes = [50, 200, 20, 120];
    const scenario = scenarioOf({
      ...base,
      horizon: { intervalMinutes: 15, intervals: 4 },
      channels: { voice: { arrivals: { volumes }, talk: { dist: 'fixed', value: 1 } } },
      agents: [{ group: 'team', count: 50, channels: ['voice'] }],
    });
    const replications = 200;
    const sums = [0, 0, 0, 0];
    for (let r = 0; r < replications; r++) {
      const result = simulate(scenario, r);
      for (let k = 0; k < 4; k++) sums[k]! += tableValue(result.channels, 'voice', k, 'offered');
    }
    // Poisson counts: the mean of 200 has standard error sqrt(v/200); 4.5 of them bound it.
    volumes.forEach((v, k) => expect(Math.abs(sums[k]! / replications - v)).toBeLessThan(4.5 * Math.sqrt(v / replications)));
  });
});

describe('a bad draw', () => {
  it('stops the run with a simulation error naming the distribution, the time and the contact', () => {
    // The schema bounds every duration, so a valid file cannot draw Infinity; the guard is for bugs.
    const scenario = scenarioOf({ ...base, channels: { voice: { arrivals: { ratePerHour: 60 }, talk: { dist: 'exponential', mean: 60 } } }, agents: [{ group: 'a', count: 1, channels: ['voice'] }] });
    const broken = { ...scenario, skills: [{ ...scenario.skills[0]!, handling: { dist: 'lognormal', mean: 1e308, cv: 0.6 } }] };
    expect(() => simulate(broken, 0)).toThrow(SimulationError);
    expect(() => simulate(broken, 0)).toThrow(/lognormal\(mean=1e\+308, cv=0\.6\) drew Infinity \(at t=[\d.]+ s, contact \d+\)/);
  });
});

describe('reproducibility', () => {
  const scenario = scenarioOf(
    merge(
      { ...base, channels: { voice: { arrivals: { ratePerHour: 100 }, talk: { dist: 'lognormal', mean: 200, cv: 1 }, patience: { dist: 'exponential', mean: 60 } } } },
      { agents: [{ group: 'team', count: 5, channels: ['voice'] }] },
    ),
  );

  it('gives the same replication alone or in any order', () => {
    const alone = simulate(scenario, 3);
    simulate(scenario, 0);
    const again = simulate(scenario, 3);
    expect(again.channels.values).toEqual(alone.channels.values);
    expect(again.events).toBe(alone.events);
  });

  it('gives different numbers in different replications', () => {
    expect(simulate(scenario, 1).channels.values).not.toEqual(simulate(scenario, 2).channels.values);
  });
});
