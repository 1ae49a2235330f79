// A quarter of half hours (4,320 intervals) runs with charts: time is an axis of time, the
// horizon is shown per day, as an average day and as a day × time-of-day heatmap against
// target, and the per-interval charts show the busiest day, which report.html names.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { longHorizonScenario } from '../helpers/long-horizon.js';

const work = mkdtempSync(join(tmpdir(), 'osh-long-'));
const out = join(work, 'quarter');

describe('a quarter of half hours with charts', () => {
  beforeAll(() => {
    const file = join(work, 'quarter.yaml');
    writeFileSync(file, longHorizonScenario('quarter', 90));
    const result = cli(['run', file, '--out', out, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 600_000);

  it('draws the long-horizon views beside the per-interval charts', () => {
    const charts = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg')).map((f) => f.replace('.svg', ''));
    expect(charts).toEqual(expect.arrayContaining(['days', 'average-day', 'heatmap', 'service-level', 'waits', 'volumes', 'staffing']));
    for (const name of charts) expect(readFileSync(join(out, 'charts', `${name}.svg`), 'utf8').startsWith('<svg'), name).toBe(true);
  });

  it('shows per-interval charts for the busiest day only, and says which day that is', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<strong>day 12, the busiest</strong>');
    const sl = JSON.parse(readFileSync(join(out, 'charts', 'service-level.vl.json'), 'utf8'));
    const voice = sl.data.values.filter((v: { key: string }) => v.key === 'voice');
    const hours = voice.map((v: { hour: number }) => v.hour);
    expect(hours).toHaveLength(48);
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...hours)).toBeLessThanOrEqual(24);
    expect(sl.spec.layer[1].encoding.x.title).toBe('time of day on day 12 (the busiest)');
  });

  it('gives one point per day in the daily chart, with its band', () => {
    const days = JSON.parse(readFileSync(join(out, 'charts', 'days.vl.json'), 'utf8'));
    const sl = (days.hconcat[0].data.values as { key: string; day: number; low: number; value: number; high: number }[]).filter((v) => v.key === 'voice');
    expect(sl.map((v) => v.day)).toEqual(Array.from({ length: 90 }, (_, d) => d + 1));
    for (const v of sl) {
      expect(v.low).toBeLessThanOrEqual(v.value);
      expect(v.high).toBeGreaterThanOrEqual(v.value);
      expect(v.high).toBeLessThanOrEqual(1);
    }
  });

  it('colours the heatmap by service level against target, a row per day', () => {
    const heatmap = JSON.parse(readFileSync(join(out, 'charts', 'heatmap.vl.json'), 'utf8'));
    const voice = heatmap.data.values.filter((v: { panel: string }) => v.panel.startsWith('voice:'));
    const rows = new Set(voice.map((v: { row: number }) => v.row));
    expect(rows.size).toBe(90);
    expect(heatmap.spec.encoding.color.field).toBe('gap');
  });

  it('tables the days, and the busiest day by interval', () => {
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect((/<table class="days">.*?<\/table>/s.exec(html)?.[0].match(/<tr><td>day /g) ?? []).length).toBe(90 * 2);
    expect((/<table class="intervals">.*?<\/table>/s.exec(html)?.[0].match(/<tr><td>d12 /g) ?? []).length).toBe(48 * 3); // voice, email and all
  });

  it('draws from memory what the files hold: osh-sim report re-renders the same bytes', () => {
    const before = Object.fromEntries(readdirSync(join(out, 'charts')).map((f) => [f, readFileSync(join(out, 'charts', f), 'utf8')]));
    const page = readFileSync(join(out, 'report.html'), 'utf8');
    expect(cli(['report', out]).status).toBe(0);
    for (const [file, text] of Object.entries(before)) expect(readFileSync(join(out, 'charts', file), 'utf8'), file).toBe(text);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(page);
  });
});
