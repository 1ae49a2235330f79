// `--precision` and `--max-replications` from the command line: the same bytes whatever
// --jobs, the same figures as a fixed run of as many replications, the cap named with the
// figure left wide, and bad combinations refused (exit 2, one line, no stack trace).
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { precisionMessages } from '../../src/experiments/messages.js';
import { cli, stackTraceLines } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'osh-precision-'));
const scenario = join(work, 'small.yaml');
writeFileSync(
  scenario,
  `name: small
seed: 3
horizon: { intervalMinutes: 60, intervals: 4 }
warmupMinutes: 15
channels:
  voice:
    arrivals: { ratePerHour: 126 }
    talk: { dist: exponential, mean: 60 }
    serviceLevel: { thresholdSec: 20, target: 0.8 }
agents:
  - group: team
    count: 3
    channels: [voice]
`,
);
const BOUNDS = ['--precision', 'voice.serviceLevel=0.03', '--precision', 'asa=15%'];

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

describe('osh-sim run --precision', () => {
  const one = join(work, 'jobs1');
  const two = join(work, 'jobs2');
  beforeAll(() => {
    expect(cli(['run', scenario, ...BOUNDS, '--contacts', '--no-charts', '--quiet', '--jobs', '1', '--out', one]).status).toBe(0);
    expect(cli(['run', scenario, ...BOUNDS, '--contacts', '--no-charts', '--quiet', '--jobs', '2', '--out', two]).status).toBe(0);
  });

  it('gives the same bytes with --jobs 1 and --jobs 2', () => {
    const files = readdirSync(one).filter((f) => f !== 'run.json');
    expect(files).toContain('contacts.csv');
    expect(readdirSync(two).sort()).toEqual(readdirSync(one).sort());
    for (const file of files) expect(read(two, file), file).toBe(read(one, file));
    const a = JSON.parse(read(one, 'run.json'));
    const b = JSON.parse(read(two, 'run.json'));
    expect(b.precision).toEqual(a.precision);
  });

  it('stops when every figure is within its bound, and records the checks', () => {
    const run = JSON.parse(read(one, 'run.json'));
    expect(run.precision.met).toBe(true);
    expect(run.precision.checks[0]).toBe(10);
    expect(run.replications).toBe(run.precision.checks.at(-1));
    for (const f of run.precision.figures) expect(f.ci95).toBeLessThanOrEqual(f.allowed);
    // The contact log holds exactly the replications used, in order.
    const replications = read(one, 'contacts.csv').trim().split('\n').slice(1).map((line) => Number(line.split(',')[0]));
    expect(new Set(replications)).toEqual(new Set(Array.from({ length: run.replications }, (_, r) => r)));
    expect(replications).toEqual([...replications].sort((x, y) => x - y));
  });

  it('writes what a fixed run of as many replications writes', () => {
    const used = JSON.parse(read(one, 'run.json')).replications;
    const fixed = join(work, 'fixed');
    expect(cli(['run', scenario, '--replications', String(used), '--contacts', '--no-charts', '--quiet', '--out', fixed]).status).toBe(0);
    for (const file of readdirSync(fixed).filter((f) => f !== 'run.json')) expect(read(one, file), file).toBe(read(fixed, file));
  });

  it('stops at --max-replications and names the figure still wide', () => {
    const out = join(work, 'capped');
    const result = cli(['run', scenario, '--precision', 'voice.serviceLevel=0.001', '--max-replications', '12', '--no-charts', '--quiet', '--out', out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('--max-replications 12');
    expect(result.stderr).toContain('voice.serviceLevel ±');
    const run = JSON.parse(read(out, 'run.json'));
    expect(run.replications).toBe(12);
    expect(run.precision.met).toBe(false);
    expect(run.precision.checks).toEqual([10, 12]);
  });

  it('refuses bad combinations and unknown figures with exit 2 and one line', () => {
    const cases: [string[], string][] = [
      [['--max-replications', '20'], precisionMessages.capOnly()],
      [['--precision', 'voice.serviceLevel=0.01', '--shard', '1/2'], precisionMessages.withShard()],
      [['--precision', 'voice.serviceLevel=0.01', '--replications', '30', '--max-replications', '20'], precisionMessages.maxBelowMinimum(20, 30)],
      [['--precision', 'voice.servicelevel=0.01'], "did you mean 'voice.serviceLevel'"],
      [['--precision', 'voice.serviceLevel=0'], precisionMessages.badBound('voice.serviceLevel=0')],
    ];
    for (const [args, message] of cases) {
      const result = cli(['run', scenario, ...args, '--out', join(work, 'refused'), '--quiet']);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(stackTraceLines(result.stderr)).toEqual([]);
    }
  });
});

describe('sweep and check --precision', () => {
  it('sweep: each variant stops on its own, the same bytes with --jobs 1 and --jobs 2', () => {
    const outs = ['1', '2'].map((jobs) => {
      const out = join(work, `sweep-${jobs}`);
      const result = cli(['sweep', scenario, '--vary', 'agents.team.count=3,4', '--precision', 'voice.serviceLevel=0.03', '--no-charts', '--quiet', '--jobs', jobs, '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      return out;
    });
    for (const file of ['sweep.csv', 'sweep.json']) expect(read(outs[1]!, file), file).toBe(read(outs[0]!, file));
    const sweep = JSON.parse(read(outs[0]!, 'sweep.json'));
    expect(sweep.replications).toBeGreaterThanOrEqual(10);
    // Each variant says how many replications it took; the top-level count is the most of them.
    const counts: number[] = sweep.variants.map((v: { replications: number }) => v.replications);
    for (const n of counts) expect(n).toBeGreaterThanOrEqual(10);
    expect(Math.max(...counts)).toBe(sweep.replications);
    expect(new Set(counts).size, 'the two variants stop apart').toBe(2);
  });

  it('check: judges after the named figures are precise enough', () => {
    const result = cli(['check', scenario, '--precision', 'voice.serviceLevel=0.03']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/replications to precision/);
    const unknown = cli(['check', scenario, '--precision', 'chat.serviceLevel=0.03']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("'chat.serviceLevel' is not a figure");
  });
});

