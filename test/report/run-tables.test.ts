// A run hands its per-interval tables to the report from memory: each number must be the one
// reading the CSV back gives (the charts of a run and of `osh-sim report` on its folder agree).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { loadScenario, reportInput } from '../../src/cli/run-command.js';
import { type Row, readReportFolder } from '../../src/report/folder-data.js';
import { formatNumber } from '../../src/report/format.js';
import { REPORT_METRICS, asWritten, runTables } from '../../src/report/run-tables.js';
import { writeRunJson, writeSummaryFiles } from '../../src/report/summary-files.js';
import { summarizeRun } from '../../src/stats/summary.js';

const readBack = (v: number) => {
  const cell = formatNumber(v);
  return cell === '' ? Number.NaN : Number(cell);
};

describe('asWritten', () => {
  it('gives the number a CSV cell reads back as, for integers, fractions, tiny, negative and missing figures', () => {
    const values = [0, -0, 1, -3, 1 / 3, 2 / 3, -2 / 3, 0.1 + 0.2, 1e-7, -1e-7, 4.9999995e-7, 123456.7890125, 9.5e-7, 1e15 + 0.5, 7e20, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (let k = 1; k < 2000; k++) values.push(Math.sin(k) * 10 ** ((k % 13) - 6));
    // Near and at the ties of the sixth decimal, where toFixed's exact rounding decides.
    for (let k = 1; k < 2000; k++) {
      const tie = (Math.round(Math.sin(k) * 1e9) + 0.5) / 1e6;
      values.push(tie, -tie, tie + 1e-12, tie - 1e-12, tie * (1 + 2 ** -52), (k + 0.5) / 1e6, (k + 0.4995) / 1e6, (k + 0.5005) / 1e6, 999999.9999995 - k);
    }
    // Figures as a run makes them: ratios and means of counts.
    for (let k = 1; k < 3000; k++) values.push(k / 7, (k * 37) / 1440, 1 - 1 / k, (k % 97) / ((k % 89) + 1));
    for (const v of values) expect(Object.is(asWritten(v), readBack(v)), `${v}: ${asWritten(v)} against ${readBack(v)}`).toBe(true);
  });
});

describe('runTables', () => {
  // A dated week of quarter hours with two voice skills, groups with concurrency levels and days:
  // every table the report reads from memory, against the same table read back from its file.
  const loaded = loadScenario('scenarios/wfm-week.yaml', { replications: 2 });
  const summary = summarizeRun([0, 1].map((replication) => simulate(loaded.scenario, replication)));
  const input = reportInput(loaded.scenario, summary);
  const folder = mkdtempSync(join(tmpdir(), 'osh-run-tables-'));
  writeSummaryFiles((name) => join(folder, name), input);
  writeRunJson((name) => join(folder, name), { version: '0', scenarioFile: 'wfm-week.yaml', scenarioSha256: '', seed: 1, replications: 2, command: 'run', wallTimeSec: 0, eventsSimulated: summary.events, node: process.version, jobs: 1, contactsSimulated: 0, peakMemoryMB: 0 });
  const fromFiles = readReportFolder(folder);
  const fromMemory = runTables(summary, input.intervalLabels);

  it.each(['intervals', 'skills', 'groups', 'days', 'skillDays'] as const)('gives %s number for number as its file reads back, every report figure and its ci95', (table) => {
    const read: Row[] = fromFiles[table];
    const made: Row[] = fromMemory[table];
    expect(made.length).toBeGreaterThan(0);
    expect(made.length).toBe(read.length);
    const figures = Object.keys(read[0]!).filter((column) => REPORT_METRICS.has(column.replace(/Ci95$/, '')));
    // A group's report figures: agents, occupancy, concurrency (its file also holds the levels' shares, which no chart reads).
    expect(figures.length).toBeGreaterThanOrEqual(table === 'groups' ? 6 : 20);
    for (let i = 0; i < read.length; i++) {
      // The leading cells the report reads (a dated file's `date` and weekday are not among them).
      const leads = table === 'days' || table === 'skillDays' ? ['day', 'start'] : ['interval', 'start'];
      for (const column of [...leads, { intervals: 'channel', skills: 'skill', groups: 'group', days: 'channel', skillDays: 'skill' }[table]]) {
        expect(made[i]![column], `${table} row ${i} ${column}`).toBe(read[i]![column]);
      }
      for (const figure of figures) expect(Object.is(made[i]![figure], read[i]![figure]), `${table} row ${i} ${figure}: ${made[i]![figure]} against ${read[i]![figure]}`).toBe(true);
    }
  });
});
