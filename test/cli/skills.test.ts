// Figures per skill on the command line: summary.json's skills, summary.csv's skill section,
// skills.csv per interval, each contact's skill in contacts.csv, skills.<skill>.<metric> in
// expect, compare and sweep, and the warning for a skill nobody holds. A scenario written with channels writes none of them.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as scenarioMessages from '../../src/scenario/messages.js';
import { scenarioWarning } from '../../src/scenario/messages.js';
import { cli } from '../helpers/cli.js';

const FILE = 'test/fixtures/skills/two-voice-skills.yaml';

describe('figures per skill', () => {
  const out = mkdtempSync(join(tmpdir(), 'osh-skills-'));
  const run = cli(['run', FILE, '--out', join(out, 'a'), '--quiet']);

  it('runs, warning on stderr of the skill nobody holds', () => {
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(scenarioWarning(FILE, `skills.voice-orphan: ${scenarioMessages.skillHeldByNobody('voice-orphan')}`));
  });

  it('writes skills.<skill> in summary.json, a skill section in summary.csv and skills.csv per interval', () => {
    const summary = JSON.parse(readFileSync(join(out, 'a', 'summary.json'), 'utf8'));
    expect(Object.keys(summary.skills)).toEqual(['voice-sales', 'voice-support', 'voice-orphan']);
    expect(summary.skills['voice-sales'].serviceLevelTarget).toBe(0.8);
    const sum = (m: string) => ['voice-sales', 'voice-support', 'voice-orphan'].reduce((x, s) => x + summary.skills[s][m].mean, 0);
    expect(summary.channels.voice.offered.mean).toBeCloseTo(sum('offered'), 9);
    expect(summary.skills['voice-orphan'].handled.mean).toBe(0);
    expect(readFileSync(join(out, 'a', 'summary.csv'), 'utf8')).toMatch(/^skill,voice-support,asa,/m);
    const perInterval = readFileSync(join(out, 'a', 'skills.csv'), 'utf8').trim().split('\n');
    expect(perInterval[0]!.startsWith('interval,start,skill,offered,')).toBe(true);
    expect(perInterval.slice(1).map((l) => l.split(',').slice(1, 3).join(' '))).toEqual(expect.arrayContaining(['09:00 voice-sales', '10:00 voice-orphan']));
  });

  it('prints no target for a channel of several skills (each skill has its own)', () => {
    const printed = cli(['run', FILE, '--out', join(out, 'p')]);
    expect(printed.status).toBe(0);
    const voice = printed.stdout.split('\n').find((l) => l.startsWith('voice '))!;
    expect(voice).not.toContain('80.0%');
    expect(voice).not.toContain('MISSED');
  });

  it('judges expectations on skills.<skill>.<metric>', () => {
    const check = cli(['check', FILE]);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('skills.voice-orphan.handled = 0');
  });

  it('compares and sweeps by skill', () => {
    const b = cli(['run', FILE, '--out', join(out, 'b'), '--quiet', '--seed', '4']);
    expect(b.status).toBe(0);
    // A change of the skill's volume beyond −1000 always crosses: the figure is found in both reports.
    const compare = cli(['compare', join(out, 'a'), join(out, 'b'), '--fail-on', 'skills.voice-sales.offered>-1000']);
    expect(compare.status).toBe(1);
    expect(compare.stdout).toContain('FAIL  skills.voice-sales.offered>-1000');
    const unknown = cli(['compare', join(out, 'a'), join(out, 'b'), '--fail-on', 'skills.voice-sale.offered>-1000']);
    expect(unknown.stderr).toContain("did you mean 'skills.voice-sales.offered'");
    const sweep = cli(['sweep', FILE, '--vary', 'skills.voice-sales.arrivals.ratePerHour=20,60', '--metric', 'skills.voice-sales.asa', '--replications', '2', '--out', join(out, 's'), '--quiet']);
    expect(sweep.status).toBe(0);
    const rows = readFileSync(join(out, 's', 'sweep.csv'), 'utf8').split('\n').filter((l) => l.includes(',skill,voice-sales,offered,'));
    expect(rows).toHaveLength(2);
    const misspelt = cli(['sweep', FILE, '--vary', 'agents.team.count=3,4', '--metric', 'skills.voice-sale.asa', '--out', join(out, 't'), '--quiet']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toContain("did you mean 'skills.voice-sales.asa'");
  });

  it('names each contact\'s skill in contacts.csv, whatever --jobs, and the counts are the skills\' figures', () => {
    const rowsOf = (folder: string) => readFileSync(join(folder, 'contacts.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const one = join(out, 'contacts-1');
    const two = join(out, 'contacts-2');
    for (const [folder, jobs] of [[one, '1'], [two, '2']] as const) {
      expect(cli(['run', FILE, '--out', folder, '--quiet', '--contacts', '--no-charts', '--replications', '3', '--jobs', jobs]).status).toBe(0);
    }
    expect(readFileSync(join(two, 'contacts.csv'), 'utf8')).toBe(readFileSync(join(one, 'contacts.csv'), 'utf8'));
    const [header, ...rows] = rowsOf(one);
    expect(header!.at(-1)).toBe('skill');
    const summary = JSON.parse(readFileSync(join(one, 'summary.json'), 'utf8'));
    for (const skill of ['voice-sales', 'voice-support', 'voice-orphan']) {
      const offered = rows.filter((r) => r.at(-1) === skill && r[header!.indexOf('direction')] === 'inbound').length;
      expect(offered / 3, skill).toBeCloseTo(summary.skills[skill].offered.mean, 5);
    }
  });

  it('writes no skill figures for a scenario written with channels', () => {
    const channels = cli(['run', 'test/fixtures/check/holds.yaml', '--out', join(out, 'c'), '--quiet', '--replications', '2', '--contacts']);
    expect(channels.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'c', 'summary.json'), 'utf8')).skills).toBeUndefined();
    expect(readFileSync(join(out, 'c', 'summary.csv'), 'utf8')).not.toMatch(/^skill,/m);
    expect(existsSync(join(out, 'c', 'skills.csv'))).toBe(false);
    expect(existsSync(join(out, 'c', 'skills-days.csv'))).toBe(false);
    // contacts.csv keeps the columns it always had.
    expect(readFileSync(join(out, 'c', 'contacts.csv'), 'utf8').split('\n')[0]!.endsWith(',leftMidway,wrapStart')).toBe(true);
  });
});
