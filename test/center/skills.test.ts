// Routing by skill: best proficiency first, a group offered a skill only after its delay,
// an agent's rank-1 skills before its rank-2 ones, a channel's figures the rollup of its
// skills', and delay-step events that never outlive the contact's wait.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { tableValue } from '../../src/stats/table.js';
import { expectInvariants } from '../helpers/invariants.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

const horizon = { intervalMinutes: 60, intervals: 4 };
const total = 4;

describe('routing by skill', () => {
  it('offers an arriving contact to the best proficiency first, whatever the agent selection says', () => {
    // Light load: the proficiency-1 agent is almost always free, so the proficiency-5 agent (idle
    // longer, first by longestIdle) takes only what arrives while the first is busy.
    const scenario = scenarioOf({
      name: 'proficiency',
      horizon,
      replications: 1,
      skills: { sales: { channel: 'voice', arrivals: { ratePerHour: 6 }, talk: { dist: 'fixed', value: 30 } } },
      agents: [
        { group: 'second', count: 1, skills: [{ skill: 'sales', proficiency: 5 }] },
        { group: 'best', count: 1, skills: [{ skill: 'sales', proficiency: 1 }] },
      ],
    });
    const { result, log } = runKeeping(scenario);
    const overlapped = log.contacts.filter((c) => c.group === 'second');
    const offered = tableValue(result.skills, 'sales', total, 'offered');
    expect(offered).toBeGreaterThan(10);
    expect(tableValue(result.groups, 'best', total, 'handled') + tableValue(result.groups, 'second', total, 'handled')).toBe(offered);
    // Each contact the second agent took arrived while the best one was talking.
    for (const c of overlapped) expect(log.contacts.some((b) => b.group === 'best' && b.answered <= c.arrival && b.end > c.arrival)).toBe(true);
    expect(overlapped.length).toBeLessThan(offered / 4);
  });

  it('offers a waiting contact to a delayed group only once it has waited the delay', () => {
    const scenario = scenarioOf({
      name: 'delay',
      horizon,
      replications: 1,
      skills: { support: { channel: 'voice', arrivals: { ratePerHour: 10 }, talk: { dist: 'fixed', value: 5 } } },
      agents: [{ group: 'overflow', count: 2, skills: [{ skill: 'support', delaySec: 45 }] }],
    });
    const { result, log } = runKeeping(scenario);
    expectInvariants(result, ['voice']);
    const answered = log.contacts.filter((c) => c.outcome === 'handled');
    expect(answered.length).toBeGreaterThan(20);
    // Two agents, 5 s calls, 10 an hour: each waits exactly the delay.
    for (const c of answered) expect(c.wait).toBeCloseTo(45, 9);
  });

  it('gives nothing to a group whose delay no wait reaches', () => {
    const scenario = scenarioOf({
      name: 'never',
      horizon,
      replications: 1,
      skills: { support: { channel: 'voice', arrivals: { ratePerHour: 30 }, talk: { dist: 'exponential', mean: 200 }, patience: { dist: 'exponential', mean: 60 } } },
      agents: [
        { group: 'first', count: 1, skills: ['support'] },
        { group: 'late', count: 5, skills: [{ skill: 'support', delaySec: 100000 }] },
      ],
    });
    const result = simulate(scenario, 0);
    expect(tableValue(result.groups, 'late', total, 'handled')).toBe(0);
    expect(tableValue(result.groups, 'first', total, 'handled')).toBeGreaterThan(0);
    expect(tableValue(result.skills, 'support', total, 'abandoned')).toBeGreaterThan(0);
  });

  it("takes its rank-1 skills first, then by priority within a rank", () => {
    const skills = {
      low: { channel: 'email', arrivals: { backlog: 5 }, work: { dist: 'fixed', value: 60 }, priority: { initial: 10 } },
      high: { channel: 'email', arrivals: { backlog: 5 }, work: { dist: 'fixed', value: 60 }, priority: { initial: 100 } },
    };
    const ranked = simulate(scenarioOf({ name: 'rank', horizon, replications: 1, skills, agents: [{ group: 'desk', count: 1, skills: ['low', { skill: 'high', rank: 2 }] }] }), 0);
    // One agent, 60 s each: five of the rank-1 skill at 0 … 240 s, then five at 300 … 540 s.
    expect(tableValue(ranked.skills, 'low', total, 'asa')).toBeCloseTo(120, 9);
    expect(tableValue(ranked.skills, 'high', total, 'asa')).toBeCloseTo(420, 9);
    const equal = simulate(scenarioOf({ name: 'priority', horizon, replications: 1, skills, agents: [{ group: 'desk', count: 1, skills: ['low', 'high'] }] }), 0);
    expect(tableValue(equal.skills, 'high', total, 'asa')).toBeCloseTo(120, 9);
    expect(tableValue(equal.skills, 'low', total, 'asa')).toBeCloseTo(420, 9);
  });

  it('stops a skill\'s accelerating priority at its max', () => {
    // gold starts at 100 and gains 10 a minute; basic starts at 50 and gains 20, capped.
    const run = (basic: object) =>
      simulate(
        scenarioOf({
          name: 'cap',
          horizon: { intervalMinutes: 60, intervals: 8 },
          replications: 1,
          skills: {
            gold: { channel: 'voice', arrivals: { ratePerHour: 50 }, talk: { dist: 'exponential', mean: 240 }, priority: { initial: 100, accelerationPerMinute: 10 } },
            basic: { channel: 'voice', arrivals: { ratePerHour: 60 }, talk: { dist: 'exponential', mean: 240 }, priority: { initial: 50, ...basic } },
          },
          agents: [{ group: 'team', count: 8, skills: ['gold', 'basic'] }],
        }),
        0,
      ).skills;
    const still = run({});
    // Capped where it starts, or below where gold starts, basic never gains on gold.
    expect(run({ accelerationPerMinute: 20, max: 50 })).toEqual(still);
    expect(run({ accelerationPerMinute: 20, max: 90 })).toEqual(still);
    // Capped at 120, a basic call passes gold calls that have waited less than 2 minutes only.
    const capped = run({ accelerationPerMinute: 20, max: 120 });
    const free = run({ accelerationPerMinute: 20 });
    const asa = (table: typeof still, skill: string) => tableValue(table, skill, 8, 'asa');
    expect(asa(still, 'basic')).toBeGreaterThan(asa(capped, 'basic'));
    expect(asa(capped, 'basic')).toBeGreaterThan(asa(free, 'basic'));
    expect(asa(still, 'gold')).toBeLessThan(asa(capped, 'gold'));
    expect(asa(capped, 'gold')).toBeLessThan(asa(free, 'gold'));
  });

  it("reports a channel's figures as the rollup of its skills'", () => {
    const scenario = scenarioOf({
      name: 'rollup',
      horizon,
      replications: 1,
      skills: {
        a: { channel: 'voice', arrivals: { ratePerHour: 40 }, talk: { dist: 'exponential', mean: 180 }, patience: { dist: 'exponential', mean: 90 } },
        b: { channel: 'voice', arrivals: { ratePerHour: 25 }, talk: { dist: 'exponential', mean: 240 }, patience: { dist: 'exponential', mean: 90 } },
      },
      agents: [{ group: 'g', count: 4, skills: ['a', { skill: 'b', proficiency: 3, delaySec: 20 }] }],
    });
    const result = simulate(scenario, 0);
    const ledger = result.ledger;
    for (const row of [0, 1]) expect(ledger.arrived[row]).toBe(ledger.answered[row]! + ledger.abandoned[row]! + ledger.backlogEnd[row]!);
    expect(result.skills.rows).toEqual(['a', 'b']);
    for (const k of [0, 2, total]) {
      for (const m of ['offered', 'answered', 'abandoned', 'handled', 'slaBreaches']) {
        expect(tableValue(result.channels, 'voice', k, m)).toBe(tableValue(result.skills, 'a', k, m) + tableValue(result.skills, 'b', k, m));
      }
      const answered = (s: string) => tableValue(result.skills, s, k, 'answered');
      const waitSum = answered('a') * tableValue(result.skills, 'a', k, 'asa') + answered('b') * tableValue(result.skills, 'b', k, 'asa');
      expect(tableValue(result.channels, 'voice', k, 'asa')).toBeCloseTo(waitSum / (answered('a') + answered('b')), 9);
    }
  });

  it('writes no skill rows for a scenario written with channels only', () => {
    const result = simulate(scenarioOf({ name: 'c', horizon, replications: 1, channels: { voice: { arrivals: { ratePerHour: 10 }, talk: { dist: 'fixed', value: 5 } } }, agents: [{ group: 'g', count: 1, channels: ['voice'] }] }), 0);
    expect(result.skills.rows).toEqual([]);
    expect(result.channels.rows).toEqual(['voice', 'all']);
  });
});
