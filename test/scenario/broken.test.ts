// Broken scenario files: each is refused with exit code 2 and one line per problem naming the
// file, the field path and what is wanted, every problem at once, never a stack trace.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readScenario } from '../../src/scenario/read.js';
import { cli, stackTraceLines } from '../helpers/cli.js';

const DIR = 'test/fixtures/broken';

/** Per fixture: each expected problem as [field path, words its message must contain]. */
const CASES: Record<string, [string, string[]][]> = {
  'unknown-field.yaml': [
    ['channels.chat.exchnages', ['unknown field', "'exchanges'"]],
    ['channels.chat.exchanges', ['required']],
  ],
  'negative-cv.yaml': [['channels.chat.reply.cv', ['>= 0', 'got -1']]],
  'unknown-distribution.yaml': [['channels.voice.talk.dist', ["'lognorm'", "'lognormal'"]]],
  'staffing-length.yaml': [['agents[0].staffing', ['one value per interval', '4', 'got 3']]],
  'undefined-channel.yaml': [['agents[0].channels[1]', ["'email'", 'not a channel']]],
  'channel-twice.yaml': [['channels.voice', ['twice']]],
  'not-a-number.yaml': [['channels.voice.arrivals.ratePerHour', ['number', 'NaN']]],
  'missing-talk.yaml': [['channels.voice.talk', ['required', 'dist']]],
  'bad-syntax.yaml': [
    ['line 3, column 1', ['not valid YAML']],
    ['line 5, column 1', ['not valid YAML']],
  ],
  'empty.yaml': [['', ['empty']]],
  'list.json': [['', ['mapping', 'list']]],
  'elevation-not-allowed.yaml': [['osh.elevation.policies[0]', ['email > email', 'not allowed', 'voice']]],
  'unknown-profile.yaml': [['agents[0].profile', ["'osh-defualt'", "'osh-default'"]]],
  'alias-bomb.yaml': [['', ['aliases']]],
  'beyond-limits.yaml': [
    ['horizon.intervals', ['<= 20000', 'got 50000']],
    ['channels.voice.talk.mean', ['<= 100000000', 'got 1e+308']],
    ['agents[0].count', ['<= 100000', 'got 500000']],
  ],
  'overlapping-shifts.yaml': [['agents', ['240,000 agents', 'at most 200,000']]],
  'too-much-work.yaml': [
    ['agents', ['200,005 agents', 'at most 200,000']],
    ['channels', ['72,000,000 arrivals', 'at most 50,000,000']],
  ],
  'many-problems.yaml': [
    ['name', ['empty']],
    ['seed', ['>= 0', 'got -3']],
    ['horizon.intervals', ['>= 1', 'got 0']],
    ['replications', ['whole number', 'got 2.5']],
    ['channels.voice.arrivals.ratePerHour', ['>= 0', 'got -10']],
    ['channels.voice.talk.mean', ['> 0', 'got 0']],
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
      expect(issues.map((i) => i.path)).toEqual(expected.map(([p]) => p));
      issues.forEach((issue, i) => {
        for (const word of expected[i]![1]) expect(issue.message).toContain(word);
      });
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
        lines.forEach((line, i) => {
          const [fieldPath] = expected[i]!;
          expect(line.startsWith(fieldPath === '' ? `${path}: ` : `${path}: ${fieldPath}: `)).toBe(true);
        });
      }
      expect(existsSync(out)).toBe(false);
    });
  }
});
