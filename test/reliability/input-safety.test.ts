// Input safety: what a careless user or an attacker can hand osh-sim. Only regular files are
// read, and their bytes counted as they arrive (devices, pipes); traces come from beside the
// scenario or below a --trace-root; messages never echo more than a short excerpt; chains of
// elevations end; a queue that runs away stops with one line; every documented limit holds at
// the limit and refuses just above it; names from the prototype chain are plain names.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runawayQueue } from '../../src/center/messages.js';
import { ContactCenter } from '../../src/center/center.js';
import { simulate } from '../../src/center/simulate.js';
import { erlangLoadTooLarge } from '../../src/cli/messages.js';
import { MAX_ERLANG_LOAD, erlangReport } from '../../src/cli/erlang-command.js';
import { UsageError } from '../../src/cli/exit.js';
import { InputError, SimulationError } from '../../src/errors.js';
import { withOverrides } from '../../src/experiments/run.js';
import { agentsCsv, intervalsCsv } from '../../src/report/summary-files.js';
import {
  certainElevationCycle,
  notARegularFile,
  replicationFiguresLimit,
  traceOutsideFolders,
} from '../../src/scenario/messages.js';
import { intervalLabels } from '../../src/scenario/model.js';
import { readScenario, scenarioFromText } from '../../src/scenario/read.js';
import { LIMITS } from '../../src/scenario/schema.js';
import { setField } from '../../src/scenario/vary.js';
import { AGENT_METRICS } from '../../src/stats/metrics.js';
import { summarizeRun } from '../../src/stats/summary.js';
import { cli, stackTraceLines } from '../helpers/cli.js';
import { scenarioOf } from '../helpers/scenarios.js';

const work = mkdtempSync(join(tmpdir(), 'osh-input-'));

function folder(name: string): string {
  const path = join(work, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/** One voice channel replaying `trace` (a path as written in the scenario). */
function tracedScenario(trace: string): string {
  return [
    'name: traced',
    'horizon: { intervalMinutes: 30, intervals: 4, start: "08:00" }',
    'replications: 1',
    'channels:',
    '  voice:',
    `    arrivals: { trace: ${JSON.stringify(trace)} }`,
    '    talk: { dist: exponential, mean: 120 }',
    'agents:',
    '  - { group: a, count: 3, channels: [voice] }',
    '',
  ].join('\n');
}

function refusal(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError, but it was accepted');
}

const elevating = (policies: string): string =>
  [
    'name: elevating',
    'horizon: { intervalMinutes: 60, intervals: 2 }',
    'channels:',
    '  voice: { arrivals: { ratePerHour: 10 }, talk: { dist: fixed, value: 60 } }',
    '  email: { arrivals: { ratePerHour: 1 }, work: { dist: fixed, value: 60 } }',
    'agents:',
    '  - { group: team, count: 3, channels: [voice, email], profile: p }',
    'osh:',
    '  profiles: { p: { maxPerChannel: { voice: 1, email: 3 } } }',
    '  elevation:',
    '    policies:',
    policies,
    '',
  ].join('\n');

describe('elevation chains that never end', () => {
  it('refuses voice > email and email > voice, both certain at the end, when the scenario is read (validate exit 2)', () => {
    const text = elevating(['      - { from: voice, to: email, probability: 1, after: end }', '      - { from: email, to: voice, probability: 1, after: end, origin: continue }'].join('\n'));
    const file = join(folder('cycle'), 'cycle.yaml');
    writeFileSync(file, text);
    const error = refusal(() => readScenario(file));
    const expected = certainElevationCycle([
      { index: 0, from: 'voice', to: 'email' },
      { index: 1, from: 'email', to: 'voice' },
    ]);
    expect(error.issues).toEqual([{ path: 'osh.elevation.policies[0].probability', message: expected }]);
    const result = cli(['validate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`${file}: osh.elevation.policies[0].probability: ${expected}`);
  });

  it('accepts the same cycle when one link is uncertain (the depth bound ends it)', () => {
    const text = elevating(['      - { from: voice, to: email, probability: 1, after: end }', '      - { from: email, to: voice, probability: 0.9, after: end }'].join('\n'));
    expect(scenarioFromText(text, join(work, 'uncertain.yaml')).elevation.policies).toHaveLength(2);
  });
});

describe('only regular files are read, bytes counted as they arrive', () => {
  const scenarioFolder = folder('devices');
  const file = join(scenarioFolder, 'device.yaml');

  it('refuses /dev/zero and /dev/urandom as a scenario at once', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const error = refusal(() => readScenario(device));
      expect(error.issues).toEqual([{ path: '', message: notARegularFile('scenario') }]);
    }
  });

  it('refuses /dev/zero and /dev/urandom as a trace, even below a --trace-root', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      writeFileSync(file, tracedScenario(device));
      const error = refusal(() => readScenario(file, ['/dev']));
      expect(error.issues).toEqual([{ path: 'channels.voice.arrivals.trace', message: `'${device}' ${notARegularFile('trace')}` }]);
    }
  });

  it('refuses a FIFO as a scenario and as a trace without waiting for a writer', () => {
    const fifo = join(scenarioFolder, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const started = performance.now();
    expect(refusal(() => readScenario(fifo)).issues[0]!.message).toBe(notARegularFile('scenario'));
    writeFileSync(file, tracedScenario('pipe.csv'));
    expect(refusal(() => readScenario(file)).issues[0]!.message).toBe(`'pipe.csv' ${notARegularFile('trace')}`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('validate /dev/zero exits 2 with one line, quickly', () => {
    const result = cli(['validate', '/dev/zero']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr.trim()).toBe(`/dev/zero: ${notARegularFile('scenario')}`);
  });
});

describe('traces come from beside the scenario or below a --trace-root', () => {
  const root = folder('roots');
  const scenarioFolder = join(root, 'scenarios');
  const shared = join(root, 'shared');
  mkdirSync(join(scenarioFolder, 'traces'), { recursive: true });
  mkdirSync(shared, { recursive: true });
  const rows = 'time,channel\n08:00:00,voice\n08:10:00,voice\n';
  writeFileSync(join(scenarioFolder, 'traces', 'day.csv'), rows);
  writeFileSync(join(shared, 'day.csv'), rows);
  symlinkSync(join(shared, 'day.csv'), join(scenarioFolder, 'link.csv'));
  const file = join(scenarioFolder, 'traced.yaml');
  const read = (trace: string, roots: string[] = []) => {
    writeFileSync(file, tracedScenario(trace));
    return readScenario(file, roots);
  };

  it('reads a trace in the scenario folder or below it', () => {
    expect(read('traces/day.csv').skills[0]!.trace!.at).toEqual([0, 600]);
  });

  it('refuses ../, an absolute path and a link leading out, naming --trace-root', () => {
    for (const trace of ['../shared/day.csv', join(shared, 'day.csv'), 'link.csv']) {
      const error = refusal(() => read(trace));
      expect(error.issues).toEqual([{ path: 'channels.voice.arrivals.trace', message: `'${trace}' ${traceOutsideFolders(scenarioFolder)}` }]);
    }
  });

  it('reads them below a folder named with --trace-root', () => {
    for (const trace of ['../shared/day.csv', join(shared, 'day.csv'), 'link.csv']) expect(read(trace, [shared]).skills[0]!.trace!.at).toEqual([0, 600]);
  });

  it('never prints the process environment: trace /proc/self/environ, with or without --trace-root', () => {
    const secret = 'osh-secret-value-0042';
    writeFileSync(file, tracedScenario('/proc/self/environ'));
    for (const extra of [[], ['--trace-root', '/proc']]) {
      const result = cli(['validate', file, ...extra], { env: { OSH_INPUT_SECRET: secret } });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).not.toContain(secret);
      expect(result.stderr).not.toContain('PATH=');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('a flood far over capacity', () => {
  // 10 M calls an hour for two hours at 3 agents: 20 M contacts would queue. The run stops at
  // the bound (LIMITS.contactsHeld, lowered here so the test takes a moment, not half a minute).
  const flood = (start: string, volumes: number[]) =>
    scenarioOf({
      name: 'flood',
      horizon: { intervalMinutes: 60, intervals: 2, start },
      replications: 1,
      channels: { voice: { arrivals: { volumes }, talk: { dist: 'exponential', mean: 180 } }, email: { arrivals: { ratePerHour: 1 }, work: { dist: 'fixed', value: 10 } } },
      agents: [{ group: 'a', count: 3, channels: ['voice', 'email'] }],
    });

  it('stops with one line naming the channel and interval once the contacts held reach the bound', () => {
    const cases = [
      [flood('08:00', [10_000_000, 10_000_000]), '08:00'],
      [flood('23:00', [20, 10_000_000]), 'd2 00:00'],
    ] as const;
    for (const [scenario, interval] of cases) {
      const center = new ContactCenter(scenario, 0, { maxContactsHeld: 20_000 });
      let thrown: unknown;
      try {
        center.run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SimulationError);
      expect((thrown as SimulationError).message).toContain(runawayQueue('voice', interval, 20_000));
    }
  });

  it(`holds ${LIMITS.contactsHeld.toLocaleString('en-US')} contacts at most by default`, () => {
    expect(LIMITS.contactsHeld).toBe(1_000_000);
  });

  it('refuses a backlog larger than the contacts that may be held, before running', () => {
    const text = ['name: backlog', 'horizon: { intervalMinutes: 60, intervals: 2 }', 'channels:', `  email: { arrivals: { backlog: ${LIMITS.contactsHeld + 1} }, work: { dist: fixed, value: 60 } }`, 'agents:', '  - { group: a, count: 3, channels: [email] }'].join('\n');
    expect(refusal(() => scenarioFromText(text, 'backlog.yaml')).issues.map((i) => i.path)).toEqual(['channels']);
  });
});

describe('documented limits hold at the limit and refuse just above it', () => {
  const voice = (ratePerHour: number, intervals: number, replications: number) =>
    [
      'name: limits',
      `horizon: { intervalMinutes: 60, intervals: ${intervals} }`,
      `replications: ${replications}`,
      'channels:',
      `  voice: { arrivals: { ratePerHour: ${ratePerHour} }, talk: { dist: exponential, mean: 60 } }`,
      'agents:',
      '  - { group: a, count: 1, channels: [voice] }',
    ].join('\n');

  it(`expected arrivals: ${LIMITS.arrivalsPerReplication.toLocaleString('en-US')} a replication accepted, one more refused`, () => {
    // 10 intervals of an hour: the rate is a tenth of the limit.
    expect(scenarioFromText(voice(LIMITS.arrivalsPerReplication / 10, 10, 1), 'at.yaml').skills).toHaveLength(1);
    const error = refusal(() => scenarioFromText(voice(LIMITS.arrivalsPerReplication / 10 + 0.1, 10, 1), 'above.yaml'));
    expect(error.issues.map((i) => i.path)).toEqual(['channels']);
  });

  it(`replications × intervals: ${LIMITS.replicationIntervals.toLocaleString('en-US')} accepted, more refused (in the file and by --replications)`, () => {
    expect(scenarioFromText(voice(1, 100, 10_000), 'at.yaml').replications).toBe(10_000);
    const error = refusal(() => scenarioFromText(voice(1, 101, 10_000), 'above.yaml'));
    expect(error.issues).toEqual([{ path: 'replications', message: replicationFiguresLimit(10_000, 101, LIMITS.replicationIntervals) }]);
    const scenario = scenarioFromText(voice(1, 200, 10), 'ok.yaml');
    const override = refusal(() => withOverrides(scenario, { replications: 10_000 }));
    expect(override.file).toBe('--replications');
    expect(withOverrides(scenario, { replications: 5_000 }).replications).toBe(5_000);
  });

  it('200,000 agents: the agents table is written (a spread of 200,000 arguments overflowed the stack)', () => {
    const values = new Float64Array(AGENT_METRICS.length + 2).fill(0.5);
    const agents = Array.from({ length: LIMITS.agents }, (_, agent) => ({ agent, group: agent < LIMITS.agents / 2 ? 'a' : 'b', values }));
    const csv = agentsCsv({ agents });
    expect(csv.split('\n').filter((line) => line !== '')).toHaveLength(LIMITS.agents + 1);
    expect(csv.slice(0, csv.indexOf('\n'))).toBe(['agent', 'group', ...AGENT_METRICS, 'level0', 'level1'].join(','));
  });

  it('10,000 replications: summarised, every figure with its interval', () => {
    const scenario = scenarioFromText(voice(2, 1, LIMITS.replications), 'reps.yaml');
    const results = Array.from({ length: 200 }, (_, r) => simulate(scenario, r));
    // The summary is the part that grows with replications: feed it 10,000 results.
    const summary = summarizeRun(Array.from({ length: LIMITS.replications }, (_, r) => results[r % results.length]!));
    expect(summary.replications).toBe(LIMITS.replications);
    expect(Number.isFinite(summary.channels.ci95.values[0]!)).toBe(true);
  });

  it('20,000 intervals: a replication runs and its interval figures are written (the charts are bounded on their own)', () => {
    const scenario = scenarioFromText(voice(0.1, LIMITS.intervals, 1).replace('intervalMinutes: 60', 'intervalMinutes: 15'), 'long.yaml');
    const summary = summarizeRun([simulate(scenario, 0)]);
    const labels = intervalLabels(scenario);
    const rows = intervalsCsv(summary.channels, labels, 'channel').trim().split('\n');
    expect(rows.filter((row) => row.split(',')[2] === 'voice')).toHaveLength(LIMITS.intervals);
    expect(labels.at(-1)).toBe('d209 07:45');
    expect(intervalsCsv(summary.groups, labels, 'group', summary.levels).trim().split('\n')).toHaveLength(LIMITS.intervals + 1);
  });

  it('erlang --calls 1e300 is refused with exit 2 and one line, not a crash or an endless search', () => {
    const message = erlangLoadTooLarge('--calls', (1e300 / 1800) * 180, MAX_ERLANG_LOAD);
    const result = cli(['erlang', '--calls', '1e300', '--aht', '180', '--target', '0.8']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr.trim()).toBe(`osh-sim: ${message}`);
    expect(stackTraceLines(result.stderr)).toEqual([]);
    for (const extra of [{ agents: 10 }, { agents: 10, patience: 60 }]) {
      expect(() => erlangReport({ calls: 1e300, interval: 30, aht: 180, threshold: 20, ...extra })).toThrow(new UsageError(message));
    }
  });
});

describe('names from the prototype chain are plain names', () => {
  const base = {
    name: 'proto',
    horizon: { intervalMinutes: 60, intervals: 2 },
    replications: 1,
    channels: { voice: { arrivals: { ratePerHour: 20 }, talk: { dist: 'exponential', mean: 60 } } },
  };

  it('a group named __proto__ keeps its figures in summary.json', () => {
    const dir = folder('proto-group');
    const text = JSON.stringify({ ...base, agents: [{ group: '__proto__', count: 2, channels: ['voice'] }, { group: 'constructor', count: 2, channels: ['voice'] }] });
    writeFileSync(join(dir, 'proto.json'), text);
    const result = cli(['run', 'proto.json', '--out', 'out', '--no-charts', '--quiet', '--jobs', '1'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')) as { groups: Record<string, unknown> };
    expect(Object.keys(summary.groups)).toEqual(['__proto__', 'constructor']);
  });

  it('profile: constructor (or __proto__, toString) is not taken for a profile', () => {
    for (const profile of ['constructor', '__proto__', 'toString']) {
      const text = JSON.stringify({ ...base, agents: [{ group: 'a', count: 2, channels: ['voice'], profile }], osh: { profiles: { p: { maxTotal: 2 } } } });
      expect(refusal(() => scenarioFromText(text, 'p.json')).issues.map((i) => i.path)).toEqual(['agents[0].profile']);
    }
  });

  it('a profile named __proto__ or constructor is a profile like any other', () => {
    for (const name of ['__proto__', 'constructor']) {
      const text = `${JSON.stringify({ ...base, agents: [{ group: 'a', count: 2, channels: ['voice'], profile: name }] }).slice(0, -1)},"osh":{"profiles":{"${name}":{"maxTotal":2}}}}`;
      expect(scenarioFromText(text, 'p.json').groups[0]!.profile.maxTotal).toBe(2);
    }
  });

  it('--vary __proto__.polluted=1 and constructor.prototype.x=1 leave Object.prototype alone and are refused', () => {
    const written = JSON.parse(JSON.stringify({ ...base, agents: [{ group: 'a', count: 2, channels: ['voice'] }] })) as unknown;
    for (const steps of [['__proto__', 'polluted'], ['constructor', 'prototype', 'polluted'], ['agents', 0, '__proto__', 'polluted']]) {
      expect(() => setField(written, steps, 1, '--vary')).toThrow(InputError);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
    const leaf = setField(written, ['__proto__'], { polluted: 1 }, '--vary');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(leaf)).toBe(Object.prototype);
    expect(refusal(() => scenarioFromText(JSON.stringify(leaf), 'v.json')).issues.map((i) => i.path)).toEqual(['__proto__']);
  });
});
