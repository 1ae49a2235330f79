// What-if edits by field path: a volume or handle-time multiplier can be set on a scenario that
// never wrote the field, and it reaches the normalised scenario (a trace's volume is refused).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { traceNotScalable } from '../../src/scenario/messages.js';
import { checkScenario } from '../../src/scenario/read.js';
import { parseFieldPath, setField } from '../../src/scenario/vary.js';

const base = {
  name: 'what-if',
  horizon: { intervalMinutes: 60, intervals: 2 },
  channels: {
    voice: { arrivals: { volumes: [100, 200] }, talk: { dist: 'exponential', mean: 200 } },
    email: { arrivals: { ratePerHour: 36, backlog: 10 }, work: { dist: 'fixed', value: 300 } },
  },
  agents: [{ group: 'team', count: 3, channels: ['voice', 'email'] }],
};

function vary(path: string, value: unknown): unknown {
  return setField(base, parseFieldPath(path, '--vary'), value, '--vary');
}

describe('volume and handle-time what-ifs', () => {
  it('scales every channel\'s Poisson arrivals, not the backlog', () => {
    const s = checkScenario(vary('arrivals.scale', 1.5), 'v');
    expect(s.skills.map((c) => c.arrivalRates.map((r) => r * 3600))).toEqual([
      [150, 300],
      [54, 54],
    ]);
    expect(s.skills[1]!.backlog).toBe(10);
  });

  it('scales one channel\'s arrivals, on top of the scenario\'s multiplier', () => {
    const once = vary('channels.voice.arrivals.scale', 0.5);
    const s = checkScenario(setField(once, parseFieldPath('arrivals.scale', '--vary'), 2, '--vary'), 'v');
    expect(s.skills[0]!.arrivalRates.map((r) => r * 3600)).toEqual([100, 200]);
    expect(s.skills[1]!.arrivalRates.map((r) => r * 3600)).toEqual([72, 72]);
  });

  it('carries handle-time multipliers of the scenario and of a channel', () => {
    const s = checkScenario(setField(vary('aht.scale', 1.1), parseFieldPath('channels.email.aht.scale', '--vary'), 2, '--vary'), 'v');
    expect(s.skills[0]!.handlingScale).toBeCloseTo(1.1, 12);
    expect(s.skills[1]!.handlingScale).toBeCloseTo(2.2, 12);
  });

  it('still refuses a path that leads nowhere above the leaf, naming the nearest field', () => {
    expect(() => vary('chanels.voice.arrivals.scale', 2)).toThrow(
      new InputError('--vary', [{ path: 'chanels', message: "does not exist (did you mean 'channels'?); fields here: name, horizon, channels, agents" }]),
    );
  });

  it('refuses a created field that is not one, through the scenario\'s own check', () => {
    expect(() => checkScenario(vary('arrival.scale', 2), 'v')).toThrow(/arrival: unknown field \(did you mean 'arrivals'\?\)/);
  });

  it('refuses scaling a replayed trace', () => {
    const traced = { ...base, arrivals: { scale: 2 }, channels: { voice: { arrivals: { trace: 't.csv' }, talk: { dist: 'fixed', value: 60 } } }, agents: [{ group: 'team', count: 1, channels: ['voice'] }] };
    expect(() => checkScenario(traced, 'v', () => ({ text: 'time\n10\n', shownAs: 't.csv' }))).toThrow(
      new InputError('v', [{ path: 'channels.voice.arrivals.trace', message: traceNotScalable() }]),
    );
  });
});

describe('staffing what-ifs', () => {
  it('scales a group\'s count or staffing by agents.<group>.scale, keeping what it was written as', () => {
    const counted = checkScenario(vary('agents.team.scale', 1.5), 'v');
    expect(counted.groups[0]!.staffing).toEqual([5, 5]);
    const staffed = { ...base, agents: [{ group: 'team', staffing: [4, 10], channels: ['voice', 'email'] }] };
    const s = checkScenario(setField(staffed, parseFieldPath('agents.team.scale', '--vary'), 0.75, '--vary'), 'v');
    expect(s.groups[0]!.staffing).toEqual([3, 8]);
  });

  it('scales the agents a schedule file gives a group, which a count could not replace', () => {
    const scheduled = { ...base, schedule: 's.csv', agents: [{ group: 'team', channels: ['voice', 'email'] }] };
    const files = () => ({ text: 'interval,group,agents\n00:00,team,10\n01:00,team,3\n', shownAs: 's.csv' });
    const s = checkScenario(setField(scheduled, parseFieldPath('agents.team.scale', '--vary'), 1.25, '--vary'), 'v', files);
    expect(s.groups[0]!.staffing).toEqual([13, 4]);
    expect(() => checkScenario(setField(scheduled, parseFieldPath('agents.team.count', '--vary'), 12, '--vary'), 'v', files)).toThrow(/agents\[0\]\.count: is also given by the schedule/);
  });
});
