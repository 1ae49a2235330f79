// The CI regression gate: expectations judged by `osh-sim check` (exit codes, JUnit XML,
// every kind of figure path), trace replay reproducing recorded durations, and
// `osh-sim compare` with significance and --fail-on thresholds.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';
import * as cliMessages from '../../src/cli/messages.js';
import { suggestion } from '../../src/suggest.js';
import * as experimentMessages from '../../src/experiments/messages.js';
import * as scenarioMessages from '../../src/scenario/messages.js';
import { LIMITS } from '../../src/scenario/schema.js';

const work = mkdtempSync(join(tmpdir(), 'osh-gate-'));
const fixture = (name: string) => join(ROOT, 'test/fixtures', name);

describe('osh-sim check', () => {
  it('passes a scenario whose expectations hold: exit 0, one line each, a summary line', () => {
    const result = cli(['check', fixture('check/holds.yaml')]);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^13 passed, 0 failed \(1 scenario, 6 replications, [\d.]+ s\)$/);
    // Intervals, every interval, groups with a confidence, sessions, elevations:
    for (const figure of ['voice.serviceLevel@10:00 =', 'chat.serviceLevel@11:30 =', 'groups.team.occupancy =', '(95 % interval [', 'sessions.sessionDuration =', 'elevations.chat>voice =', 'all.abandonRate = 0']) {
      expect(result.stdout).toContain(figure);
    }
    expect(lines.filter((l) => l.startsWith('pass'))).toHaveLength(13);
  });

  it('fails the same center with a changed profile: exit 1, and JUnit names the failure with its figure', () => {
    const junit = join(work, 'results.xml');
    const result = cli(['check', fixture('check/breaks.yaml'), '--junit', junit]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FAIL {2}gate-breaks \(.+breaks\.yaml\): chat\.serviceLevel = 0\.\d+ ± [\d.]+, expected >= 0\.9$/m);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="gate-breaks"');
    expect(xml).toMatch(/<testcase name="chat\.serviceLevel &gt;= 0\.9" classname="osh-sim\.gate-breaks" file="[^"]+breaks\.yaml" time="[\d.]+">\s*<failure message="chat\.serviceLevel = 0\.\d+, expected &gt;= 0\.9"/);
    expect((xml.match(/<testcase /g) ?? []).length).toBe(13);
    expect((xml.match(/<failure /g) ?? []).length).toBe(1);
  });

  it('refuses a misspelt figure with exit 2 and the nearest valid name, before running', () => {
    const result = cli(['check', fixture('check/misspelt.yaml')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${fixture('check/misspelt.yaml')}: expect[0].metric: ${experimentMessages.notAFigure('voice.serviceLevle', suggestion('voice.serviceLevle', ['voice.serviceLevel']))}`,
      `${fixture('check/misspelt.yaml')}: expect[5].metric: ${experimentMessages.notAFigure('groups.teem.occupancy', suggestion('groups.teem.occupancy', ['groups.team.occupancy']))}`,
    ]);
    expect(cli(['validate', fixture('check/misspelt.yaml')]).status).toBe(2);
  });

  it('runs every shipped scenario: all expectations hold', () => {
    const result = cli(['check', join(ROOT, 'scenarios'), '--quiet']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const count = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).length;
    // --quiet: nothing failed, so the summary line alone.
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(new RegExp(`^\\d+ passed, 0 failed \\(${count} scenarios, \\d+ replications`));
  });

  it('overrides replications for a quick gate', () => {
    const result = cli(['check', fixture('check/holds.yaml'), '--replications', '2', '--quiet']);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('(1 scenario, 2 replications');
  });
});

describe('trace replay', () => {
  it('reproduces the recorded durations exactly in contacts.csv', () => {
    const out = join(work, 'trace');
    expect(cli(['run', join(ROOT, 'scenarios/trace-replay.yaml'), '--out', out, '--contacts', '--no-charts', '--quiet', '--replications', '2']).status).toBe(0);
    const trace = parse(readFileSync(join(ROOT, 'scenarios/traces/recorded-morning.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const contacts = parse(readFileSync(join(out, 'contacts.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const seconds = (clock: string) => clock.split(':').reduce((acc, part) => acc * 60 + Number(part), 0) - 8 * 3600;
    for (const replication of ['0', '1']) {
      const inbound = contacts.filter((c) => c['replication'] === replication && c['direction'] === 'inbound');
      expect(inbound).toHaveLength(trace.length);
      const byChannel = (channel: string) => inbound.filter((c) => c['channel'] === channel).sort((a, b) => Number(a['contact']) - Number(b['contact']));
      for (const channel of ['voice', 'chat', 'email']) {
        const recorded = trace.filter((t) => t['channel'] === channel);
        const replayed = byChannel(channel);
        expect(replayed.map((c) => Number(c['arrival']))).toEqual(recorded.map((t) => seconds(t['time']!)));
        recorded.forEach((t, i) => {
          const c = replayed[i]!;
          const close = (a: number, b: number) => expect(Math.abs(a - b), `${channel} row ${i}`).toBeLessThan(2e-6);
          if (c['outcome'] === 'abandoned') {
            close(Number(c['abandoned']) - Number(c['arrival']), Number(t['patience']));
            return;
          }
          if (t['talk']) close(Number(c['end']) - Number(c['answered']), Number(t['talk']));
          if (t['work']) close(Number(c['end']) - Number(c['answered']), Number(t['work']));
          if (t['wrap']) close(Number(c['wrapEnd']) - Number(c['wrapStart']), Number(t['wrap']));
          if (t['exchanges']) expect(c['exchanges']).toBe(t['exchanges']);
        });
      }
    }
  });

  it('refuses bad rows with their line numbers, all at once', () => {
    const result = cli(['validate', fixture('traces/uses-bad-trace.yaml')]);
    expect(result.status).toBe(2);
    const file = fixture('traces/bad-rows.csv');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: line 3, time: ${scenarioMessages.rowsOutOfOrder()}`,
      `${file}: line 4, talk: ${scenarioMessages.traceDuration('-4', 'talk', false, LIMITS.durationSec)}`,
      `${file}: line 5, time: ${scenarioMessages.notATime("8 o'clock")}`,
      `${file}: line 7, wrap: ${scenarioMessages.traceDuration('abc', 'wrap', false, LIMITS.durationSec)}`,
    ]);
  });

  it('refuses missing columns and files with a clear message', () => {
    const columns = cli(['validate', fixture('traces/uses-bad-columns.yaml')]);
    expect(columns.status).toBe(2);
    expect(columns.stderr).toContain(`line 1: ${scenarioMessages.unknownTraceColumn('tlak', suggestion('tlak', ['talk']))}`);
    expect(columns.stderr).toContain(`line 1: ${scenarioMessages.noTimeColumn()}`);
    const missing = cli(['validate', fixture('traces/uses-missing-trace.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`${fixture('traces/uses-missing-trace.yaml')}: channels.voice.arrivals.trace: ${scenarioMessages.traceUnusable('no-such-trace.csv', scenarioMessages.noSuchFile())}`);
  });
});

describe('osh-sim compare', () => {
  const base = join(work, 'base');
  const same = join(work, 'same');
  const single = join(work, 'single');

  it('pairs every figure with itself: a replay differs by exactly zero, nothing significant', () => {
    // Welch's t itself (its false-positive rate included) is tested in test/stats/welch.test.ts;
    // here, that compare matches figure to figure across the two folders.
    expect(cli(['run', join(ROOT, 'scenarios/default.yaml'), '--out', base, '--quiet', '--no-charts']).status).toBe(0);
    expect(cli(['run', join(ROOT, 'scenarios/default.yaml'), '--out', same, '--quiet', '--no-charts']).status).toBe(0);
    const result = cli(['compare', base, same, '--out', join(work, 'cmp0')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/: 0 of \d{3} figures changed significantly/);
    const rows = parse(readFileSync(join(work, 'cmp0', 'compare.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(Number(row['difference']), row['figure']).toBe(0);
  });

  it('shows what OSH off changes, significantly, and fails on a threshold', () => {
    expect(cli(['run', join(ROOT, 'scenarios/default-single.yaml'), '--out', single, '--quiet', '--no-charts']).status).toBe(0);
    const out = join(work, 'cmp1');
    const result = cli(['compare', base, single, '--fail-on', 'voice.serviceLevel<-0.02', '--fail-on', 'voice.asa>60', '--out', out], { env: { FORCE_COLOR: '0' } });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^voice\.serviceLevel\s+0\.8\d+\s+0\.5\d+\s+-0\.2\d+\s+.+\s+significant, worse$/m);
    expect(result.stdout).toContain('FAIL  voice.serviceLevel<-0.02: changed by -0.2');
    expect(result.stdout).toContain('pass  voice.asa>60');
    const rows = parse(readFileSync(join(out, 'compare.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const sl = rows.find((r) => r['figure'] === 'voice.serviceLevel')!;
    expect(Number(sl['difference'])).toBeLessThan(-0.2);
    expect(sl['significant']).toBe('true');
    expect(Number(sl['p'])).toBeLessThan(0.001);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('class="worse watched"');
    expect(html).toContain('FAIL voice.serviceLevel&lt;-0.02');
  });

  it('refuses a figure the reports do not have, with the nearest name', () => {
    const result = cli(['compare', base, single, '--fail-on', 'voice.serviceLvl<-0.02']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(cliMessages.notAFigureOfBothReports('voice.serviceLvl', suggestion('voice.serviceLvl', ['voice.serviceLevel'])));
  });
});
