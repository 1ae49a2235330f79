// `osh-sim run` end to end, as a user runs it: the report folder's files and their contract
// shapes, byte-identical output for the same seed, staged replacement of an earlier folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';
import * as cliMessages from '../../src/cli/messages.js';
import * as reportMessages from '../../src/report/messages.js';
import * as scenarioMessages from '../../src/scenario/messages.js';

const work = mkdtempSync(join(tmpdir(), 'osh-run-'));
const scenario = join(ROOT, 'scenarios/default.yaml');
const FILES = ['agents.csv', 'days.csv', 'distributions.csv', 'groups.csv', 'intervals.csv', 'run.json', 'sessions.csv', 'summary.csv', 'summary.json', 'timeline.csv'];
/** Written beside the figures unless --no-charts. */
const RENDERED = ['charts', 'report.html'];

function read(dir: string, file: string): string {
  return readFileSync(join(dir, file), 'utf8');
}

describe('osh-sim run', () => {
  const a = join(work, 'a');
  const b = join(work, 'b');
  beforeAll(() => {
    expect(cli(['run', scenario, '--replications', '3', '--out', a, '--quiet']).status).toBe(0);
    expect(cli(['run', scenario, '--replications', '3', '--out', b, '--quiet', '--contacts']).status).toBe(0);
  });

  it('writes the report files', () => {
    expect(readdirSync(a).sort()).toEqual([...FILES, ...RENDERED].sort());
    expect(readdirSync(b).sort()).toEqual([...FILES, ...RENDERED, 'contacts.csv'].sort());
  });

  it('gives byte-identical CSV and JSON for the same scenario and seed', () => {
    for (const file of FILES.filter((f) => f !== 'run.json')) expect(read(b, file), file).toBe(read(a, file));
  });

  it('gives the same bytes with --jobs 1 and --jobs 2', () => {
    const one = join(work, 'jobs1');
    const two = join(work, 'jobs2');
    expect(cli(['run', scenario, '--replications', '4', '--out', one, '--quiet', '--contacts', '--jobs', '1', '--no-charts']).status).toBe(0);
    expect(cli(['run', scenario, '--replications', '4', '--out', two, '--quiet', '--contacts', '--jobs', '2', '--no-charts']).status).toBe(0);
    expect(JSON.parse(read(one, 'run.json')).jobs).toBe(1);
    expect(JSON.parse(read(two, 'run.json')).jobs).toBe(2);
    for (const file of [...FILES.filter((f) => f !== 'run.json'), 'contacts.csv']) expect(read(two, file), file).toBe(read(one, file));
    expect(readdirSync(two).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('gives different figures for a different seed', () => {
    const c = join(work, 'c');
    expect(cli(['run', scenario, '--replications', '3', '--out', c, '--quiet', '--seed', '43', '--no-charts']).status).toBe(0);
    expect(readdirSync(c).sort()).toEqual(FILES);
    expect(read(c, 'intervals.csv')).not.toBe(read(a, 'intervals.csv'));
    expect(JSON.parse(read(c, 'summary.json')).seed).toBe(43);
  });

  it('writes summary.json in the contract shape', () => {
    const summary = JSON.parse(read(a, 'summary.json'));
    expect(summary).toMatchObject({ scenario: 'default', seed: 42, replications: 3 });
    for (const channel of ['voice', 'chat', 'email', 'all']) {
      for (const metric of ['offered', 'handled', 'abandoned', 'abandonRate', 'serviceLevel', 'asa', 'waitP90', 'aht', 'backlogEnd']) {
        expect(summary.channels[channel][metric], `${channel}.${metric}`).toEqual({ mean: expect.any(Number), ci95: expect.any(Number), n: 3 });
      }
    }
    expect(summary.channels.voice.serviceLevelTarget).toBe(0.8);
    expect(summary.groups.blended.occupancy.mean).toBeGreaterThan(0.5);
    expect(summary.groups.blended.occupancy.mean).toBeLessThanOrEqual(1);
    expect(summary.sessions.sessions.mean).toBeGreaterThan(50);
    expect(summary.sessions.sessionDuration.mean).toBeGreaterThan(0);
    expect(Object.keys(summary.elevations).sort()).toEqual(['chat>email', 'chat>voice', 'voice>email']);
    expect(summary.sessions.elevationsDeferred).toEqual({ mean: expect.any(Number), ci95: expect.any(Number), n: 3 });
    const run = JSON.parse(read(a, 'run.json'));
    expect(run).toMatchObject({ seed: 42, replications: 3, scenarioSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(run.eventsSimulated).toBeGreaterThan(10_000);
  });

  it('lists every contact in contacts.csv with the contract columns', () => {
    const lines = read(b, 'contacts.csv').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    expect(header.slice(0, 15)).toEqual(['replication', 'contact', 'session', 'channel', 'direction', 'origin', 'group', 'agent', 'arrival', 'answered', 'abandoned', 'end', 'wait', 'handle', 'wrapEnd']);
    const summary = JSON.parse(read(b, 'summary.json'));
    // Every contact of three replications appears once, elevated ones too (no warm-up here).
    const contacts = ['all', 'outbound-voice', 'outbound-email'].reduce((sum, row) => sum + summary.channels[row].offered.mean, 0);
    expect(lines.length - 1).toBe(Math.round(contacts * 3));
    const sessions = read(b, 'sessions.csv').trimEnd().split('\n');
    expect(sessions[0]).toBe('replication,session,contacts,channels,start,end,duration,elevations');
    expect(sessions.length - 1).toBe(Math.round(summary.sessions.sessions.mean * 3));
  });

  it('replaces an earlier folder whole and leaves nothing half-written beside it', () => {
    writeFileSync(join(a, 'stale.txt'), 'from an earlier run');
    expect(cli(['run', scenario, '--replications', '1', '--out', a, '--quiet', '--no-charts']).status).toBe(0);
    expect(existsSync(join(a, 'stale.txt'))).toBe(false);
    expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('writes reports/<scenario name>/ by default, with a safe folder name', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'osh-cwd-'));
    const text = readFileSync(join(ROOT, 'scenarios/erlang-c.yaml'), 'utf8')
      .replace('name: erlang-c', 'name: "../../etc/<img src=x onerror=alert(1)>"')
      .replace('intervals: 240', 'intervals: 4')
      .replace('replications: 10', 'replications: 1');
    writeFileSync(join(cwd, 'odd.yaml'), text);
    const result = cli(['run', 'odd.yaml', '--no-charts'], { cwd });
    expect(result.status).toBe(0);
    expect(readdirSync(join(cwd, 'reports'))).toEqual(['etc-img-src-x-onerror-alert-1']);
    expect(result.stdout).toContain('reports/etc-img-src-x-onerror-alert-1');
  });

  it('prints the headline figures unless --quiet', () => {
    const out = join(work, 'printed');
    const result = cli(['run', scenario, '--replications', '2', '--out', out, '--no-charts']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^default: 2 replications/);
    expect(result.stdout).toMatch(/voice\s+\d/);
    expect(result.stderr).toBe('');
  });

  it('refuses bad options with exit 2 and a one-line message', () => {
    const bad = cli(['run', scenario, '--seed', 'abc']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe(cliMessages.programLine(cliMessages.notWholeNumber('--seed', 0, 2 ** 32 - 1, 'abc')));
    expect(cli(['frobnicate']).status).toBe(2);
    expect(cli(['run']).status).toBe(2);
    const missing = cli(['run', 'no-such-file.yaml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`no-such-file.yaml: ${scenarioMessages.noSuchFile()}`);
  });

  it('refuses an --out it cannot write: exit 2 with a one-line message', () => {
    const blocked = join(work, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'file'), '');
    const out = join(blocked, 'file', 'out');
    const result = cli(['run', scenario, '--replications', '1', '--out', out, '--quiet']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${out}: ${reportMessages.cannotWriteReportFolder(reportMessages.folderProblem('ENOTDIR'))}\n`);
  });
});

describe('osh-sim schema, validate, erlang', () => {
  it('publishes the scenario JSON Schema', () => {
    const result = cli(['schema']);
    expect(result.status).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema.$schema).toContain('json-schema.org');
    // channels: or skills: (or both): neither alone is required.
    expect(schema.required).toEqual(['name', 'horizon', 'agents']);
    expect(Object.keys(schema.properties.channels.properties)).toEqual(['voice', 'chat', 'email', 'workitem', 'voicemail']);
    expect(schema.properties.channels.properties.chat.properties.reply.oneOf.length).toBe(7);
    // A skill is one of the five channel entries with its channel named; a group holds skills by name or with terms.
    expect(schema.properties.skills.additionalProperties.oneOf.map((v: { properties: { channel: { enum: string[] } } }) => v.properties.channel.enum[0])).toEqual(['voice', 'chat', 'email', 'workitem', 'voicemail']);
    const held = schema.properties.agents.items.properties.skills.items.anyOf[1].properties;
    expect(held.proficiency).toMatchObject({ minimum: 1, maximum: 20 });
    expect(Object.keys(held)).toEqual(['skill', 'proficiency', 'delaySec', 'rank']);
  });

  it('validates the shipped scenarios', () => {
    const files = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => join('scenarios', f));
    const result = cli(['validate', ...files]);
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(files.length);
  });

  it('computes Erlang C and the agents for a target', () => {
    const result = cli(['erlang', '--calls', '100', '--interval', '30', '--aht', '180', '--target', '0.8', '--json']);
    expect(result.status).toBe(0);
    const figures = JSON.parse(result.stdout);
    expect(figures.agents).toBe(14);
    expect(figures.probWait).toBeCloseTo(0.174132, 5);
    expect(figures.serviceLevel).toBeCloseTo(0.8884, 4);
  });

  it('computes Erlang A with --patience', () => {
    const result = cli(['erlang', '--agents', '13', '--rate', '220', '--aht', '180', '--patience', '60']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/abandon rate\s+0\.075/);
  });
});
