// `osh-sim compare` read as a planner reads it: a change is better or worse by what the figure
// means (abandoned up is worse, service level up is better, offered has no better direction),
// coloured so on a colour terminal and in compare.html; tiny p-values are a bound (`< 1e-6`),
// never 0, and scientific in compare.csv; the command says where it wrote its files.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { changeVerdict } from '../../src/cli/compare-command.js';
import { compareVerdictText, compareWrote, pValueText } from '../../src/cli/messages.js';
import { figureDirection } from '../../src/stats/metrics.js';
import { ROOT, cli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'osh-compare-'));
const base = join(work, 'base');
const single = join(work, 'single');
const RED = '\u001b[31m';
const GREEN = '\u001b[32m';

function rowOf(stdout: string, figure: string): string {
  const line = stdout.split('\n').find((l) => l.replace(/^\u001b\[\d+m/, '').startsWith(`${figure} `));
  expect(line, figure).toBeDefined();
  return line!;
}

describe('figure directions', () => {
  it('knows which way is better for the figures a planner judges, and none for volumes and staffing', () => {
    expect(figureDirection('voice.serviceLevel')).toBe('higher');
    expect(figureDirection('chat.serviceLevel@10:00')).toBe('higher');
    for (const f of ['voice.abandoned', 'voice.abandonRate', 'voice.asa', 'email.waitP90', 'chat.responseBreachRate', 'chat.slaBreaches', 'email.backlogEnd', 'sessions.sessionDuration', 'sessions.elevationsDropped']) {
      expect(figureDirection(f), f).toBe('lower');
    }
    for (const f of ['voice.offered', 'voice.aht', 'groups.blended.occupancy', 'groups.blended.agents', 'groups.blended.level2', 'elevations.chat>voice', 'sessions.sessions', 'voice.noSuchMetric']) {
      expect(figureDirection(f), f).toBe('neither');
    }
  });

  it('calls a significant change better, worse or just changed; an insignificant one nothing', () => {
    expect(changeVerdict('voice.abandoned', +10, true)).toBe('worse');
    expect(changeVerdict('voice.abandoned', -10, true)).toBe('better');
    expect(changeVerdict('voice.serviceLevel', +0.1, true)).toBe('better');
    expect(changeVerdict('voice.serviceLevel', -0.1, true)).toBe('worse');
    expect(changeVerdict('voice.offered', +10, true)).toBe('changed');
    expect(changeVerdict('voice.abandoned', +10, false)).toBeNull();
  });

  it('prints a p below 1e-6 as a bound, never 0', () => {
    expect(pValueText(0)).toBe('< 1e-6');
    expect(pValueText(3e-12)).toBe('< 1e-6');
    expect(pValueText(2.5e-5)).toBe('2.5e-5');
    expect(pValueText(0.0123)).toBe('0.012');
  });
});

describe('osh-sim compare', () => {
  beforeAll(() => {
    expect(cli(['run', join(ROOT, 'scenarios/default.yaml'), '--out', base, '--quiet', '--no-charts']).status).toBe(0);
    expect(cli(['run', join(ROOT, 'scenarios/default-single.yaml'), '--out', single, '--quiet', '--no-charts']).status).toBe(0);
  });

  it('colours by what the figure means: OSH off is worse (red), back on is better (green), volumes neutral', () => {
    const off = join(work, 'off');
    const worse = cli(['compare', base, single, '--out', off], { env: { FORCE_COLOR: '1' } });
    expect(worse.status, worse.stderr).toBe(0);
    for (const figure of ['voice.serviceLevel', 'voice.asa', 'voice.abandoned', 'voice.abandonRate']) {
      const row = rowOf(worse.stdout, figure);
      expect(row.startsWith(RED), row).toBe(true);
      expect(row).toContain(compareVerdictText('worse'));
    }
    const neutral = rowOf(worse.stdout, 'voice.answered');
    expect(neutral).not.toContain('\u001b[');
    expect(neutral.trimEnd().endsWith(compareVerdictText('changed'))).toBe(true);

    const better = cli(['compare', single, base, '--out', join(work, 'on')], { env: { FORCE_COLOR: '1' } });
    for (const figure of ['voice.serviceLevel', 'voice.asa', 'voice.abandoned']) {
      const row = rowOf(better.stdout, figure);
      expect(row.startsWith(GREEN), row).toBe(true);
      expect(row).toContain(compareVerdictText('better'));
    }

    const html = readFileSync(join(off, 'compare.html'), 'utf8');
    const rowClass = (figure: string) => new RegExp(`<tr class="([^"]*)"><td>${figure.replace('.', '\\.')}</td>`).exec(html)?.[1];
    expect(rowClass('voice.serviceLevel')).toBe('worse');
    expect(rowClass('voice.asa')).toBe('worse');
    expect(rowClass('voice.answered')).toBe('changed');
    expect(rowClass('groups.blended.occupancy')).not.toMatch(/better|worse/);
  });

  it('writes no colour codes when the output is no colour terminal', () => {
    const plain = cli(['compare', base, single, '--out', join(work, 'plain')], { env: { FORCE_COLOR: '0' } });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(rowOf(plain.stdout, 'voice.serviceLevel')).toMatch(/^voice\.serviceLevel\s+0\.8\d+\s+0\.5\d+\s+-0\.2\d+\s+< 1e-6\s+significant, worse$/);
  });

  it('never prints p as 0: `< 1e-6` on the terminal and in compare.html, scientific in compare.csv', () => {
    const out = join(work, 'p');
    const result = cli(['compare', base, single, '--out', out], { env: { FORCE_COLOR: '0' } });
    expect(result.stdout).not.toMatch(/\s0\s+significant/);
    const rows = parse(readFileSync(join(out, 'compare.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const sl = rows.find((r) => r['figure'] === 'voice.serviceLevel')!;
    expect(sl['p']).toMatch(/^\d\.\d{3}e-\d+$/);
    expect(Number(sl['p'])).toBeGreaterThan(0);
    expect(Number(sl['p'])).toBeLessThan(1e-6);
    expect(sl['verdict']).toBe('worse');
    for (const row of rows) if (row['p'] !== '' && Number(row['p']) < 0.001) expect(row['p'], row['figure']).toMatch(/e-/);
    expect(readFileSync(join(out, 'compare.html'), 'utf8')).toMatch(/<td>voice\.serviceLevel<\/td>(<td>[^<]*<\/td>){3}<td>&lt; 1e-6<\/td>/);
  });

  it('says where it wrote compare.csv and compare.html', () => {
    const out = join(work, 'where');
    const result = cli(['compare', base, single, '--out', out], { env: { FORCE_COLOR: '0' } });
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(compareWrote(out));
  });
});
