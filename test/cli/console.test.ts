// The table `run` prints: durations read in the unit people use (`5.2 min`, `1.5 h`), not
// thousands of seconds; no service level for all channels when their thresholds differ.
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
    // Voice 20 s, chat 60 s, email 4 h: no service level for all channels together, as the report.
    expect(lines.find((l) => l.startsWith('all'))!.split(/\s+/).slice(0, 4)).toEqual(['all', expect.stringMatching(/^\d+\.\d$/), '-', '-']);
    expect(lines).toContain("all: no service level shown, the channels' thresholds differ (summary.csv has the mixed figure)");
  });

  it('prints the service level of all channels when they share one threshold', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'osh-console-')), 'run');
    const result = cli(['run', join(ROOT, 'scenarios/erlang-c.yaml'), '--replications', '2', '--out', out, '--no-charts']);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const voice = lines.find((l) => l.startsWith('voice'))!.split(/\s+/);
    expect(lines.find((l) => l.startsWith('all'))!.split(/\s+/)[2]).toBe(voice[2]);
    expect(result.stdout).not.toContain('no service level shown');
  });

  it('formats durations by size', () => {
    expect([0, 59.94, 119.9, 120, 5400, 7199, 7200, 14400, 90000].map((s) => formatDuration(s))).toEqual(['0 s', '59.9 s', '119.9 s', '2 min', '90 min', '120 min', '2 h', '4 h', '25 h']);
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});
