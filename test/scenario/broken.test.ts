// Broken scenario files: each is refused with exit code 2 and one line per problem naming the
// file, the field path and what is wanted, every problem at once, never a stack trace.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { elevationRefusal } from '../../src/osh/elevation.js';
import * as messages from '../../src/scenario/messages.js';
import { LIMITS } from '../../src/scenario/schema.js';
import { suggestion } from '../../src/suggest.js';
import { readScenario } from '../../src/scenario/read.js';
import { cli, stackTraceLines } from '../helpers/cli.js';

const DIR = 'test/fixtures/broken';
const DISTS = ['fixed', 'exponential', 'uniform', 'lognormal', 'gamma', 'erlang', 'empirical'];

/** A distribution field's "required" text: a mapping naming the dists the field accepts. */
const needsDist = (dists: string) => messages.required(`a mapping with dist: ${dists}`);

/**
 * Per fixture: each expected problem as [field path, its message], the message built by the
 * scenario room's catalog (so a reworded message changes in one place, and a wrong builder or
 * wrong arguments fail here).
 */
const CASES: Record<string, [string, string][]> = {
  'unknown-field.yaml': [
    ['channels.chat.exchnages', messages.unknownField(suggestion('exchnages', ['exchanges']), [])],
    ['channels.chat.exchanges', needsDist('fixed | geometric | empirical')],
  ],
  'negative-cv.yaml': [['channels.chat.reply.cv', messages.mustBe('a number >= 0 and <= 20', '-1')]],
  'unknown-distribution.yaml': [
    ['channels.voice.talk.dist', `${messages.mustBe(`one of ${DISTS.join(', ')}`, "'lognorm'")}${suggestion('lognorm', DISTS)}`],
  ],
  'staffing-length.yaml': [['agents[0].staffing', messages.onePerInterval(4, 3)]],
  'undefined-channel.yaml': [['agents[0].channels[1]', messages.notAChannelOfScenario('email', suggestion('email', ['voice']), ['voice'])]],
  'channel-twice.yaml': [['channels.voice', messages.fieldTwice()]],
  'not-a-number.yaml': [['channels.voice.arrivals.ratePerHour', messages.mustBe('a number >= 0', 'NaN')]],
  'missing-talk.yaml': [['channels.voice.talk', needsDist(DISTS.join(' | '))]],
  'bad-syntax.yaml': [
    ['line 3, column 1', messages.notYaml('Flow map in block collection must be sufficiently indented and end with a }')],
    ['line 5, column 1', messages.notYaml('Flow sequence in block collection must be sufficiently indented and end with a ]')],
  ],
  'empty.yaml': [['', messages.emptyScenario()]],
  'list.json': [['', messages.mustBe('a mapping', 'a list')]],
  'elevation-not-allowed.yaml': [['osh.elevation.policies[0]', messages.elevationNotAllowed('email', 'email', elevationRefusal('email', 'email')!)]],
  'unknown-profile.yaml': [['agents[0].profile', messages.noSuchProfile('osh-defualt', suggestion('osh-defualt', ['osh-default']), ['osh-default'])]],
  'alias-bomb.yaml': [['', messages.tooManyAliases(1000)]],
  'merge-bomb.yaml': [['', messages.tooManyAliases(1000)]],
  'beyond-limits.yaml': [
    ['horizon.intervals', messages.mustBe(`a whole number >= 1 and <= ${LIMITS.intervals}`, '50000')],
    ['channels.voice.talk.mean', messages.mustBe('a number > 0 and <= 100000000', '1e+308')],
    ['agents[0].count', messages.mustBe('a whole number >= 0 and <= 100000', '500000')],
  ],
  'overlapping-shifts.yaml': [['agents', messages.tooManyAgents(240_000, LIMITS.agents)]],
  'too-much-work.yaml': [
    ['agents', messages.tooManyAgents(200_005, LIMITS.agents)],
    ['channels', messages.tooManyArrivals(72_000_000, LIMITS.arrivalsPerReplication)],
  ],
  'many-problems.yaml': [
    ['name', messages.mustNotBeEmpty()],
    ['seed', messages.mustBe('a whole number >= 0 and <= 4294967295', '-3')],
    ['horizon.intervals', messages.mustBe(`a whole number >= 1 and <= ${LIMITS.intervals}`, '0')],
    ['replications', messages.mustBe(`a whole number >= 1 and <= ${LIMITS.replications}`, '2.5')],
    ['channels.voice.arrivals.ratePerHour', messages.mustBe('a number >= 0', '-10')],
    ['channels.voice.talk.mean', messages.mustBe('a number > 0 and <= 100000000', '0')],
  ],
};

describe('broken scenarios', () => {
  it('has at least ten broken fixtures', () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(10);
  });

  for (const [file, expected] of Object.entries(CASES)) {
    const path = join(DIR, file);
    it(`${file}: every problem, with its path`, () => {
      let error: unknown;
      try {
        readScenario(path);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      const issues = (error as InputError).issues;
      expect(issues.map((i) => [i.path, i.message])).toEqual(expected);
    });

    it(`${file}: osh-sim validate and run exit 2 with one line per problem`, () => {
      const out = join(mkdtempSync(join(tmpdir(), 'osh-broken-')), 'report');
      for (const args of [['validate', path], ['run', path, '--quiet', '--out', out]]) {
        const result = cli(args);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        expect(stackTraceLines(result.stderr)).toEqual([]);
        const lines = result.stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(expected.length);
        expect(lines).toEqual(expected.map(([fieldPath, message]) => (fieldPath === '' ? `${path}: ${message}` : `${path}: ${fieldPath}: ${message}`)));
      }
      expect(existsSync(out)).toBe(false);
    });
  }
});
