// The planner's files: forecast and schedule CSVs as WFM tools export them, read into volumes,
// handle times, agents and shrinkage per interval; every malformed line refused with its line
// number and column, nothing silently dropped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, InputErrors, type InputIssue } from '../../src/errors.js';
import { type HorizonClock, parseForecast, parseIntervalLabel, parseSchedule } from '../../src/scenario/planner-files.js';
import { plannerMessages, traceOutsideFolders } from '../../src/scenario/messages.js';
import { readScenario } from '../../src/scenario/read.js';

const day: HorizonClock = { intervalMinutes: 30, intervals: 4, startMinute: 8 * 60 };
const week: HorizonClock = { intervalMinutes: 60, intervals: 48, startMinute: 0 };
const limits = { ahtSec: 1e8, volume: 5e7 };

describe('interval labels', () => {
  it('reads clock, day-numbered and ISO labels as interval indices', () => {
    expect(parseIntervalLabel('08:00', day, null)).toBe(0);
    expect(parseIntervalLabel('9:30', day, null)).toBe(3);
    expect(parseIntervalLabel('d2 01:00', week, null)).toBe(25);
    expect(parseIntervalLabel('2026-03-03T05:00', week, '2026-03-02')).toBe(29);
    expect(parseIntervalLabel('2026-03-02 00:00', week, '2026-03-02')).toBe(0);
  });

  it('refuses labels off the horizon, between interval starts, or not a real date', () => {
    expect(parseIntervalLabel('10:00', day, null)).toMatch(/is not on the horizon/);
    expect(parseIntervalLabel('07:30', day, null)).toMatch(/is not on the horizon/);
    expect(parseIntervalLabel('08:15', day, null)).toMatch(/not the start of a reporting interval \(every 30 min from 08:00\)/);
    expect(parseIntervalLabel('2026-02-30T08:00', day, '2026-02-28')).toMatch(/is not a calendar date/);
    expect(parseIntervalLabel('25:00', day, null)).toMatch(/is not a time of day/);
    expect(parseIntervalLabel('morning', day, null)).toMatch(/is not an interval start/);
    expect(parseIntervalLabel('d0 08:00', day, null)).toMatch(/days count from d1/);
  });
});

describe('forecast', () => {
  it('reads volumes and handle times per queue and interval; missing intervals are 0', () => {
    const issues: InputIssue[] = [];
    const f = parseForecast('Interval,Skill,Volume,AHT\n08:00,voice,120,300\n08:30,voice,150,\n08:00,chat,40,620\n', ['voice', 'chat'], day, limits, issues);
    expect(issues).toEqual([]);
    expect(f.volumes.get('voice')).toEqual([120, 150, 0, 0]);
    expect(f.volumes.get('chat')).toEqual([40, 0, 0, 0]);
    expect(f.aht.get('voice')).toEqual([300, Number.NaN, Number.NaN, Number.NaN]);
    expect(f.firstDate).toBeNull();
  });

  it('takes day 1 from the earliest date of a dated file, whatever the row order', () => {
    const issues: InputIssue[] = [];
    const f = parseForecast('interval,skill,volume\n2026-03-03T00:00,voice,5\n2026-03-02T01:00,voice,7\n', ['voice'], week, limits, issues);
    expect(issues).toEqual([]);
    expect(f.firstDate).toBe('2026-03-02');
    expect(f.volumes.get('voice')![1]).toBe(7);
    expect(f.volumes.get('voice')![24]).toBe(5);
  });

  it('refuses each bad line with its line number and column, and says what is wanted', () => {
    const issues: InputIssue[] = [];
    parseForecast(
      'interval,skill,volume,aht\n08:00,voise,10,300\n08:30,voice,-1,300\n09:00,voice,ten,300\n09:30,voice,5,0\n08:00,voice,1,\n08:00,voice,2,\n12:00,voice,3,\n',
      ['voice', 'chat'],
      day,
      limits,
      issues,
    );
    expect(issues.map((i) => i.path)).toEqual(['line 2, skill', 'line 3, volume', 'line 4, volume', 'line 5, aht', 'line 7, interval', 'line 8, interval']);
    expect(issues[0]!.message).toMatch(/'voise' is not a skill or channel of the scenario \(did you mean 'voice'\?\)/);
    expect(issues[1]!.message).toMatch(/must be a number of contacts from 0 .*got '-1'/);
    expect(issues[4]!.message).toMatch(/repeats voice at '08:00'/);
    expect(issues[5]!.message).toMatch(/is not on the horizon/);
  });

  it('refuses a header with unknown, duplicate or missing columns', () => {
    const unknown: InputIssue[] = [];
    parseForecast('interval,skil,volume\n', ['voice'], day, limits, unknown);
    expect(unknown.map((i) => i.message).join('\n')).toMatch(/unknown column 'skil' \(did you mean 'skill'\?\)[\s\S]*needs a column 'skill'/);
    const twice: InputIssue[] = [];
    parseForecast('interval,skill,volume,volume\n', ['voice'], day, limits, twice);
    expect(twice).toEqual([{ path: 'line 1', message: "column 'volume' is given twice" }]);
    const empty: InputIssue[] = [];
    parseForecast('', ['voice'], day, limits, empty);
    expect(empty[0]!.message).toMatch(/is empty/);
  });

  it('stops after a screenful of problems and says more were not shown', () => {
    const issues: InputIssue[] = [];
    const rows = Array.from({ length: 500 }, () => '08:00,nope,1').join('\n');
    parseForecast(`interval,skill,volume\n${rows}\n`, ['voice'], day, limits, issues);
    expect(issues.length).toBe(21);
    expect(issues[20]!.message).toMatch(/more problems not shown/);
  });

  it('shows a short, printable excerpt of a bad cell, never the whole line', () => {
    const issues: InputIssue[] = [];
    parseForecast(`interval,skill,volume\n08:00,${'x'.repeat(5000)}\u2028,1\n`, ['voice'], day, limits, issues);
    expect(issues[0]!.message.length).toBeLessThan(200);
    expect(issues[0]!.message).not.toContain('\u2028');
  });
});

describe('schedule', () => {
  it('reads agents and shrinkage per group and interval', () => {
    const issues: InputIssue[] = [];
    const s = parseSchedule('interval,group,agents,shrinkage\n08:00,team,12,0.3\n08:30,team,14,0.25\n', ['team', 'desk'], day, 1000, null, issues);
    expect(issues).toEqual([]);
    expect(s.agents.get('team')).toEqual([12, 14, 0, 0]);
    expect(s.shrinkage?.get('team')).toEqual([0.3, 0.25, 0, 0]);
    expect(s.agents.has('desk')).toBe(false);
  });

  it('refuses fractional agents, shrinkage of 1 or more, unknown groups', () => {
    const issues: InputIssue[] = [];
    parseSchedule('interval,group,agents,shrinkage\n08:00,team,2.5,0\n08:30,team,3,1\n09:00,teem,3,0\n', ['team'], day, 1000, null, issues);
    expect(issues.map((i) => i.path)).toEqual(['line 2, agents', 'line 3, shrinkage', 'line 4, group']);
    expect(issues[2]!.message).toMatch(/did you mean 'team'/);
  });

  it('keeps a dated forecast\'s calendar: a schedule row before its first date is off the horizon', () => {
    const issues: InputIssue[] = [];
    parseSchedule('interval,group,agents\n2026-03-01T23:00,team,3\n', ['team'], week, 1000, '2026-03-02', issues);
    expect(issues[0]!.message).toMatch(/is not on the horizon/);
  });
});

describe('a scenario with planner\'s files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'osh-planner-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  }

  const scenario = (extra: string) => `name: planned
horizon: { intervalMinutes: 30, intervals: 4, start: "8:00" }
forecast: forecast.csv
schedule: schedule.csv
channels:
  voice: { talk: { dist: exponential, mean: 240 }${extra} }
agents:
  - { group: team, channels: [voice] }
`;

  it('takes volumes from the forecast and agents from the schedule', () => {
    write('forecast.csv', 'interval,skill,volume,aht\n08:00,voice,60,200\n08:30,voice,90,\n09:00,voice,30,\n09:30,voice,0,\n');
    write('schedule.csv', 'interval,group,agents,shrinkage\n08:00,team,5,0.3\n08:30,team,7,0.3\n09:00,team,4,0.3\n09:30,team,2,0.3\n');
    const s = readScenario(write('planned.yaml', scenario('')));
    expect(s.skills[0]!.arrivalRates).toEqual([60 / 1800, 90 / 1800, 30 / 1800, 0]);
    expect(s.skills[0]!.handlingMeanByInterval).toEqual([200, Number.NaN, Number.NaN, Number.NaN]);
    expect(s.groups[0]!.staffing).toEqual([5, 7, 4, 2]);
    expect(s.groups[0]!.shrinkage).toEqual([0.3, 0.3, 0.3, 0.3]);
    expect(s.horizon.firstDate).toBeNull();
  });

  it('scales the schedule\'s agents of a group by its scale, each interval to the nearest whole agent', () => {
    write('forecast.csv', 'interval,skill,volume\n08:00,voice,60\n');
    write('schedule.csv', 'interval,group,agents\n08:00,team,5\n08:30,team,7\n09:00,team,4\n09:30,team,3\n');
    const scaled = (scale: string) => readScenario(write('scaled.yaml', scenario('').replace('{ group: team,', `{ group: team, scale: ${scale},`))).groups[0]!.staffing;
    // 5.5 → 6, 7.7 → 8, 4.4 → 4, 3.3 → 3; 0.5 × 3 = 1.5 → 2; 0.7 × 5 is 3.5, not 3.4999…
    expect(scaled('1.1')).toEqual([6, 8, 4, 3]);
    expect(scaled('0.5')).toEqual([3, 4, 2, 2]);
    expect(scaled('0.7')).toEqual([4, 5, 3, 2]);
    expect(scaled('0')).toEqual([0, 0, 0, 0]);
    expect(scaled('1')).toEqual([5, 7, 4, 3]);
  });

  it('refuses a group scale that takes the scenario past its agent limit, and a negative one', () => {
    write('forecast.csv', 'interval,skill,volume\n08:00,voice,60\n');
    write('schedule.csv', 'interval,group,agents\n08:00,team,50000\n');
    const refusal = (scale: string) => {
      try {
        readScenario(write('limit.yaml', scenario('').replace('{ group: team,', `{ group: team, scale: ${scale},`)));
        return '';
      } catch (error) {
        return (error as InputError).message;
      }
    };
    expect(refusal('1')).toBe('');
    expect(refusal('5')).toMatch(/agents: add up to 250,000 agents; a scenario may have at most 200,000/);
    expect(refusal('-1')).toMatch(/agents\[0\]\.scale: must be a number >= 0 and <= 1000, got -1$/);
  });

  it('refuses a channel given both inline and in the forecast, naming both places', () => {
    write('forecast.csv', 'interval,skill,volume\n08:00,voice,60\n');
    write('schedule.csv', 'interval,group,agents\n08:00,team,5\n');
    const file = write('both.yaml', scenario(', arrivals: { ratePerHour: 100 }'));
    try {
      readScenario(file);
      expect.unreachable('a channel with inline arrivals and forecast rows must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).issues).toEqual([
        { path: 'channels.voice.arrivals.ratePerHour', message: plannerMessages.arrivalsAlsoInForecast(join(folder, 'forecast.csv'), 'voice') },
      ]);
    }
  });

  it('names the kind of file when a forecast or a schedule lies outside the scenario\'s folder', () => {
    const outside = mkdtempSync(join(tmpdir(), 'osh-planner-outside-'));
    try {
      writeFileSync(join(outside, 'f.csv'), 'interval,skill,volume\n08:00,voice,60\n');
      writeFileSync(join(outside, 's.csv'), 'interval,group,agents\n08:00,team,5\n');
      const forecastOutside = write('far-forecast.yaml', scenario('').replace('forecast: forecast.csv', `forecast: ${join(outside, 'f.csv')}`));
      expect(() => readScenario(forecastOutside)).toThrow(
        new InputError(forecastOutside, [{ path: 'forecast', message: plannerMessages.unusableFile(join(outside, 'f.csv'), traceOutsideFolders(folder, 'forecast')) }]),
      );
      write('forecast.csv', 'interval,skill,volume\n08:00,voice,60\n');
      const relativeSchedule = join('..', basename(outside), 's.csv');
      const scheduleOutside = write('far-schedule.yaml', scenario('').replace('schedule: schedule.csv', `schedule: ${relativeSchedule}`));
      expect(() => readScenario(scheduleOutside)).toThrow(
        new InputError(scheduleOutside, [{ path: 'schedule', message: plannerMessages.unusableFile(relativeSchedule, traceOutsideFolders(folder, 'schedule')) }]),
      );
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reports every file\'s problems at once', () => {
    write('forecast.csv', 'interval,skill,volume\n08:00,voice,lots\n');
    write('schedule.csv', 'interval,group,agents\n08:00,crew,5\n');
    try {
      readScenario(write('bad.yaml', scenario('')));
      expect.unreachable('bad planner files must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(InputErrors);
      const lines = (error as InputErrors).message.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/forecast\.csv: line 2, volume: must be a number of contacts/);
      expect(lines[1]).toMatch(/schedule\.csv: line 2, group: 'crew' is not a group of the scenario/);
    }
  });
});

describe('a group missing from the schedule', () => {
  it('is told it needs agents inline or rows in the schedule', () => {
    const folder = mkdtempSync(join(tmpdir(), 'osh-planner-'));
    try {
      writeFileSync(join(folder, 'schedule.csv'), 'interval,group,agents\n08:00,team,5\n');
      const file = join(folder, 's.yaml');
      writeFileSync(
        file,
        'name: s\nhorizon: { intervalMinutes: 30, intervals: 2, start: "08:00" }\nschedule: schedule.csv\nchannels:\n  voice: { arrivals: { ratePerHour: 10 }, talk: { dist: fixed, value: 60 } }\nagents:\n  - { group: team, channels: [voice] }\n  - { group: desk, channels: [voice] }\n',
      );
      expect(() => readScenario(file)).toThrow(new InputError(file, [{ path: 'agents[1]', message: 'needs count, staffing or shifts, or rows for desk in the schedule' }]));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a forecast of skills', () => {
  const folder = mkdtempSync(join(tmpdir(), 'osh-planner-skills-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const scenario = `name: skilled
horizon: { intervalMinutes: 60, intervals: 2, start: "08:00" }
forecast: forecast.csv
skills:
  voice-sales: { channel: voice, talk: { dist: exponential, mean: 200 } }
  voice-support: { channel: voice, talk: { dist: exponential, mean: 300 } }
  chat-billing: { channel: chat, exchanges: { dist: fixed, value: 2 }, reply: { dist: fixed, value: 20 } }
agents:
  - { group: team, count: 5, skills: [voice-sales, voice-support, chat-billing] }
`;
  const file = join(folder, 'skilled.yaml');
  writeFileSync(file, scenario);

  it('reads rows naming a skill, or the channel of a single skill, into that skill', () => {
    writeFileSync(join(folder, 'forecast.csv'), 'interval,skill,volume,aht\n08:00,voice-sales,36,180\n09:00,voice-support,72,\n08:00,chat,18,\n');
    const s = readScenario(file);
    const rates = Object.fromEntries(s.skills.map((k) => [k.name, k.arrivalRates.map((r) => r * 3600)]));
    expect(rates).toEqual({ 'voice-sales': [36, 0], 'voice-support': [0, 72], 'chat-billing': [18, 0] });
    expect(s.skills.find((k) => k.name === 'voice-sales')!.handlingMeanByInterval).toEqual([180, Number.NaN]);
  });

  it('refuses a channel of several skills, naming them', () => {
    writeFileSync(join(folder, 'forecast.csv'), 'interval,skill,volume\n08:00,voice,36\n08:00,chat,4\n');
    expect(() => readScenario(file)).toThrow(/'voice' is a channel of 2 skills \(voice-sales, voice-support\); name the skill in each row/);
  });
});
