// The workbench's what-if fields and how they are written into a scenario: found in the
// written file, scaled and set in the YAML document with its comments kept, checked by the
// scenario's own rules, problems sent to the field they belong to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { ShippedScenarios, prepareScenario } from '../../src/serve/scenario-source.js';
import { fieldOfIssue, whatIfFields } from '../../src/serve/what-ifs.js';
import { hostAllowed, originAllowed, serverNames } from '../../src/serve/guard.js';
import { tarGzOfFolder } from '../../src/serve/tar.js';
import * as messages from '../../src/serve/messages.js';
import type { ScenarioRequest } from '../../src/serve/api.js';

const shipped = new ShippedScenarios(join(ROOT, 'scenarios'));
const defaultText = shipped.text('default.yaml')!;

function prepare(values: ScenarioRequest['values'], text = defaultText, source: ScenarioRequest['source'] = { kind: 'shipped', file: 'default.yaml' }) {
  return prepareScenario({ source, text, values }, shipped);
}

describe('what-if fields', () => {
  it('lists the default day’s everyday figures', () => {
    const fields = whatIfFields(parse(defaultText));
    expect(fields.map((f) => `${f.id}=${f.value}`)).toEqual([
      'volume:channels.voice.arrivals=1',
      'volume:channels.chat.arrivals=1',
      'volume:channels.email.arrivals=1',
      'agents:0=1',
      'agents:1=1',
      'chat:osh-default=3',
      'total:osh-default=4',
      'total:single=1',
      'elevation:0=0.08',
      'elevation:1=0.05',
      'elevation:2=0.1',
      'discipline=focus',
      'replications=10',
    ]);
  });

  it('offers a count field for a group staffed all day and no volume field for a replayed trace', () => {
    const fields = whatIfFields(parse(shipped.text('trace-replay.yaml')!));
    expect(fields.some((f) => f.section === 'volumes' && f.label.startsWith('voice'))).toBe(false);
    const counted = whatIfFields(parse(shipped.text('erlang-c.yaml')!)).find((f) => f.id === 'agents:0')!;
    expect(counted.kind).toBe('number');
  });

  it('scales volumes, backlogs and staffing, keeping the file’s comments', () => {
    const prepared = prepare({ 'volume:channels.voice.arrivals': 1.5, 'volume:channels.email.arrivals': '2', 'agents:0': 1.1, 'agents:1': 2 });
    expect(prepared.issues).toEqual([]);
    const written = parse(prepared.text!);
    const before = parse(defaultText);
    expect(written.channels.voice.arrivals.volumes).toEqual(before.channels.voice.arrivals.volumes.map((v: number) => v * 1.5));
    expect(written.channels.email.arrivals).toEqual({ ratePerHour: 60, backlog: 80 });
    expect(written.agents[0].staffing).toEqual(before.agents[0].staffing.map((n: number) => Math.round(n * 1.1)));
    expect(written.agents[1].shifts.map((s: { count: number }) => s.count)).toEqual([4, 4]);
    expect(prepared.text).toContain('# after-call work');
    expect(prepared.loaded!.scenario.replications).toBe(10);
  });

  it('sets concurrency, elevation, discipline and replications where they are written', () => {
    const prepared = prepare({ 'chat:osh-default': 2, 'total:osh-default': '3', 'elevation:0': 0.2, discipline: 'sharing', replications: 4 });
    expect(prepared.issues).toEqual([]);
    expect(prepared.text).toContain('maxPerChannel: { voice: 1, chat: 2, email: 1 }');
    const scenario = prepared.loaded!.scenario;
    expect(scenario.replications).toBe(4);
    expect(prepared.whatIfs.find((w) => w.label === 'osh-default: chats at once')!.value).toBe('2');
    expect(parse(prepared.text!).osh).toMatchObject({ attention: { discipline: 'sharing' }, elevation: { policies: [{ probability: 0.2 }, {}, {}] } });
  });

  it('puts each problem beside its field, with the command line’s one-line form', () => {
    const prepared = prepare({ 'chat:osh-default': -1, replications: 'many', 'agents:0': 500, 'elevation:1': 7 });
    expect(prepared.loaded).toBeNull();
    expect(prepared.issues.map((i) => [i.field, i.line])).toEqual([
      ['agents:0', `default.yaml: agents[0]: ${messages.outOfRange('from 0 to 100', '500')}`],
      ['replications', `default.yaml: replications: ${messages.notANumber('many')}`],
      ['chat:osh-default', 'default.yaml: osh.profiles.osh-default.maxPerChannel.chat: must be a whole number >= 0 and <= 1000, got -1'],
      ['elevation:1', 'default.yaml: osh.elevation.policies[1].probability: must be a number >= 0 and <= 1, got 7'],
    ]);
  });

  it('reports a problem of the file itself under no field, naming the uploaded file', () => {
    const prepared = prepare({}, defaultText.replace('intervals: 24', 'intervals: 0'), { kind: 'pasted', file: 'my day.yaml' });
    expect(prepared.issues.map((i) => [i.field, i.line])).toEqual([[null, 'my day.yaml: horizon.intervals: must be a whole number >= 1 and <= 20000, got 0']]);
    const broken = prepare({}, 'name: [', { kind: 'pasted', file: '' });
    expect(broken.fields).toEqual([]);
    expect(broken.issues[0]!.line.startsWith(`${messages.pastedFileName()}: line 1`)).toBe(true);
  });

  it('scales a forecast file’s volumes per skill through arrivals.scale', () => {
    const text = shipped.text('wfm-week.yaml')!;
    const fields = whatIfFields(parse(text)).filter((f) => f.section === 'volumes');
    expect(fields.map((f) => f.id)).toEqual(['voice-sales', 'voice-support', 'chat-billing', 'email'].map((skill) => `volume:skills.${skill}.arrivals`));
    const source = { kind: 'shipped', file: 'wfm-week.yaml' } as const;
    const plain = prepare({}, text, source);
    const prepared = prepare({ 'volume:skills.voice-sales.arrivals': 1.2 }, text, source);
    expect(prepared.issues).toEqual([]);
    expect(parse(prepared.text!).skills['voice-sales'].arrivals).toEqual({ scale: 1.2 });
    expect(prepared.text).toContain('# interval, skill, volume, aht');
    const rates = (p: typeof plain, skill: string) => p.loaded!.scenario.skills.find((s) => s.name === skill)!.arrivalRates;
    const scaledRates = rates(prepared, 'voice-sales');
    rates(plain, 'voice-sales').forEach((rate, k) => expect(scaledRates[k]).toBeCloseTo(rate * 1.2, 9));
    expect(rates(prepared, 'voice-support')).toEqual(rates(plain, 'voice-support'));
    // A backlog written beside forecast volumes scales with them.
    const withBacklog = text.replace('  email:\n    channel: email\n', '  email:\n    channel: email\n    arrivals: { backlog: 10 }\n');
    const both = prepare({ 'volume:skills.email.arrivals': 2 }, withBacklog, source);
    expect(both.issues).toEqual([]);
    expect(parse(both.text!).skills.email.arrivals).toEqual({ backlog: 20, scale: 2 });
  });

  it('scales a schedule file’s agents per group through the group’s scale', () => {
    const text = shipped.text('wfm-week.yaml')!;
    const fields = whatIfFields(parse(text)).filter((f) => f.section === 'agents');
    expect(fields.map((f) => [f.id, f.label, f.kind, f.note])).toEqual(
      ['sales', 'blended', 'email-desk'].map((group, g) => [`agents:${g}`, `${group} agents ×`, 'multiplier', 'every interval of the schedule file, rounded']),
    );
    const source = { kind: 'shipped', file: 'wfm-week.yaml' } as const;
    const plain = prepare({}, text, source);
    const prepared = prepare({ 'agents:0': 1.2 }, text, source);
    expect(prepared.issues).toEqual([]);
    expect(parse(prepared.text!).agents[0].scale).toBe(1.2);
    expect(prepared.text).toContain('# agents per interval from the schedule');
    const staffing = (p: typeof plain, g: number) => p.loaded!.scenario.groups[g]!.staffing;
    expect(staffing(prepared, 0)).toEqual(staffing(plain, 0).map((n) => Math.round(Number((n * 1.2).toFixed(9)))));
    expect(staffing(prepared, 0).some((n, k) => n !== staffing(plain, 0)[k])).toBe(true);
    expect(staffing(prepared, 1)).toEqual(staffing(plain, 1));
    // A scale already written multiplies with the form's.
    const twice = prepare({ 'agents:0': 2 }, prepared.text!, source);
    expect(twice.issues).toEqual([]);
    expect(parse(twice.text!).agents[0].scale).toBe(2.4);
  });

  it('changes only the skill a what-if names when skills share a definition through a merge key or an alias', () => {
    const text = `name: merged
horizon: { intervalMinutes: 60, intervals: 2 }
skills:
  sales: &voice
    channel: voice
    talk: { dist: exponential, mean: 300 }
    arrivals: { ratePerHour: 20 }
  support:
    <<: *voice
agents:
  - { group: a, count: 3, skills: [sales, support] }
`;
    const source = { kind: 'pasted', file: 'merged.yaml' } as const;
    const rates = (p: ReturnType<typeof prepare>) => p.loaded!.scenario.skills.map((s) => [s.name, s.arrivalRates[0]! * 3600]);
    expect(rates(prepare({}, text, source))).toEqual([['sales', 20], ['support', 20]]);
    const doubled = prepare({ 'volume:skills.sales.arrivals': 2 }, text, source);
    expect(doubled.issues).toEqual([]);
    // Support merges sales's mapping: written in place, the change would have reached it too.
    expect(rates(doubled)).toEqual([['sales', 40], ['support', 20]]);
    expect(parse(doubled.text!).skills.support.arrivals).toEqual({ ratePerHour: 20 });
    // The same through a plain alias of the arrivals.
    const aliased = text.replace('    arrivals: { ratePerHour: 20 }', '    arrivals: &rate { ratePerHour: 20 }').replace('    <<: *voice\n', '    channel: voice\n    talk: { dist: exponential, mean: 300 }\n    arrivals: *rate\n');
    expect(aliased).not.toContain('<<');
    expect(rates(prepare({ 'volume:skills.sales.arrivals': 2 }, aliased, source))).toEqual([['sales', 40], ['support', 20]]);
  });

  it('reads a trace only beside a shipped scenario, by a relative path', () => {
    const trace = shipped.text('trace-replay.yaml')!;
    expect(prepare({}, trace, { kind: 'shipped', file: 'trace-replay.yaml' }).issues).toEqual([]);
    const pasted = prepare({}, trace, { kind: 'pasted', file: 'trace-replay.yaml' });
    expect(pasted.issues.map((i) => i.message)).toEqual(['a trace is read from a file: give the scenario as a file']);
    const escaping = prepare({}, trace.replaceAll('traces/recorded-morning.csv', '../package.json'), { kind: 'shipped', file: 'trace-replay.yaml' });
    expect(escaping.issues.map((i) => i.message)).toEqual([`'../package.json' ${messages.traceOutsideScenarios('../package.json')}`]);
  });

  it('refuses a scenario text over 16 MB before reading it', () => {
    const prepared = prepare({}, `# ${'x'.repeat(16 * 1024 * 1024)}`, { kind: 'pasted', file: 'big.yaml' });
    expect(prepared.issues.map((i) => i.line)).toEqual([`big.yaml: ${messages.scenarioTooLarge((16 * 1024 * 1024 + 2) / 1048576, 16)}`]);
  });

  it('matches an issue to the field with the longest path prefix, on a field boundary', () => {
    const fields = whatIfFields(parse(defaultText));
    expect(fieldOfIssue(fields, 'osh.profiles.osh-default.maxPerChannel.chat')).toBe('chat:osh-default');
    expect(fieldOfIssue(fields, 'osh.profiles.osh-default.block[0]')).toBe('chat:osh-default');
    expect(fieldOfIssue(fields, 'agents[1].shifts[0].count')).toBe('agents:1');
    expect(fieldOfIssue(fields, 'agents[10]')).toBeNull();
    expect(fieldOfIssue(fields, 'replicationsX')).toBeNull();
  });
});

describe('the server’s names and origins', () => {
  const names = serverNames('127.0.0.1', 4173);
  it('accepts its loopback names on its port only', () => {
    expect(['127.0.0.1:4173', 'localhost:4173', '[::1]:4173'].every((h) => hostAllowed(names, h))).toBe(true);
    expect(['evil.example:4173', '127.0.0.1:80', '127.0.0.1', undefined].some((h) => hostAllowed(names, h))).toBe(false);
  });

  it('accepts a POST from its own page or from no browser, never a cross-site one', () => {
    expect(originAllowed(names, 'http://localhost:4173', 'same-origin')).toBe(true);
    expect(originAllowed(names, undefined, undefined)).toBe(true);
    expect(originAllowed(names, 'http://localhost:4173', 'cross-site')).toBe(false);
    expect(originAllowed(names, undefined, 'cross-site')).toBe(false);
    expect(originAllowed(names, 'null', undefined)).toBe(false);
    expect(originAllowed(names, 'http://evil.example', undefined)).toBe(false);
  });
});

describe('a report folder as .tar.gz', () => {
  it('holds every regular file under one top folder, readable by tar', () => {
    const folder = mkdtempSync(join(tmpdir(), 'osh-tar-'));
    mkdirSync(join(folder, 'charts'));
    writeFileSync(join(folder, 'summary.json'), '{"a":1}\n');
    writeFileSync(join(folder, 'charts', 'service-level.svg'), '<svg/>'.repeat(200));
    const long = `${'n'.repeat(120)}.csv`;
    writeFileSync(join(folder, 'charts', long), 'x');
    const archive = join(folder, '..', `${folder.split('/').pop()}.tar.gz`);
    writeFileSync(archive, tarGzOfFolder(folder, 'default', 0));
    const listed = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(['default/', 'default/charts/', `default/charts/${long}`, 'default/charts/service-level.svg', 'default/summary.json']);
    const out = mkdtempSync(join(tmpdir(), 'osh-untar-'));
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    expect(readFileSync(join(out, 'default', 'charts', 'service-level.svg'), 'utf8')).toBe('<svg/>'.repeat(200));
  });
});
