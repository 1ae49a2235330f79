// osh-sim capacity end to end on a blended OSH team with chat concurrency 3: the plan needs
// fewer agents than Erlang C applied channel by channel, and a plain run of the plan's
// staffing (a scenario file with it, through osh-sim run) on replications the plan never saw
// meets every target in every interval.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../src/stats/student.js';
import { ROOT, cli } from '../helpers/cli.js';
import * as cliMessages from '../../src/cli/messages.js';

const work = mkdtempSync(join(tmpdir(), 'osh-capacity-'));
const scenarioFile = join(ROOT, 'test/fixtures/capacity/blended-osh.yaml');
type Row = Record<string, string>;

describe('osh-sim capacity', () => {
  let rows: Row[] = [];
  beforeAll(() => {
    // --confidence 0.9: each target is met by the whole 90 % interval, so the plan holds on
    // other replications than the eight it was searched on, not just on those.
    const result = cli(['capacity', scenarioFile, '--out', join(work, 'plan'), '--shrinkage', '0.25', '--confidence', '0.9', '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    rows = parse(readFileSync(join(work, 'plan', 'capacity.csv'), 'utf8'), { columns: true }) as Row[];
  });

  it('plans every interval, beside Erlang C and with shrinkage', () => {
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(Number(row['scheduled'])).toBe(Math.ceil(Number(row['required']) / 0.75 - 1e-9));
      for (const figure of ['voice.serviceLevel', 'chat.serviceLevel', 'chat.responseBreachRate']) expect(row[`${figure}Met`], `${row['start']} ${figure}`).toBe('true');
    }
  });

  it('needs fewer agents than Erlang C channel by channel', () => {
    const total = (field: string) => rows.reduce((sum, row) => sum + Number(row[field]), 0);
    expect(total('required')).toBeLessThan(total('erlangC'));
    for (const row of rows) expect(Number(row['required'])).toBeLessThanOrEqual(Number(row['erlangC']));
  });

  it('meets every target when its staffing runs as a plain run on other replications', () => {
    const staffing = rows.map((row) => Number(row['required']));
    const text = readFileSync(scenarioFile, 'utf8').replace('count: 20', `staffing: [${staffing.join(', ')}]`);
    const file = join(work, 'planned.yaml');
    writeFileSync(file, text);
    // Another seed: none of these 20 replications took part in the search.
    const replications = 20;
    const result = cli(['run', file, '--seed', '1005', '--replications', String(replications), '--out', join(work, 'run'), '--quiet', '--no-charts']);
    expect(result.status, result.stderr).toBe(0);
    const intervals = parse(readFileSync(join(work, 'run', 'intervals.csv'), 'utf8'), { columns: true }) as Row[];
    // Met unless significantly missed: a one-sided t test per (interval, target) at a
    // family-wise 1 % (Bonferroni over the 8 × 3 checks), the standard error from ci95.
    const checks = 8 * 3;
    const t95 = studentTQuantile(0.975, replications - 1);
    const tCheck = studentTQuantile(1 - 0.01 / checks, replications - 1);
    const slack = (row: Row, metric: string) => (tCheck * Number(row[`${metric}Ci95`])) / t95;
    let judged = 0;
    for (const row of intervals) {
      const where = `${row['start']} ${row['channel']}`;
      if (row['channel'] === 'voice' || row['channel'] === 'chat') {
        expect(Number(row['serviceLevel']) + slack(row, 'serviceLevel'), `${where} service level`).toBeGreaterThanOrEqual(0.8);
        judged++;
      }
      if (row['channel'] === 'chat') {
        expect(Number(row['responseBreachRate']) - slack(row, 'responseBreachRate'), `${where} breaches`).toBeLessThanOrEqual(0.1);
        judged++;
      }
    }
    expect(judged).toBe(checks);
  });

  it('adds the plan to the report: a chart of both curves and a line in report.html', () => {
    const html = readFileSync(join(work, 'plan', 'report.html'), 'utf8');
    expect(html).toContain('Capacity plan');
    expect(html).toContain('id="chart-capacity"');
    expect(readFileSync(join(work, 'plan', 'charts', 'capacity.svg'), 'utf8')).toContain('mark-line');
  });

  it('writes requirements.csv, a plain table of one row per interval and group a WFM tool imports', () => {
    const text = readFileSync(join(work, 'plan', 'requirements.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe('interval,group,onPhone,shrinkage,required,scheduled,binding');
    const requirements = parse(text, { columns: true }) as Row[];
    expect(requirements.map((r) => r['interval'])).toEqual(rows.map((r) => r['start']));
    requirements.forEach((r, k) => {
      expect(Number(r['onPhone'])).toBe(Number(rows[k]!['required']));
      expect(Number(r['required'])).toBe(Math.ceil(Number(r['onPhone']) / 0.75 - 1e-9));
      expect(r['scheduled']).toBe('20');
      expect(['voice.serviceLevel', 'chat.serviceLevel', 'chat.responseBreachRate']).toContain(r['binding']);
      expect(rows[k]!['binding']).toBe(r['binding']);
    });
  });

  it('caps occupancy with --max-occupancy and prints the pooling and concurrency split', () => {
    const result = cli(['capacity', scenarioFile, '--out', join(work, 'capped'), '--max-occupancy', '0.7', '--no-charts']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/saving against Erlang C: -?\d+ agent-intervals = pooling skills and channels in groups -?\d+ .* \+ OSH concurrency -?\d+ /);
    const capped = parse(readFileSync(join(work, 'capped', 'capacity.csv'), 'utf8'), { columns: true }) as Row[];
    for (const row of capped) expect(Number(row['groups.blended.occupancy']), row['start']).toBeLessThanOrEqual(0.7);
    expect(capped.some((row) => row['binding'] === 'groups.blended.occupancy')).toBe(true);
    expect(capped.every((row) => row['oshOff'] !== '' && Number(row['oshOff']) >= Number(row['required']))).toBe(true);
  });

  it('refuses --max-occupancy outside (0, 1), with exit 2', () => {
    const result = cli(['capacity', scenarioFile, '--out', join(work, 'bad-cap'), '--max-occupancy', '1.5']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--max-occupancy');
  });

  it('refuses a scenario without targets, with exit 2', () => {
    const result = cli(['capacity', join(ROOT, 'test/bench/scenarios/mmc-100.yaml'), '--out', join(work, 'none')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(cliMessages.noTargetToPlanFor());
  });
});
