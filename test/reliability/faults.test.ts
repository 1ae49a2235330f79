// Faults: Ctrl-C and SIGTERM in the middle of a sweep or run, a worker thread that dies, a sweep
// resumed after an interruption, and an --out that cannot be written. Whatever happens, an
// earlier report stays as it was, no half-written folder is left, and the message is one line.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/exit.js';
import { ROOT, cli, stackTraceLines, start } from '../helpers/cli.js';
import * as cliMessages from '../../src/cli/messages.js';
import * as reportMessages from '../../src/report/messages.js';

const SCENARIO = join(ROOT, 'scenarios', 'default.yaml');

/** Every file under a folder with its bytes, to prove a folder was left untouched. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name), 'base64');
    }
  };
  walk(folder, '');
  return files;
}

/** Waits until `ready()` holds (polling), or fails the test after `limitMs`. */
async function until(ready: () => boolean, limitMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const checkpointOf = (out: string) => join(dirname(out), `.${basename(out)}.checkpoint`);
const finishedReplications = (out: string) => (existsSync(checkpointOf(out)) ? readdirSync(checkpointOf(out)).filter((f) => /^v\d+-r\d+\.result$/.test(f)).length : 0);
const leftovers = (out: string) => readdirSync(dirname(out)).filter((f) => f.includes('.partial'));

describe('Ctrl-C and SIGTERM', () => {
  it('SIGINT to a running sweep stops it, keeps the earlier sweep folder as it was and leaves nothing half-written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'osh-sigint-')), 'sweep');
    const small = cli(['sweep', SCENARIO, '--vary', 'agents.blended.count=30,34', '--replications', '2', '--no-charts', '--quiet', '--out', out]);
    expect(small.status, small.stderr).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toContain('sweep.csv');

    // 4,000 replications: minutes of work, interrupted once a few are done.
    const { child, finished } = start(['sweep', SCENARIO, '--vary', 'agents.blended.count=30,34', '--replications', '2000', '--jobs', '2', '--no-charts', '--quiet', '--out', out]);
    await until(() => finishedReplications(out) >= 4, 60_000, 'the first finished replications');
    child.kill('SIGINT');
    const result = await finished;

    expect(result.status, result.stderr).toBe(130);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(cliMessages.interruptedNothingWritten('SIGINT'));
    const kept = Number(/\d+/.exec(lines[1] ?? '')?.[0]);
    expect(lines[1]).toBe(cliMessages.programLine(cliMessages.replicationsKept(kept)));
    expect(stackTraceLines(result.stderr)).toEqual([]);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
    expect(finishedReplications(out)).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('SIGTERM to a running run exits 143 and writes no report folder', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'osh-sigterm-')), 'run');
    const { child, finished } = start(['run', SCENARIO, '--replications', '2000', '--jobs', '1', '--no-charts', '--quiet', '--out', out]);
    // The staging folder appears as the run starts; the logs in it grow replication by replication.
    await until(() => leftovers(out).length === 1, 60_000, 'the staging folder');
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGTERM');
    const result = await finished;
    expect(result.status, result.stderr).toBe(143);
    expect(result.stderr.trim()).toBe(cliMessages.interruptedNothingWritten('SIGTERM'));
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);
  }, 120_000);
});

describe('sweep --resume', () => {
  it('reuses the replications an interrupted sweep finished and gives the same files as an uninterrupted sweep', async () => {
    const root = mkdtempSync(join(tmpdir(), 'osh-resume-'));
    const args = (out: string) => ['sweep', SCENARIO, '--vary', 'agents.blended.count=30,34', '--replications', '100', '--jobs', '2', '--no-charts', '--quiet', '--out', out];
    const out = join(root, 'resumed');
    const { child, finished } = start(args(out));
    await until(() => finishedReplications(out) >= 10, 60_000, 'ten finished replications');
    child.kill('SIGINT');
    expect((await finished).status).toBe(130);
    const kept = finishedReplications(out);
    expect(kept).toBeGreaterThanOrEqual(10);
    expect(kept).toBeLessThan(200);

    const resumed = cli([...args(out).filter((a) => a !== '--quiet'), '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(cliMessages.resuming(kept, 200));
    expect(existsSync(checkpointOf(out))).toBe(false);

    const fresh = join(root, 'fresh');
    expect(cli(args(fresh)).status).toBe(0);
    for (const file of ['sweep.csv', 'sweep.json']) {
      const strip = (text: string) => text.replace(/"(wallTimeSec|generatedAt)": [^,\n]+/g, '');
      expect(strip(readFileSync(join(out, file), 'utf8')), file).toBe(strip(readFileSync(join(fresh, file), 'utf8')));
    }
  }, 180_000);

  it('says how many it reused, and starts afresh when the scenario changed since', () => {
    const root = mkdtempSync(join(tmpdir(), 'osh-resume-plan-'));
    const scenario = join(root, 'day.yaml');
    writeFileSync(scenario, readFileSync(SCENARIO, 'utf8'));
    const out = join(root, 'sweep');
    const args = ['sweep', scenario, '--vary', 'agents.blended.count=30,34', '--replications', '3', '--no-charts', '--out', out, '--resume'];
    // A checkpoint left by an earlier plan (another scenario text) must not be mixed in.
    mkdirSync(checkpointOf(out));
    writeFileSync(join(checkpointOf(out), 'plan.json'), '{"scenarioSha256":"another"}');
    writeFileSync(join(checkpointOf(out), 'v0-r0.result'), 'not a result');
    const result = cli(args);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(cliMessages.resuming(0, 6));
    expect(existsSync(checkpointOf(out))).toBe(false);
  });
});

describe('a worker thread that dies', () => {
  for (const fault of ['worker-exit', 'worker-throw']) {
    it(`${fault}: the run fails with exit 3 and one clear line instead of hanging`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'osh-fault-')), 'run');
      const result = cli(['run', SCENARIO, '--jobs', '2', '--no-charts', '--quiet', '--out', out], { env: { OSH_SIM_FAULT: fault } });
      expect(result.status, result.stderr).toBe(3);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(fault === 'worker-exit' ? /a worker thread exited with code 70 before finishing its task/ : /a worker thread crashed: injected fault/);
      expect(existsSync(out)).toBe(false);
      expect(leftovers(out)).toEqual([]);
    });
  }
});

describe('an --out that cannot be written', () => {
  const refused = (out: string) => {
    const result = cli(['run', SCENARIO, '--replications', '1', '--no-charts', '--quiet', '--out', out]);
    expect(result.status, result.stderr).toBe(2);
    expect(stackTraceLines(result.stderr)).toEqual([]);
    return result.stderr.trim().split('\n');
  };

  it('naming an existing file: refused, and the file is left as it was', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'osh-file-')), 'taken');
    writeFileSync(file, 'not a folder');
    expect(refused(file)).toEqual([`${file}: ${reportMessages.cannotWriteReportFolder(reportMessages.folderProblem('EEXIST'))}`]);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('a full disk, a read-only or forbidden folder while writing: named as such, with the file', () => {
    const failure = (code: string) => Object.assign(new Error(`${code}: write '/reports/day/contacts.csv'`), { code, path: '/reports/day/contacts.csv' });
    const cases: [string, string][] = [
      ['ENOSPC', 'osh-sim: the disk is full (/reports/day/contacts.csv); nothing was written'],
      ['EACCES', 'osh-sim: permission denied (/reports/day/contacts.csv)'],
      ['EROFS', 'osh-sim: read-only file system (/reports/day/contacts.csv)'],
    ];
    for (const [code, message] of cases) {
      const lines: string[] = [];
      expect(reportError(failure(code), (line) => lines.push(line))).toBe(3);
      expect(lines).toEqual([message]);
    }
  });
});
