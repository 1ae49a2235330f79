// `osh-sim check` read by CI: each JUnit testsuite carries its own scenario's measured time
// (not the whole run's) and its testcases share it; two scenario files of one name are told
// apart by their file in the verdict lines.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkScenarioLabel } from '../../src/cli/messages.js';
import { ROOT, cli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'osh-check-'));
const breaks = readFileSync(join(ROOT, 'test/fixtures/check/breaks.yaml'), 'utf8');

/** The same scenario name in two files: a small day, and a long one with many replications. */
function twoFilesOfOneName(): { small: string; large: string } {
  mkdirSync(join(work, 'a'));
  mkdirSync(join(work, 'b'));
  const small = join(work, 'a', 'breaks.yaml');
  const large = join(work, 'b', 'breaks.yaml');
  writeFileSync(small, breaks);
  writeFileSync(large, breaks.replace('replications: 6', 'replications: 40').replace('intervals: 6,', 'intervals: 24,'));
  return { small, large };
}

describe('osh-sim check --junit and verdict lines', () => {
  const { small, large } = twoFilesOfOneName();
  const junit = join(work, 'results.xml');
  let result: ReturnType<typeof cli>;
  beforeAll(() => {
    result = cli(['check', small, large, '--junit', junit, '--jobs', '2']);
  });

  it('names the file in each verdict line, so two scenarios of one name differ', () => {
    expect(result.status, result.stderr).toBe(1);
    const failures = result.stdout.split('\n').filter((l) => l.startsWith('FAIL') && l.includes(': chat.serviceLevel ='));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain(`FAIL  ${checkScenarioLabel('gate-breaks', small)}: chat.serviceLevel =`);
    expect(failures[1]).toContain(`FAIL  ${checkScenarioLabel('gate-breaks', large)}: chat.serviceLevel =`);
    const passes = result.stdout.split('\n').filter((l) => l.startsWith('pass'));
    expect(passes.length).toBeGreaterThan(0);
    for (const line of passes) expect(line.includes(small) || line.includes(large), line).toBe(true);
  });

  it("gives each testsuite its own scenario's time, and its testcases a share of it", () => {
    const xml = readFileSync(junit, 'utf8');
    const total = Number(/\(2 scenarios, 46 replications, ([\d.]+) s\)/.exec(result.stdout)![1]);
    const suites = [...xml.matchAll(/<testsuite name="gate-breaks" file="([^"]+)"[^>]* time="([\d.]+)">([\s\S]*?)<\/testsuite>/g)].map((m) => ({
      file: m[1],
      time: Number(m[2]),
      cases: [...m[3]!.matchAll(/<testcase [^>]*file="([^"]+)" time="([\d.]+)"/g)].map((c) => ({ file: c[1], time: Number(c[2]) })),
    }));
    expect(suites.map((s) => s.file)).toEqual([small, large]);
    const [a, b] = suites as [(typeof suites)[number], (typeof suites)[number]];
    expect(a.time).toBeGreaterThan(0);
    expect(b.time).toBeGreaterThan(0);
    // Each suite its own share of the run (no timing ratio: the machine may be shared).
    expect(a.time + b.time).toBeLessThanOrEqual(total + 0.05);
    for (const suite of suites) {
      expect(suite.cases.length).toBeGreaterThanOrEqual(13);
      for (const c of suite.cases) {
        expect(c.file).toBe(suite.file);
        expect(c.time).toBeGreaterThan(0);
      }
      const sum = suite.cases.reduce((s, c) => s + c.time, 0);
      expect(Math.abs(sum - suite.time)).toBeLessThanOrEqual(0.001 * suite.cases.length);
    }
    const whole = Number(/<testsuites [^>]*time="([\d.]+)"/.exec(xml)![1]);
    expect(whole).toBeCloseTo(a.time + b.time, 2);
  });
});
