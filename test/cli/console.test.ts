// The table `run` prints: durations read in the unit people use (`5.2 min`, `1.5 h`), not
// thousands of seconds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/report/format.js';
import { ROOT, cli } from '../helpers/cli.js';

describe('the terminal table', () => {
  it('prints ASA and AHT in seconds, minutes or hours as they read best', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'osh-console-')), 'run');
    const result = cli(['run', join(ROOT, 'scenarios/default.yaml'), '--replications', '2', '--out', out, '--no-charts']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('channel'))!;
    expect(header).toMatch(/\bASA\s+abandoned\s+AHT\b/);
    const email = lines.find((l) => l.startsWith('email'))!;
    // Email's handle time (about 5 minutes) reads in minutes.
    expect(email).toMatch(/\s\d+(\.\d)? min\s/);
    const voice = lines.find((l) => l.startsWith('voice'))!;
    expect(voice).toMatch(/\s\d+(\.\d)? s\s/);
  });

  it('formats durations by size', () => {
    expect([0, 59.94, 119.9, 120, 5400, 7199, 7200, 14400, 90000].map((s) => formatDuration(s))).toEqual(['0 s', '59.9 s', '119.9 s', '2 min', '90 min', '120 min', '2 h', '4 h', '25 h']);
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
