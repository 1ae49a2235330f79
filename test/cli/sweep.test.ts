// osh-sim sweep: a 3 × 3 grid gives the same CSV with --jobs 1, --jobs 2 and from three shards
// merged; every variant is checked before anything runs; a run's shards merge to the run.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';
import * as cliMessages from '../../src/cli/messages.js';
import * as experimentMessages from '../../src/experiments/messages.js';
import * as scenarioMessages from '../../src/scenario/messages.js';

const work = mkdtempSync(join(tmpdir(), 'osh-sweep-'));
const scenario = join(ROOT, 'scenarios/default.yaml');
const GRID = ['--vary', 'osh.profiles.osh-default.maxPerChannel.chat=1,2,3', '--vary', 'agents.email-desk.count=1..5:2', '--replications', '3', '--quiet'];

describe('osh-sim sweep', () => {
  beforeAll(() => {
    expect(cli(['sweep', scenario, ...GRID, '--jobs', '1', '--out', join(work, 'one')]).status).toBe(0);
  });

  it('writes sweep.csv, sweep.json, charts and sweep.html', () => {
    expect(readdirSync(join(work, 'one')).sort()).toEqual(['charts', 'sweep.csv', 'sweep.html', 'sweep.json']);
    const json = JSON.parse(readFileSync(join(work, 'one', 'sweep.json'), 'utf8'));
    expect(json.variants).toHaveLength(9);
    expect(json.vary).toEqual([
      { path: 'osh.profiles.osh-default.maxPerChannel.chat', values: [1, 2, 3] },
      { path: 'agents.email-desk.count', values: [1, 3, 5] },
    ]);
    expect(json.variants[5].values).toEqual({ 'osh.profiles.osh-default.maxPerChannel.chat': 2, 'agents.email-desk.count': 5 });
    expect(readdirSync(join(work, 'one', 'charts'))).toContain('chat-serviceLevel.svg');
    const header = readFileSync(join(work, 'one', 'sweep.csv'), 'utf8').split('\n')[0];
    expect(header).toBe('variant,osh.profiles.osh-default.maxPerChannel.chat,agents.email-desk.count,section,key,metric,mean,ci95');
  });

  it('moves the figures the way the variants say: more chats per agent, shorter chat waits', () => {
    const json = JSON.parse(readFileSync(join(work, 'one', 'sweep.json'), 'utf8'));
    const chatAsa = (chat: number) => json.variants.find((v: { values: Record<string, number> }) => v.values['osh.profiles.osh-default.maxPerChannel.chat'] === chat && v.values['agents.email-desk.count'] === 3).channels.chat.asa.mean;
    expect(chatAsa(1)).toBeGreaterThan(chatAsa(3));
  });

  it('writes each variant\'s skill figures and replications to sweep.json, as sweep.csv has them', () => {
    const out = join(work, 'skills');
    const result = cli(['sweep', join(ROOT, 'scenarios/multi-skill.yaml'), '--vary', 'agents.overflow.count=2,6', '--replications', '2', '--no-charts', '--quiet', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    for (const [v, variant] of json.variants.entries()) {
      expect(variant.replications).toBe(2);
      const row = csv.find((r) => r[0] === String(v) && r[2] === 'skill' && r[3] === 'voice-billing' && r[4] === 'serviceLevel')!;
      expect(variant.skills['voice-billing'].serviceLevel.mean).toBeCloseTo(Number(row[5]), 6);
    }
    // More overflow agents, better billing calls.
    expect(json.variants[1].skills['voice-billing'].serviceLevel.mean).toBeGreaterThan(json.variants[0].skills['voice-billing'].serviceLevel.mean);
    // A scenario of channels only has no skills in sweep.json, as in summary.json.
    expect(JSON.parse(readFileSync(join(work, 'one', 'sweep.json'), 'utf8')).variants[0].skills).toBeUndefined();
  });

  it('gives the same bytes with --jobs 2 and from three shards merged', () => {
    expect(cli(['sweep', scenario, ...GRID, '--jobs', '2', '--out', join(work, 'two')]).status).toBe(0);
    for (let i = 1; i <= 3; i++) expect(cli(['sweep', scenario, ...GRID, '--shard', `${i}/3`, '--out', join(work, `shard${i}`)]).status).toBe(0);
    const merged = cli(['merge', join(work, 'shard2'), join(work, 'shard3'), join(work, 'shard1'), '--out', join(work, 'merged')]);
    expect(merged.status, merged.stderr).toBe(0);
    for (const file of ['sweep.csv', 'sweep.json', 'sweep.html', 'charts/chat-serviceLevel.svg']) {
      const one = readFileSync(join(work, 'one', file), 'utf8');
      expect(readFileSync(join(work, 'two', file), 'utf8'), `${file} --jobs 2`).toBe(one);
      expect(readFileSync(join(work, 'merged', file), 'utf8'), `${file} merged`).toBe(one);
    }
  });

  it('refuses a shard with nothing to run', () => {
    const result = cli(['run', scenario, '--replications', '3', '--shard', '1/4', '--quiet', '--out', join(work, 'empty-shard')]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('--shard: shard 1/4 of 3 replications is empty; use at most 3 shards');
    expect(existsSync(join(work, 'empty-shard'))).toBe(false);
  });

  it('refuses incomplete or mixed shards', () => {
    const missing = cli(['merge', join(work, 'shard1'), join(work, 'shard2'), '--out', join(work, 'bad')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(cliMessages.shardMissing(3, 3));
    expect(existsSync(join(work, 'bad'))).toBe(false);
  });

  it('checks every variant before running anything', () => {
    const badPath = cli(['sweep', scenario, '--vary', 'agents.blended.cuont=10,20', '--out', join(work, 'nope')]);
    expect(badPath.status).toBe(2);
    expect(badPath.stderr).toContain('agents.blended.cuont');
    expect(badPath.stderr.trim().split('\n'), 'a bad path is said once, not once per variant').toHaveLength(1);
    const tooMany = cli(['sweep', scenario, '--vary', 'agents.blended.count=1..1000', '--vary', 'agents.email-desk.count=1..1000', '--vary', 'seed=1..1000', '--out', join(work, 'nope')]);
    expect(tooMany.status).toBe(2);
    expect(tooMany.stderr.trim()).toBe(`--vary: ${experimentMessages.gridTooLarge(1_000_000_000, 10_000)}`);
    const badValue = cli(['sweep', scenario, '--vary', 'osh.profiles.osh-default.maxPerChannel.voice=1,2', '--out', join(work, 'nope')]);
    expect(badValue.status).toBe(2);
    expect(badValue.stderr).toContain('[osh.profiles.osh-default.maxPerChannel.voice=2]');
    expect(badValue.stderr).toContain(scenarioMessages.oneCallAtATime(2));
    const badFigure = cli(['sweep', scenario, '--vary', 'agents.email-desk.count=1,2', '--metric', 'chat.serviceLevle', '--out', join(work, 'nope')]);
    expect(badFigure.status).toBe(2);
    expect(badFigure.stderr).toContain("did you mean 'chat.serviceLevel'");
    const everyInterval = cli(['sweep', scenario, '--vary', 'agents.email-desk.count=1,2', '--metric', 'voice.serviceLevel@every', '--out', join(work, 'nope')]);
    expect(everyInterval.status).toBe(2);
    expect(everyInterval.stderr.trim()).toBe(`--metric: ${cliMessages.sweepChartsOneValue('voice.serviceLevel@every')}`);
    expect(existsSync(join(work, 'nope'))).toBe(false);
  });
});

describe('osh-sim run --shard', () => {
  it('merges to the unsharded run, logs included', () => {
    const args = ['run', scenario, '--replications', '4', '--quiet', '--contacts', '--no-charts'];
    expect(cli([...args, '--out', join(work, 'whole')]).status).toBe(0);
    expect(cli([...args, '--shard', '1/2', '--out', join(work, 'part1')]).status).toBe(0);
    expect(cli([...args, '--shard', '2/2', '--jobs', '2', '--out', join(work, 'part2')]).status).toBe(0);
    expect(cli(['merge', join(work, 'part1'), join(work, 'part2'), '--out', join(work, 'joined')]).status).toBe(0);
    const files = readdirSync(join(work, 'whole')).filter((f) => f !== 'run.json');
    expect(readdirSync(join(work, 'joined')).filter((f) => f !== 'run.json').sort()).toEqual(files.sort());
    for (const file of files) expect(readFileSync(join(work, 'joined', file), 'utf8'), file).toBe(readFileSync(join(work, 'whole', file), 'utf8'));
  });

  it('merges shards of a trace replay from another folder, and refuses them once the trace changed', () => {
    // The scenario and its trace in a folder of their own; shards run there, merge elsewhere.
    const home = mkdtempSync(join(tmpdir(), 'osh-trace-shards-'));
    mkdirSync(join(home, 'traces'));
    copyFileSync(join(ROOT, 'scenarios/trace-replay.yaml'), join(home, 'replay.yaml'));
    copyFileSync(join(ROOT, 'scenarios/traces/recorded-morning.csv'), join(home, 'traces/recorded-morning.csv'));
    const args = ['run', 'replay.yaml', '--replications', '2', '--quiet', '--no-charts'];
    for (const i of [1, 2]) expect(cli([...args, '--shard', `${i}/2`, '--out', `part${i}`], { cwd: home }).status).toBe(0);
    expect(cli([...args, '--out', 'whole'], { cwd: home }).status).toBe(0);
    const merged = cli(['merge', join(home, 'part1'), join(home, 'part2'), '--out', join(work, 'trace-joined')]);
    expect(merged.status, merged.stderr).toBe(0);
    expect(readFileSync(join(work, 'trace-joined', 'summary.csv'), 'utf8')).toBe(readFileSync(join(home, 'whole', 'summary.csv'), 'utf8'));

    const trace = join(home, 'traces/recorded-morning.csv');
    writeFileSync(trace, readFileSync(trace, 'utf8').replace(/\n[^\n]*\n?$/, '\n'));
    const edited = cli(['merge', join(home, 'part1'), join(home, 'part2'), '--out', join(work, 'trace-edited')]);
    expect(edited.status).toBe(2);
    expect(edited.stderr.trim()).toBe(`${join(home, 'replay.yaml')}: channels: a trace file it replays has changed since the shards ran; merge the shards of a run of the current files`);
  });
});
