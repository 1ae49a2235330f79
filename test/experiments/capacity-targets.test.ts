// What a capacity plan plans for and says: targets per skill, an occupancy cap, minimum agents
// and shrinkage per interval, the target that binds in each interval and group, and the split
// of the saving against Erlang C into pooling and concurrency (OSH off estimated from one run).
import { describe, expect, it } from 'vitest';
import { MINIMUM_BINDS, type CapacityOptions, planCapacity, targetsOf } from '../../src/experiments/capacity.js';
import { simulate } from '../../src/center/simulate.js';
import type { Scenario } from '../../src/scenario/model.js';
import { withOshOff } from '../../src/scenario/normalize.js';
import { readScenario } from '../../src/scenario/read.js';
import { merge, scenarioOf } from '../helpers/scenarios.js';

const evaluate = async (candidate: Scenario, detail: 'figures' | 'full', replications?: readonly number[]) =>
  (replications ?? Array.from({ length: candidate.replications }, (_, r) => r)).map((r) => simulate(candidate, r, { detail }));
const OPTIONS: CapacityOptions = { confidence: null, shrinkage: 0 };

/** Two voice skills, each with its own group; only voice-sales has a target. */
const twoSkills = {
  name: 'two-skills',
  seed: 3,
  horizon: { intervalMinutes: 60, intervals: 3, start: '08:00' },
  replications: 4,
  skills: {
    'voice-sales': { channel: 'voice', arrivals: { volumes: [60, 120, 60] }, talk: { dist: 'exponential', mean: 180 }, serviceLevel: { thresholdSec: 20, target: 0.8 } },
    'voice-support': { channel: 'voice', arrivals: { volumes: [200, 200, 200] }, talk: { dist: 'exponential', mean: 300 } },
  },
  agents: [
    { group: 'sales', count: 10, skills: ['voice-sales'] },
    { group: 'support', count: 25, skills: ['voice-support'] },
  ],
};

describe('capacity targets per skill', () => {
  it('judges a skill target on the skill\'s own figure and plans only the groups holding it', async () => {
    const scenario = scenarioOf(twoSkills);
    expect(targetsOf(scenario).map((t) => [t.figure, t.path, t.groups])).toEqual([['skills.voice-sales.serviceLevel', 'skills.voice-sales.serviceLevel.target', [0]]]);
    const plan = await planCapacity(scenario, evaluate, OPTIONS);
    expect(plan.planned).toEqual([true, false]);
    expect(plan.required[1]).toEqual([25, 25, 25]);
    expect(plan.binding[0]).toEqual(['skills.voice-sales.serviceLevel', 'skills.voice-sales.serviceLevel', 'skills.voice-sales.serviceLevel']);
    for (const verdicts of plan.verdicts) {
      expect(verdicts.map((v) => v.figure)).toEqual(['skills.voice-sales.serviceLevel']);
      expect(verdicts[0]!.met).toBe(true);
    }
    // The busy hour needs more than the quiet ones: the skill's own load, not the channel's.
    expect(plan.required[0]![1]!).toBeGreaterThan(plan.required[0]![0]!);
  });
});

/** One voice group with a loose service level: little staff meets it. */
const loose = {
  name: 'loose',
  seed: 4,
  horizon: { intervalMinutes: 60, intervals: 3, start: '08:00' },
  replications: 4,
  channels: { voice: { arrivals: { volumes: [20, 100, 20] }, talk: { dist: 'exponential', mean: 180 }, serviceLevel: { thresholdSec: 600, target: 0.5 } } },
  agents: [{ group: 'team', count: 10, channels: ['voice'] }],
};

describe('capacity limits of a group', () => {
  it('never plans fewer than minAgents, and says the minimum binds there', async () => {
    const plan = await planCapacity(scenarioOf(merge(loose, { agents: [{ group: 'team', count: 10, channels: ['voice'], minAgents: [4, 0, 4] }] })), evaluate, OPTIONS);
    const free = await planCapacity(scenarioOf(loose), evaluate, OPTIONS);
    expect(free.required[0]![0]!).toBeLessThan(4);
    expect(plan.required[0]![0]).toBe(4);
    expect(plan.required[0]![2]).toBe(4);
    expect(plan.binding[0]![0]).toBe(MINIMUM_BINDS);
    expect(plan.required[0]![1]).toBe(free.required[0]![1]);
    expect(plan.binding[0]![1]).toBe('voice.serviceLevel');
  });

  it('holds occupancy under the cap, a group\'s own or --max-occupancy, and says it binds', async () => {
    const free = await planCapacity(scenarioOf(loose), evaluate, OPTIONS);
    const capped = await planCapacity(scenarioOf(loose), evaluate, { ...OPTIONS, maxOccupancy: 0.6 });
    const own = await planCapacity(scenarioOf(merge(loose, { agents: [{ group: 'team', count: 10, channels: ['voice'], maxOccupancy: 0.6 }] })), evaluate, OPTIONS);
    expect(own.required).toEqual(capped.required);
    expect(capped.required[0]![1]!).toBeGreaterThan(free.required[0]![1]!);
    expect(capped.binding[0]![1]).toBe('groups.team.occupancy');
    for (const verdicts of capped.verdicts) {
      const occupancy = verdicts.find((v) => v.figure === 'groups.team.occupancy')!;
      expect(occupancy.mean).toBeLessThanOrEqual(0.6);
    }
  });

  it('schedules required / (1 − shrinkage) per interval, the group\'s list before --shrinkage', async () => {
    const plan = await planCapacity(scenarioOf(merge(loose, { agents: [{ group: 'team', count: 10, channels: ['voice'], shrinkage: [0.1, 0.3, 0.5] }] })), evaluate, { ...OPTIONS, shrinkage: 0.2 });
    expect(plan.shrinkage[0]).toEqual([0.1, 0.3, 0.5]);
    expect(plan.scheduled[0]).toEqual(plan.required[0]!.map((n, k) => Math.ceil(n / (1 - [0.1, 0.3, 0.5][k]!) - 1e-9)));
    const flat = await planCapacity(scenarioOf(loose), evaluate, { ...OPTIONS, shrinkage: 0.2 });
    expect(flat.scheduled[0]).toEqual(flat.required[0]!.map((n) => Math.ceil(n / 0.8 - 1e-9)));
  });
});

describe('the saving against Erlang C', () => {
  it('splits into pooling and concurrency, OSH off estimated within 10 % of a search with OSH off', async () => {
    const scenario = readScenario('test/fixtures/capacity/blended-osh.yaml');
    const plan = await planCapacity(scenario, evaluate, OPTIONS);
    const split = plan.split!;
    const total = (rows: readonly (readonly number[])[]) => rows.flat().reduce((a, b) => a + b, 0);
    expect(split.erlangC).toBe(total(plan.erlangC));
    expect(split.required).toBe(total(plan.required));
    expect(split.pooling + split.concurrency).toBe(split.erlangC - split.required);
    expect(split.concurrency).toBeGreaterThan(0);
    const searched = await planCapacity(withOshOff(scenario), evaluate, OPTIONS);
    expect(searched.split).toBeNull();
    expect(Math.abs(split.oshOff - total(searched.required)) / total(searched.required)).toBeLessThan(0.1);
    // With OSH off the plan's own staffing leaves chats waiting: their service level falls short.
    const chat = split.oshOffFigures.find((f) => f.figure === 'chat.serviceLevel')!;
    expect(chat.mean).toBeLessThan(chat.target);
  });

  it('costs one run of the plan, not a search', async () => {
    const scenario = readScenario('test/fixtures/capacity/blended-osh.yaml');
    let offRuns = 0;
    const counting = async (candidate: Scenario, detail: 'figures' | 'full', replications?: readonly number[]) => {
      if (candidate.groups.every((g) => g.profile.maxTotal === 1)) offRuns++;
      return evaluate(candidate, detail, replications);
    };
    await planCapacity(scenario, counting, OPTIONS);
    expect(offRuns).toBe(1);
  });
});
