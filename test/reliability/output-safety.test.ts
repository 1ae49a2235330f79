// Output safety: osh-sim replaces only folders it wrote, never the folder it runs in or a
// folder it reads; never writes through a link; checks every value it reads back from a
// folder; refuses a tampered shard; one writer per folder; Ctrl-C heard during a long
// replication or Erlang search on the main thread; and nothing half-written is left behind.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as cliMessages from '../../src/cli/messages.js';
import { reportMessages } from '../../src/report/messages.js';
import { ROOT, cli, stackTraceLines, start } from '../helpers/cli.js';

const small = readFileSync(join(ROOT, 'scenarios/erlang-c.yaml'), 'utf8').replace('intervals: 240', 'intervals: 4').replace('replications: 10', 'replications: 2');

function workdir(): string {
  const root = mkdtempSync(join(tmpdir(), 'osh-out-'));
  writeFileSync(join(root, 'small.yaml'), small);
  return root;
}

/** Every file under a folder with a hash of its bytes, to prove a folder was left untouched. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = join(folder, name);
    if (lstatSync(path).isFile()) files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

/** Staging folders, lock files and checkpoints left anywhere below `root`. */
function leftovers(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => /\.partial|\.lock$|\.checkpoint$|\.previous$/.test(p));
}

function refusal(result: { status: number; stderr: string }): string {
  expect(result.status, result.stderr).toBe(2);
  expect(stackTraceLines(result.stderr)).toEqual([]);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  return lines[0]!;
}

async function until(ready: () => boolean, limitMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('--out replaces only a folder osh-sim wrote', () => {
  it("refuses a user's folder (its thesis.txt stays) and leaves nothing behind", () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'docs'));
    writeFileSync(join(cwd, 'docs', 'thesis.txt'), 'years of work');
    const line = refusal(cli(['run', 'small.yaml', '--out', 'docs', '--no-charts', '--quiet'], { cwd }));
    expect(line).toBe(`docs: ${reportMessages.outNotOurs()}`);
    expect(readFileSync(join(cwd, 'docs', 'thesis.txt'), 'utf8')).toBe('years of work');
    expect(readdirSync(join(cwd, 'docs'))).toEqual(['thesis.txt']);
    expect(leftovers(cwd)).toEqual([]);
  });

  it('replaces its own earlier run folder, and writes into a new or empty folder', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'empty'));
    for (const out of ['new', 'empty', 'new']) {
      const result = cli(['run', 'small.yaml', '--out', out, '--no-charts', '--quiet'], { cwd });
      expect(result.status, result.stderr).toBe(0);
      expect(readdirSync(join(cwd, out))).toContain('run.json');
    }
    expect(leftovers(cwd)).toEqual([]);
  });

  it('a run.json of another shape does not make a folder ours', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'app'));
    writeFileSync(join(cwd, 'app', 'run.json'), '{"script": "npm start"}');
    const line = refusal(cli(['run', 'small.yaml', '--out', 'app', '--no-charts', '--quiet'], { cwd }));
    expect(line).toBe(`app: ${reportMessages.outNotOurs()}`);
    expect(readFileSync(join(cwd, 'app', 'run.json'), 'utf8')).toBe('{"script": "npm start"}');
  });

  for (const out of ['.', '..', '/']) {
    it(`refuses --out ${out} with one line`, () => {
      const cwd = workdir();
      const line = refusal(cli(['run', 'small.yaml', '--out', out, '--no-charts', '--quiet'], { cwd }));
      expect(line).toBe(`${out}: ${reportMessages.outIsNotAFolderName(out)}`);
      expect(readdirSync(cwd)).toEqual(['small.yaml']);
    });
  }

  it('refuses --out "" with one line', () => {
    const cwd = workdir();
    expect(refusal(cli(['run', 'small.yaml', '--out', '', '--no-charts', '--quiet'], { cwd }))).toBe(`--out: ${reportMessages.outIsEmpty()}`);
  });

  it('refuses an --out that is a link, and writes nothing through it', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'elsewhere'));
    symlinkSync(join(cwd, 'elsewhere'), join(cwd, 'linked'));
    expect(refusal(cli(['run', 'small.yaml', '--out', 'linked', '--no-charts', '--quiet'], { cwd }))).toBe(`linked: ${reportMessages.outIsLink()}`);
    expect(readdirSync(join(cwd, 'elsewhere'))).toEqual([]);
  });

  it('compare A B --out A (or a folder holding A) is refused before anything is written; A stays', () => {
    const cwd = workdir();
    for (const out of ['runs/A', 'runs/B']) expect(cli(['run', 'small.yaml', '--out', out, '--no-charts', '--quiet'], { cwd }).status).toBe(0);
    const before = snapshot(join(cwd, 'runs', 'A'));
    expect(refusal(cli(['compare', 'runs/A', 'runs/B', '--out', 'runs/A'], { cwd }))).toBe(`runs/A: ${reportMessages.outHoldsInput('runs/A')}`);
    expect(refusal(cli(['compare', 'runs/A', 'runs/B', '--out', 'runs/B/'], { cwd }))).toBe(`runs/B/: ${reportMessages.outHoldsInput('runs/B')}`);
    expect(refusal(cli(['compare', 'runs/A', 'runs/B', '--out', 'runs'], { cwd }))).toBe(`runs: ${reportMessages.outHoldsInput('runs/A')}`);
    expect(snapshot(join(cwd, 'runs', 'A'))).toEqual(before);
    const ok = cli(['compare', 'runs/A', 'runs/B', '--out', 'cmp'], { cwd });
    expect(ok.status, ok.stderr).toBe(0);
    // A comparison folder is osh-sim's own: compared again, it is replaced.
    expect(cli(['compare', 'runs/A', 'runs/B', '--out', 'cmp'], { cwd }).status).toBe(0);
    expect(leftovers(cwd)).toEqual([]);
  });
});

describe('osh-sim report never writes through a link', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = workdir();
    const result = cli(['run', 'small.yaml', '--out', 'R', '--quiet'], { cwd });
    expect(result.status, result.stderr).toBe(0);
  }, 120_000);

  for (const planted of ['.report.html.partial', 'report.html', 'charts', 'charts/x.svg', '.charts.partial']) {
    it(`refuses a folder with a planted link ${planted}, and the link's target is untouched`, () => {
      const folder = join(mkdtempSync(join(tmpdir(), 'osh-link-')), 'R');
      execFileSync('cp', ['-r', join(cwd, 'R'), folder]);
      const victim = join(dirname(folder), 'victim.txt');
      writeFileSync(victim, 'do not touch');
      const at = join(folder, planted);
      execFileSync('rm', ['-rf', at]);
      symlinkSync(planted === 'charts' ? dirname(folder) : victim, at);
      const line = refusal(cli(['report', folder]));
      expect(line).toBe(`${folder}: ${reportMessages.holdsLink(planted)}`);
      expect(readFileSync(victim, 'utf8')).toBe('do not touch');
      expect(readdirSync(folder).filter((f) => f.includes('.partial') && f !== planted)).toEqual([]);
    });
  }

  it('re-renders a clean folder and leaves no staging folder', () => {
    const result = cli(['report', 'R'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(join(cwd, 'R')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('values read back from a report folder are checked for their type', () => {
  let base: string;
  beforeAll(() => {
    base = workdir();
    const result = cli(['run', 'small.yaml', '--out', 'R', '--no-charts', '--quiet'], { cwd: base });
    expect(result.status, result.stderr).toBe(0);
  }, 120_000);

  type Json = Record<string, unknown>;
  const json = (edit: (j: Json) => void) => (text: string) => {
    const j = JSON.parse(text) as Json;
    edit(j);
    return JSON.stringify(j);
  };
  const firstChannel = (j: Json) => (j['channels'] as Record<string, Json>)['voice']!;
  const firstGroup = (j: Json) => Object.values(j['groups'] as Record<string, Json>)[0]!;
  // [file, edit, field named in the message]
  const cases: [string, (text: string) => string, string][] = [
    ['run.json', json((j) => (j['eventsSimulated'] = '<script>alert(1)</script>')), 'eventsSimulated'],
    ['run.json', json((j) => (j['wallTimeSec'] = 'slow')), 'wallTimeSec'],
    ['run.json', json((j) => (j['version'] = 7)), 'version'],
    ['run.json', json((j) => (j['command'] = ['osh-sim'])), 'command'],
    ['run.json', json((j) => (j['seed'] = { $gt: 1 })), 'seed'],
    ['run.json', json((j) => (j['replications'] = -1)), 'replications'],
    ['run.json', json((j) => (j['jobs'] = 1.5)), 'jobs'],
    ['run.json', json((j) => (j['scenarioFile'] = null)), 'scenarioFile'],
    ['run.json', json((j) => (j['node'] = 20)), 'node'],
    ['run.json', json((j) => (j['contactsSimulated'] = '9')), 'contactsSimulated'],
    ['run.json', () => '[1, 2]', '(whole file)'],
    ['summary.json', json((j) => (j['scenario'] = { toString: 'x' })), 'scenario'],
    ['summary.json', json((j) => (j['description'] = 5)), 'description'],
    ['summary.json', json((j) => (j['seed'] = '1; rm -rf /')), 'seed'],
    ['summary.json', json((j) => (j['replications'] = 'ten')), 'replications'],
    ['summary.json', json((j) => (j['channels'] = 'voice')), 'channels'],
    ['summary.json', json((j) => (firstChannel(j)['serviceLevel'] = { mean: '<b>0.8</b>', ci95: 0.01 })), 'channels.voice.serviceLevel.mean'],
    ['summary.json', json((j) => (firstChannel(j)['asa'] = { mean: 1, ci95: [] })), 'channels.voice.asa.ci95'],
    ['summary.json', json((j) => (firstChannel(j)['serviceLevelTarget'] = 'high')), 'channels.voice.serviceLevelTarget'],
    ['summary.json', json((j) => (firstGroup(j)['occupancy'] = 0.9)), '.occupancy'],
    ['summary.json', json((j) => (j['sessions'] = [])), 'sessions'],
    ['summary.json', json((j) => (j['elevations'] = { 'voice>email': { mean: 1, ci95: 0, n: 'two' } })), 'elevations.voice>email.n'],
    ['summary.json', json((j) => (j['timeline'] = { from: 0, to: '1h', label: 'x' })), 'timeline.to'],
    ['intervals.csv', (t) => t.replace(/\n([^,\n]*),([^,\n]*),([^,\n]*),[^,\n]*/, '\n$1,$2,$3,<img src=x>'), 'line 2: column offered'],
    ['groups.csv', (t) => t.replace(/\n([^,\n]*),([^,\n]*),([^,\n]*),[^,\n]*/, '\n$1,$2,$3,12abc'), 'line 2: column agents'],
    ['run.json', () => '{"version": ', 'not valid JSON'],
  ];

  for (const [file, edit, field] of cases) {
    it(`${file}: ${field}`, () => {
      const folder = join(mkdtempSync(join(tmpdir(), 'osh-tamper-')), 'R');
      execFileSync('cp', ['-r', join(base, 'R'), folder]);
      writeFileSync(join(folder, file), edit(readFileSync(join(folder, file), 'utf8')));
      const result = cli(['report', folder]);
      expect(result.status, result.stderr).toBe(2);
      expect(stackTraceLines(result.stderr)).toEqual([]);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toContain(field);
      expect(existsSync(join(folder, 'report.html'))).toBe(false);
      // compare reads folders the same way.
      const compared = cli(['compare', folder, join(base, 'R'), '--out', join(dirname(folder), 'cmp')]);
      expect(compared.status, compared.stderr).toBe(2);
      expect(compared.stderr).toContain(field);
    });
  }
});

describe('a tampered shard.json is refused by merge', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = workdir();
    for (const i of [1, 2]) {
      const result = cli(['run', 'small.yaml', '--shard', `${i}/2`, '--out', `s${i}`, '--no-charts', '--quiet'], { cwd });
      expect(result.status, result.stderr).toBe(0);
    }
  }, 120_000);

  type Json = Record<string, unknown>;
  const cases: [string, (j: Json) => void, string][] = [
    ['a changed scenario text (a trace path smuggled in)', (j) => (j['scenarioText'] = String(j['scenarioText']).replace('voice:', 'voice:\n    # edited')), reportMessages.hashMismatch('scenarioSha256', 'scenarioText')],
    ['an edited figure', (j) => ((j['results'] as Json[])[0]!['events'] = 123), reportMessages.hashMismatch('resultsSha256', 'results')],
    ['a shard count of 3e7', (j) => (j['shard'] = { index: 1, count: 30_000_000 }), 'shard.count'],
    ['a text where a number belongs', (j) => (j['wallTimeSec'] = '<script>'), 'wallTimeSec'],
    ['tasks and results of different lengths', (j) => (j['tasks'] = []), 'results'],
    ['a kind of its own', (j) => (j['kind'] = 'rm'), 'kind'],
  ];
  for (const [what, edit, expected] of cases) {
    it(what, () => {
      const copy = mkdtempSync(join(tmpdir(), 'osh-shard-'));
      execFileSync('cp', ['-r', join(cwd, 's1'), join(cwd, 's2'), copy]);
      const file = join(copy, 's1', 'shard.json');
      const j = JSON.parse(readFileSync(file, 'utf8')) as Json;
      edit(j);
      writeFileSync(file, JSON.stringify(j));
      const started = Date.now();
      const result = cli(['merge', join(copy, 's1'), join(copy, 's2'), '--out', join(copy, 'merged'), '--no-charts']);
      expect(result.status, result.stderr).toBe(2);
      expect(stackTraceLines(result.stderr)).toEqual([]);
      expect(result.stderr).toContain('shard.json');
      expect(result.stderr).toContain(expected);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(existsSync(join(copy, 'merged'))).toBe(false);
      expect(leftovers(copy)).toEqual([]);
    });
  }

  it('merge --out naming a shard folder is refused (the shard stays)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'osh-shard-'));
    execFileSync('cp', ['-r', join(cwd, 's1'), join(cwd, 's2'), copy]);
    const s1 = join(copy, 's1');
    expect(refusal(cli(['merge', s1, join(copy, 's2'), '--out', s1, '--no-charts']))).toBe(`${s1}: ${reportMessages.outHoldsInput(s1)}`);
    expect(existsSync(join(s1, 'shard.json'))).toBe(true);
  });

  it('untampered shards still merge', () => {
    const result = cli(['merge', 's1', 's2', '--out', 'merged', '--no-charts'], { cwd });
    expect(result.status, result.stderr).toBe(0);
  });
});

describe('one writer per folder, and a checkpoint that cannot be saved', () => {
  const sweepArgs = (out: string, replications: string, jobs = '2', scenario = 'small.yaml') => ['sweep', scenario, '--vary', 'agents.agents.count=9,10', '--replications', replications, '--jobs', jobs, '--no-charts', '--quiet', '--out', out];

  it('a second sweep on the same --out is refused while the first holds it; the first finishes', async () => {
    const cwd = workdir();
    writeFileSync(join(cwd, 'small.yaml'), small.replace('intervals: 4', 'intervals: 96'));
    const first = start(sweepArgs(join(cwd, 'S'), '5000', '2', join(cwd, 'small.yaml')));
    await until(() => existsSync(join(cwd, '.S.lock')), 60_000, 'the first sweep to take the folder');
    const second = cli(sweepArgs('S', '2'), { cwd });
    const pid = first.child.pid!;
    expect(refusal(second)).toBe(`S: ${reportMessages.locked(pid)}`);
    first.child.kill('SIGINT');
    const result = await first.finished;
    expect(result.status, result.stderr).toBe(130);
    expect(readdirSync(cwd).filter((f) => f.includes('.partial') || f.endsWith('.lock'))).toEqual([]);
  }, 120_000);

  it('a lock left by a process that no longer runs is taken over', () => {
    const cwd = workdir();
    // A pid that cannot be running: beyond the kernel's pid range.
    writeFileSync(join(cwd, '.S.lock'), '4194305\n');
    const result = cli(sweepArgs('S', '2'), { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(leftovers(cwd)).toEqual([]);
  });

  for (const jobs of ['1', '2']) {
    it(`a full disk while saving the checkpoint (--jobs ${jobs}): one line, exit 3, no staging or checkpoint left`, () => {
      const cwd = workdir();
      const result = cli(sweepArgs('S', '4', jobs), { cwd, env: { OSH_SIM_FAULT: 'checkpoint-full' } });
      expect(result.status, result.stderr).toBe(3);
      expect(stackTraceLines(result.stderr)).toEqual([]);
      expect(result.stderr.trim().split('\n')).toEqual([`osh-sim: the disk is full (.S.checkpoint); nothing was written`]);
      expect(readdirSync(cwd)).toEqual(['small.yaml']);
    });
  }
});

describe('signals', () => {
  // One replication of many events: seconds of work on the main thread with --jobs 1.
  const long = small.replace('intervals: 4', 'intervals: 20000').replace('replications: 2', 'replications: 1').replace('ratePerHour: 200', 'ratePerHour: 1000').replace('count: 14', 'count: 70');

  /** Waits for the process to end; one that ignores the signal is killed after `limitMs`. */
  async function endOf(run: ReturnType<typeof start>, limitMs = 10_000) {
    const timer = setTimeout(() => run.child.kill('SIGKILL'), limitMs);
    try {
      return await run.finished;
    } finally {
      clearTimeout(timer);
    }
  }

  it('Ctrl-C stops a replication running on the main thread (--jobs 1) within a second', async () => {
    const cwd = workdir();
    writeFileSync(join(cwd, 'long.yaml'), long);
    const run = start(['run', join(cwd, 'long.yaml'), '--jobs', '1', '--no-charts', '--quiet', '--out', join(cwd, 'L')]);
    await until(() => readdirSync(cwd).some((f) => f.includes('.partial')), 60_000, 'the run to start');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = Date.now();
    run.child.kill('SIGINT');
    const result = await endOf(run);
    expect(Date.now() - sent).toBeLessThan(1500);
    expect(result.status, result.stderr).toBe(130);
    expect(result.stderr.trim()).toBe(cliMessages.interruptedNothingWritten('SIGINT'));
    expect(readdirSync(cwd)).toEqual(['long.yaml', 'small.yaml']);
  }, 120_000);

  // SIGTERM has no watchdog of its own: the replication runs in slices so the handler gets a turn.
  for (const jobs of ['1', '2']) {
    it(`SIGTERM stops a replication running on the main thread (--jobs ${jobs}) within a second`, async () => {
      const cwd = workdir();
      writeFileSync(join(cwd, 'long.yaml'), long.replace('replications: 1', 'replications: 2'));
      const run = start(['run', join(cwd, 'long.yaml'), '--jobs', jobs, '--no-charts', '--quiet', '--out', join(cwd, 'L')]);
      await until(() => readdirSync(cwd).some((f) => f.includes('.partial')), 60_000, 'the run to start');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const sent = Date.now();
      run.child.kill('SIGTERM');
      const result = await endOf(run);
      expect(Date.now() - sent).toBeLessThan(1500);
      expect(result.status, result.stderr).toBe(143);
      expect(result.stderr.trim()).toBe(cliMessages.interruptedNothingWritten('SIGTERM'));
      expect(readdirSync(cwd)).toEqual(['long.yaml', 'small.yaml']);
    }, 120_000);
  }

  // The largest load the calculator takes, in Erlang A: a search of over a minute.
  for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal} stops erlang --target on a huge load within a second`, async () => {
      const search = start(['erlang', '--calls', '5.9e6', '--aht', '300', '--patience', '60', '--target', '0.8']);
      // Past start-up (on a busy machine loading the modules takes a while), into the search.
      await new Promise((resolve) => setTimeout(resolve, 4000));
      const sent = Date.now();
      search.child.kill(signal);
      const result = await endOf(search);
      expect(Date.now() - sent).toBeLessThan(1500);
      expect(result.status, result.stderr).toBe(status);
    }, 60_000);
  }

  it('a late Ctrl-C says truly whether the report was written: the folder is the old one or a whole new one', async () => {
    const cwd = workdir();
    const args = ['run', 'small.yaml', '--quiet', '--out', 'R'];
    expect(cli(args, { cwd }).status).toBe(0);
    // A folder is replaced whole (the staging folder renamed over it): a new one is another
    // directory. Its files may read the same as the old ones (a small run's wall time, to the
    // millisecond, and peak memory can repeat).
    const folderId = () => statSync(join(cwd, 'R')).ino;
    let before = snapshot(join(cwd, 'R'));
    let beforeId = folderId();
    // Interrupted as the last files are written and the charts rendered, at several moments.
    for (const delayMs of [0, 20, 60, 150, 300]) {
      const run = start(args.map((a) => (a === 'small.yaml' ? join(cwd, a) : a === 'R' ? join(cwd, 'R') : a)));
      await until(() => readdirSync(cwd).some((f) => f.includes('.partial') && existsSync(join(cwd, f, 'run.json'))) || run.child.exitCode !== null, 60_000, 'the final writes');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      run.child.kill('SIGINT');
      const result = await run.finished;
      const after = snapshot(join(cwd, 'R'));
      const afterId = folderId();
      if (result.status === 0) {
        // Finished before the signal came: the new folder is the one to keep.
        expect(afterId).not.toBe(beforeId);
        before = after;
        beforeId = afterId;
        continue;
      }
      expect(result.status, result.stderr).toBe(130);
      const line = result.stderr.trim().split('\n')[0];
      if (line === cliMessages.interruptedNothingWritten('SIGINT')) {
        expect(after).toEqual(before);
        expect(afterId).toBe(beforeId);
      } else {
        expect(line).toBe(cliMessages.interruptedAfterWriting('SIGINT', [join(cwd, 'R')]));
        expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
        expect(afterId).not.toBe(beforeId);
        before = after;
        beforeId = afterId;
      }
      expect(leftovers(cwd)).toEqual([]);
    }
  }, 240_000);

  it('a Ctrl-C as the command ends is heard or comes too late, never left unhandled', async () => {
    // Sent as the run prints its last lines: the process either hears it (exit 130, the report
    // said to be written) or ends first (exit 0). Left to end by itself, Node stopped hearing
    // signals some 10 ms before the process ended, and a Ctrl-C then killed it unhandled.
    const cwd = workdir();
    for (let i = 0; i < 12; i++) {
      const run = start(['run', join(cwd, 'small.yaml'), '--out', join(cwd, 'R')]);
      run.child.stdout!.once('data', () => run.child.kill('SIGINT'));
      const result = await run.finished;
      expect(result.signal, `run ${i}: ${result.stderr}`).toBeNull();
      if (result.status === 130) expect(result.stderr.trim()).toBe(cliMessages.interruptedAfterWriting('SIGINT', [join(cwd, 'R')]));
      else expect(result.status, result.stderr).toBe(0);
    }
  }, 240_000);
});

describe('the command line', () => {
  it(`--jobs above the cores available is capped at them, and says so`, () => {
    const cwd = workdir();
    const cores = availableParallelism();
    const result = cli(['run', 'small.yaml', '--jobs', '256', '--out', 'R', '--no-charts', '--quiet'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim()).toBe(cliMessages.jobsCapped(256, cores));
    expect(JSON.parse(readFileSync(join(cwd, 'R', 'run.json'), 'utf8')).jobs).toBe(Math.min(cores, 2));
  });

  it('--junit naming a folder is refused before anything runs', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'out'));
    expect(refusal(cli(['check', 'small.yaml', '--junit', 'out'], { cwd }))).toBe(`out: ${cliMessages.junitIsFolder()}`);
  });

  it('a loop of links under check is one line, exit 2', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'suite'));
    symlinkSync('loop-b.yaml', join(cwd, 'suite', 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(cwd, 'suite', 'loop-b.yaml'));
    expect(refusal(cli(['check', 'suite'], { cwd }))).toBe(`${join('suite', 'loop-a.yaml')}: ${cliMessages.linkLoop()}`);
    expect(refusal(cli(['check', 'suite/loop-a.yaml'], { cwd }))).toBe(`suite/loop-a.yaml: ${cliMessages.linkLoop()}`);
  });

  it('a folder linking back up the tree is walked once, not forever', () => {
    const cwd = workdir();
    mkdirSync(join(cwd, 'suite'));
    writeFileSync(join(cwd, 'suite', 'small.yaml'), small);
    symlinkSync('..', join(cwd, 'suite', 'up'));
    const result = cli(['check', 'suite', '--replications', '2'], { cwd });
    expect([0, 1], result.stderr).toContain(result.status);
    // suite/up is the working folder: its small.yaml is run, suite/ is not walked again.
    expect(result.stdout).toMatch(/\(2 scenarios, 4 replications/);
  });

  it('a file with 125,000 problems prints a screenful and a count of the rest', () => {
    const cwd = workdir();
    const fields = Array.from({ length: 125_000 }, (_, i) => `    x${i}: 1`).join('\n');
    writeFileSync(join(cwd, 'many.yaml'), small.replace(/(\n {2}voice:\n)/, `$1${fields}\n`));
    for (const command of ['validate', 'run']) {
      const result = cli([command, 'many.yaml'], { cwd });
      expect(result.status, result.stderr).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(21);
      expect(lines[20]).toBe(cliMessages.moreProblems(124_980));
    }
  });
});
