// What `osh-sim sweep` tells a planner on the terminal: a table of each variant's charted
// figures (none with --quiet), and help texts that name the folder and page it really writes.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMULATION_HELP, SWEEP_METRIC_HELP } from '../../src/cli/messages.js';
import { type SweepFigures, renderSweepTable } from '../../src/cli/sweep-command.js';
import { ROOT, cli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'osh-sweep-print-'));
const scenario = join(ROOT, 'scenarios/erlang-c.yaml');
const GRID = ['--vary', 'agents.agents.count=13,14,15', '--replications', '2'];

interface SweepJson {
  vary: { path: string; values: unknown[] }[];
  variants: { variant: number; values: Record<string, unknown> }[];
  charted: { figure: string; variants: { mean: number | null }[] }[];
}

function figuresOf(folder: string): SweepFigures {
  const json = JSON.parse(readFileSync(join(folder, 'sweep.json'), 'utf8')) as SweepJson;
  return {
    varies: json.vary,
    variants: json.variants.map((v) => ({ index: v.variant, values: json.vary.map((x) => v.values[x.path]) })),
    charted: json.charted.map((c) => ({ name: c.figure, means: c.variants.map((m) => m.mean ?? Number.NaN) })),
  };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

describe('osh-sim sweep on the terminal', () => {
  it('prints each variant with its charted figures, as run prints its figures', () => {
    const out = join(work, 'table');
    const result = cli(['sweep', scenario, ...GRID, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const figures = figuresOf(out);
    expect(figures.charted.map((c) => c.name)).toEqual(['voice.serviceLevel', 'voice.asa', 'groups.agents.occupancy']);
    expect(result.stdout).toContain(renderSweepTable(figures));
    const rows = result.stdout.split('\n');
    expect(rows.find((l) => l.startsWith('variant '))).toMatch(/^variant\s+0\s+1\s+2$/);
    expect(rows.find((l) => l.startsWith('agents.count '))).toMatch(/^agents\.count\s+13\s+14\s+15$/);
    // Shares as percentages, rising with the agents; ASA in seconds, falling.
    const sl = rows.find((l) => l.startsWith('voice.serviceLevel '))!.split(/\s+/).slice(1).map((x) => Number(x.replace('%', '')));
    expect(sl).toHaveLength(3);
    expect(sl[0]!).toBeLessThan(sl[2]!);
    expect(rows.find((l) => l.startsWith('voice.serviceLevel '))).toMatch(/%$/);
  });

  it('splits a wide grid into tables that fit, every variant shown once', () => {
    const figures: SweepFigures = {
      varies: [{ path: 'agents.agents.count' }],
      variants: Array.from({ length: 30 }, (_, i) => ({ index: i, values: [10 + i] })),
      charted: [{ name: 'voice.serviceLevel', means: Array.from({ length: 30 }, (_, i) => i / 30) }],
    };
    const text = renderSweepTable(figures, 80);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const headers = text.split('\n').filter((l) => l.startsWith('variant'));
    expect(headers.length).toBeGreaterThan(1);
    expect(headers.flatMap((h) => h.split(/\s+/).slice(1)).map(Number)).toEqual(figures.variants.map((v) => v.index));
  });

  it('prints nothing with --quiet', () => {
    const result = cli(['sweep', scenario, ...GRID, '--out', join(work, 'quiet'), '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
  });
});

describe('osh-sim sweep --help', () => {
  it('names the folder and the page a sweep writes, and what it charts by default', () => {
    const help = collapse(cli(['sweep', '--help']).stdout);
    expect(help).toContain(collapse(SIMULATION_HELP.sweep.out));
    expect(help).toContain(collapse(SIMULATION_HELP.sweep.noCharts));
    expect(help).toContain(collapse(SWEEP_METRIC_HELP));
    expect(help).not.toContain('report.html');
    expect(help).not.toContain('(default: [])');
    const runHelp = collapse(cli(['run', '--help']).stdout);
    expect(runHelp).toContain(collapse(SIMULATION_HELP.run.out));
  });

  it('is true: without --out a sweep writes sweep.html into reports/<scenario name>.sweep', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'osh-sweep-cwd-'));
    const result = cli(['sweep', scenario, ...GRID, '--quiet'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(SIMULATION_HELP.sweep.out).toContain('reports/<scenario name>.sweep;');
    expect(existsSync(join(cwd, 'reports', 'erlang-c.sweep', 'sweep.html'))).toBe(true);
    expect(existsSync(join(cwd, 'reports', 'erlang-c'))).toBe(false);
  });
});
