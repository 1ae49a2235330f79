// The shipped week from a WFM tool's files (scenarios/wfm-week.yaml, wfm/forecast.csv and
// wfm/schedule.csv), done as a planner does it: the week runs and offers the forecast's
// volumes at the forecast's handle times, interval by interval (within their confidence
// intervals over replications); groups.csv shows the schedule's agents, dated; capacity writes
// requirements.csv, a plain table of one row per interval and group that reads back with the
// forecast's own interval labels; and bad files give one line per problem and write nothing.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { REQUIREMENTS_COLUMNS } from '../../src/report/capacity-files.js';
import { parseIntervalLabel } from '../../src/scenario/planner-files.js';
import { readScenario } from '../../src/scenario/read.js';
import { tableValue } from '../../src/stats/table.js';
import { expectAgreement, replicate } from '../helpers/replicate.js';

type Row = Record<string, string>;
const SCENARIO = 'scenarios/wfm-week.yaml';
const forecast = parse(readFileSync('scenarios/wfm/forecast.csv', 'utf8'), { columns: true }) as Row[];
const schedule = parse(readFileSync('scenarios/wfm/schedule.csv', 'utf8'), { columns: true }) as Row[];
/** The wrap means of scenarios/wfm-week.yaml: handleWork is talk plus wrap. */
const WRAP: Record<string, number> = { 'voice-sales': 30, 'voice-support': 40 };
const folder = mkdtempSync(join(tmpdir(), 'osh-wfm-week-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const quiet = { out: () => {}, err: () => {} };

describe('the week from the WFM files', () => {
  it('offers the forecast volumes, and handles voice at the forecast handle times, interval by interval', () => {
    const scenario = readScenario(SCENARIO);
    expect(scenario.horizon.firstDate).toBe('2026-03-02');
    const clock = { intervalMinutes: 15, intervals: scenario.horizon.intervals, startMinute: scenario.horizon.startMinute };
    const replications = 16;
    const { results } = replicate({ ...scenario, replications }, replications);
    const offeredRows = forecast.filter((r) => Number(r['volume']) > 0);
    // handleWork needs handled contacts in every replication: intervals of at least 15 calls.
    const ahtRows = forecast.filter((r) => r['aht'] !== '' && Number(r['volume']) >= 15);
    expect(ahtRows.length).toBeGreaterThan(100);
    const alpha = 0.01 / (offeredRows.length + ahtRows.length);
    for (const row of offeredRows) {
      const k = parseIntervalLabel(row['interval']!, clock, '2026-03-02') as number;
      const volume = Number(row['volume']);
      const offered = results.map((r) => tableValue(r.skills, row['skill']!, k, 'offered'));
      expectAgreement(`${row['skill']} offered at ${row['interval']}`, offered, volume, alpha, 3 + volume);
    }
    for (const row of ahtRows) {
      const k = parseIntervalLabel(row['interval']!, clock, '2026-03-02') as number;
      const expected = Number(row['aht']) + WRAP[row['skill']!]!;
      const work = results.map((r) => tableValue(r.skills, row['skill']!, k, 'handleWork'));
      expectAgreement(`${row['skill']} handleWork at ${row['interval']}`, work, expected, alpha, expected);
    }
  });

  it('logs in the schedule\'s agents, as groups.csv shows with the date and day of each interval', async () => {
    const out = join(folder, 'run');
    expect(await main(['run', SCENARIO, '--out', out, '--replications', '1', '--jobs', '1', '--no-charts', '--quiet'], quiet)).toBe(0);
    const groups = parse(readFileSync(join(out, 'groups.csv'), 'utf8'), { columns: true }) as Row[];
    const byKey = new Map(groups.map((g) => [`${g['date']}T${g['start']!.slice(-5)}|${g['group']}`, g]));
    // Agents leaving at an interval's start finish the contacts they hold first: after the
    // schedule drops, groups.csv shows them too for a while, never more than the hour before had.
    const recent = new Map<string, number[]>();
    let exact = 0;
    for (const row of schedule) {
      const shown = Number(byKey.get(`${row['interval']}|${row['group']}`)!['agents']);
      const agents = Number(row['agents']);
      const hour = recent.get(row['group']!) ?? [];
      const where = `${row['interval']} ${row['group']}`;
      if (hour.every((n) => n <= agents)) {
        expect(shown, where).toBe(agents);
        exact++;
      } else {
        expect(shown, where).toBeGreaterThanOrEqual(agents);
        expect(shown, where).toBeLessThanOrEqual(Math.max(...hour));
      }
      recent.set(row['group']!, [...hour, agents].slice(-4));
    }
    expect(exact).toBeGreaterThan(schedule.length / 2);
    expect(groups.find((g) => g['date'] === '2026-03-08')!['day']).toBe('Sun');
    expect(groups.find((g) => g['date'] === '2026-03-02')!['day']).toBe('Mon');
  });
});

/** Monday alone: the same files cut to day 1, beside a copy of the scenario cut to 96 intervals. */
function monday(): string {
  const day = join(folder, 'monday');
  const wfm = join(day, 'wfm');
  mkdirSync(wfm, { recursive: true });
  for (const name of ['forecast.csv', 'schedule.csv']) {
    const text = readFileSync(`scenarios/wfm/${name}`, 'utf8').split('\n');
    writeFileSync(join(wfm, name), [text[0], ...text.slice(1).filter((l) => l.startsWith('2026-03-02'))].join('\n'));
  }
  const file = join(day, 'wfm-monday.yaml');
  writeFileSync(file, readFileSync(SCENARIO, 'utf8').replace('intervals: 672', 'intervals: 96'));
  return file;
}

describe('the requirements a WFM tool imports', () => {
  it('capacity writes requirements.csv: one row per interval and planned group, read back with the files\' interval labels', async () => {
    const file = monday();
    const out = join(folder, 'capacity');
    expect(await main(['capacity', file, '--out', out, '--jobs', '1', '--no-charts', '--quiet'], quiet)).toBe(0);
    const text = readFileSync(join(out, 'requirements.csv'), 'utf8');
    const [header] = text.split('\n');
    expect(header).toBe(REQUIREMENTS_COLUMNS.join(','));
    const rows = parse(text, { columns: true }) as Row[];
    const groups = ['sales', 'blended', 'email-desk'];
    expect(rows).toHaveLength(96 * groups.length);
    const scenario = readScenario(file);
    const clock = { intervalMinutes: 15, intervals: 96, startMinute: 0 };
    const scheduled = new Map(schedule.filter((r) => r['interval']!.startsWith('2026-03-02')).map((r) => [`${r['interval']}|${r['group']}`, r]));
    const figures = new Set(['skills.voice-sales.serviceLevel', 'skills.voice-support.serviceLevel', 'skills.chat-billing.serviceLevel', 'skills.email.serviceLevel', 'groups.blended.occupancy', 'minimum', '']);
    rows.forEach((row, i) => {
      expect(parseIntervalLabel(row['interval']!, clock, '2026-03-02')).toBe(Math.floor(i / groups.length));
      expect(row['group']).toBe(groups[i % groups.length]);
      expect([row['date'], row['day']]).toEqual(['2026-03-02', 'Mon']);
      const onPhone = Number(row['onPhone']);
      const shrinkage = Number(row['shrinkage']);
      expect(Number(row['required'])).toBe(Math.max(0, Math.ceil(onPhone / (1 - shrinkage) - 1e-9)));
      const planned = scheduled.get(`${row['interval']}|${row['group']}`);
      expect(Number(row['scheduled'])).toBe(planned === undefined ? 0 : Number(planned['agents']));
      if (planned !== undefined) expect(shrinkage).toBe(Number(planned['shrinkage']));
      expect(figures.has(row['binding']!), row['binding']).toBe(true);
      expect(row['binding'] === '').toBe(onPhone === 0);
    });
    // The day has work: some interval needs agents in each group.
    for (const group of groups) expect(rows.some((r) => r['group'] === group && Number(r['onPhone']) > 0)).toBe(true);
    expect(scenario.groups.map((g) => g.name)).toEqual(groups);
  });

  it('refuses bad files with one line per problem, naming file, line and column, and writes nothing', async () => {
    const bad = join(folder, 'bad');
    mkdirSync(join(bad, 'wfm'), { recursive: true });
    writeFileSync(join(bad, 'wfm', 'forecast.csv'), 'interval,skill,volume,aht\n2026-03-02T08:00,voice-sale,10,\n2026-03-02T08:07,email,3,\n2026-03-02T08:15,email,-1,\n');
    writeFileSync(join(bad, 'wfm', 'schedule.csv'), 'interval,group,agents,shrinkage\n2026-03-02T08:00,sales,2.5,0.2\n');
    const file = join(bad, 'wfm-week.yaml');
    writeFileSync(file, readFileSync(SCENARIO, 'utf8'));
    const errors: string[] = [];
    const out = join(bad, 'out');
    const code = await main(['capacity', file, '--out', out, '--quiet'], { out: () => {}, err: (text) => errors.push(text) });
    expect(code).toBe(2);
    const lines = errors.join('').trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/forecast\.csv: line 2, skill: 'voice-sale' is not a skill or channel of the scenario \(did you mean 'voice-sales'\?\)/);
    expect(lines[1]).toMatch(/forecast\.csv: line 3, interval: '2026-03-02T08:07' is not the start of a reporting interval/);
    expect(lines[2]).toMatch(/forecast\.csv: line 4, volume: must be a number of contacts/);
    expect(lines[3]).toMatch(/schedule\.csv: line 2, agents: must be a whole number of agents/);
    expect(existsSync(out)).toBe(false);
  });
});
