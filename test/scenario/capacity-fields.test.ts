// A group's capacity fields (shrinkage, maxOccupancy, minAgents) as written and normalised,
// and the dates of a dated horizon's intervals.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { intervalDates } from '../../src/scenario/model.js';
import { onePerInterval, plannerMessages } from '../../src/scenario/messages.js';
import { readScenario } from '../../src/scenario/read.js';
import { scenarioOf } from '../helpers/scenarios.js';

const base = (group: Record<string, unknown>) => ({
  name: 'fields',
  horizon: { intervalMinutes: 60, intervals: 3, start: '08:00' },
  channels: { voice: { arrivals: { ratePerHour: 10 }, talk: { dist: 'fixed', value: 60 } } },
  agents: [{ group: 'team', count: 3, channels: ['voice'], ...group }],
});

describe('a group\'s capacity fields', () => {
  it('reads a number as every interval\'s value and a list as one per interval', () => {
    const g = scenarioOf(base({ shrinkage: 0.3, maxOccupancy: 0.85, minAgents: [1, 2, 0] })).groups[0]!;
    expect(g.shrinkage).toEqual([0.3, 0.3, 0.3]);
    expect(g.maxOccupancy).toBe(0.85);
    expect(g.minAgents).toEqual([1, 2, 0]);
    const none = scenarioOf(base({})).groups[0]!;
    expect([none.shrinkage, none.maxOccupancy, none.minAgents]).toEqual([null, null, null]);
  });

  it('refuses lists of the wrong length and values out of range, each with its path', () => {
    try {
      scenarioOf(base({ shrinkage: [0.1, 0.2], minAgents: [1, 2, 3, 4] }));
      expect.unreachable('lists of the wrong length must be refused');
    } catch (error) {
      expect((error as InputError).issues).toEqual([
        { path: 'agents[0].shrinkage', message: onePerInterval(3, 2) },
        { path: 'agents[0].minAgents', message: onePerInterval(3, 4) },
      ]);
    }
    expect(() => scenarioOf(base({ shrinkage: 1 }))).toThrow(/agents\[0\]\.shrinkage/);
    expect(() => scenarioOf(base({ maxOccupancy: 0 }))).toThrow(/agents\[0\]\.maxOccupancy/);
    expect(() => scenarioOf(base({ minAgents: 1.5 }))).toThrow(/agents\[0\]\.minAgents/);
  });

  it('refuses shrinkage given both in the group and in the schedule\'s column', () => {
    const folder = mkdtempSync(join(tmpdir(), 'osh-fields-'));
    try {
      writeFileSync(join(folder, 'schedule.csv'), 'interval,group,agents,shrinkage\n08:00,team,3,0.2\n');
      const file = join(folder, 's.yaml');
      writeFileSync(
        file,
        'name: s\nhorizon: { intervalMinutes: 60, intervals: 3, start: "08:00" }\nschedule: schedule.csv\nchannels:\n  voice: { arrivals: { ratePerHour: 10 }, talk: { dist: fixed, value: 60 } }\nagents:\n  - { group: team, channels: [voice], shrinkage: 0.3 }\n',
      );
      expect(() => readScenario(file)).toThrow(new InputError(file, [{ path: 'agents[0].shrinkage', message: plannerMessages.shrinkageAlsoInSchedule(join(folder, 'schedule.csv'), 'team') }]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the dates of a dated horizon', () => {
  it('gives each interval its calendar date and day of the week, across a month\'s end', () => {
    const scenario = scenarioOf({ ...base({}), horizon: { intervalMinutes: 720, intervals: 6, start: '12:00' } });
    expect(intervalDates(scenario)).toBeNull();
    const dated = { ...scenario, horizon: { ...scenario.horizon, firstDate: '2026-02-27' } };
    expect(intervalDates(dated)).toEqual([
      { date: '2026-02-27', day: 'Fri' },
      { date: '2026-02-28', day: 'Sat' },
      { date: '2026-02-28', day: 'Sat' },
      { date: '2026-03-01', day: 'Sun' },
      { date: '2026-03-01', day: 'Sun' },
      { date: '2026-03-02', day: 'Mon' },
    ]);
  });
});
