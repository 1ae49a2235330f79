// `osh-sim report` on a sweep's folder re-renders its charts and sweep.html from sweep.json,
// byte for byte what the sweep wrote; a tampered sweep.json is refused by field path with the
// folder left as it was; a shard folder is sent to `osh-sim merge`.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_ON_SHARD, reportRendered } from '../../src/cli/messages.js';
import { ROOT, cli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'osh-render-sweep-'));
const scenario = join(ROOT, 'scenarios/erlang-c.yaml');
const GRID = ['--vary', 'agents.agents.count=13,14,15', '--replications', '2', '--quiet'];
const charted = join(work, 'charted');
const bare = join(work, 'bare');

const files = (folder: string) => [...readdirSync(folder).filter((f) => f !== 'charts'), ...readdirSync(join(folder, 'charts')).map((f) => `charts/${f}`)].sort();

describe('osh-sim report on a sweep folder', () => {
  beforeAll(() => {
    expect(cli(['sweep', scenario, ...GRID, '--out', charted]).status).toBe(0);
    expect(cli(['sweep', scenario, ...GRID, '--out', bare, '--no-charts']).status).toBe(0);
  });

  it('re-renders charts and sweep.html exactly as the sweep wrote them', () => {
    const again = join(work, 'again');
    cpSync(charted, again, { recursive: true });
    const result = cli(['report', again]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(reportRendered(again, 3, 'sweep.html'));
    expect(files(again)).toEqual(files(charted));
    for (const file of files(charted)) expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(charted, file), 'utf8'));
  });

  it('draws the charts and the page of a sweep written with --no-charts', () => {
    expect(existsSync(join(bare, 'sweep.html'))).toBe(false);
    const result = cli(['report', bare]);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(bare, 'sweep.html'), 'utf8')).toBe(readFileSync(join(charted, 'sweep.html'), 'utf8'));
    expect(readdirSync(bare).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses a tampered sweep.json by field path, and leaves the folder as it was', () => {
    const tampered = join(work, 'tampered');
    cpSync(charted, tampered, { recursive: true });
    const json = JSON.parse(readFileSync(join(tampered, 'sweep.json'), 'utf8'));
    json.charted[0].variants.pop();
    json.charted[1].variants[0].mean = '<b>7</b>';
    json.variants[2].values = {};
    writeFileSync(join(tampered, 'sweep.json'), JSON.stringify(json));
    const result = cli(['report', tampered]);
    expect(result.status).toBe(2);
    const file = join(tampered, 'sweep.json');
    expect(result.stderr.trim().split('\n')).toEqual([
      `${file}: variants[2].values: must give a number, text or boolean for 'agents.agents.count'`,
      `${file}: charted[0].variants: must hold one figure per variant (3)`,
      `${file}: charted[1].variants[0]: must be { mean, ci95 }, each a number or null`,
    ]);
    expect(files(tampered)).toEqual(files(charted));
    expect(readFileSync(join(tampered, 'sweep.html'), 'utf8')).toBe(readFileSync(join(charted, 'sweep.html'), 'utf8'));
  });

  it('sends a shard folder to osh-sim merge', () => {
    const shard = join(work, 'shard');
    expect(cli(['sweep', scenario, ...GRID, '--shard', '1/2', '--out', shard]).status).toBe(0);
    const result = cli(['report', shard]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`${shard}: ${REPORT_ON_SHARD}`);
  });
});
