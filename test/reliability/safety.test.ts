// Scenario safety: a scenario is data. Its name never steers where files go (only --out does),
// YAML tags that would build objects or run code are refused, and its text is escaped wherever
// it is shown: in the HTML report and on the terminal.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, stackTraceLines } from '../helpers/cli.js';

const small = readFileSync(join(ROOT, 'scenarios/erlang-c.yaml'), 'utf8').replace('intervals: 240', 'intervals: 4').replace('replications: 10', 'replications: 2');

/** A working folder two levels down, so `../../etc` from it would still land inside the sandbox. */
function sandbox(name: string, scenarioText: string): { root: string; cwd: string } {
  const root = mkdtempSync(join(tmpdir(), 'osh-safety-'));
  const cwd = join(root, 'a', 'b');
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'named.yaml'), scenarioText.replace('name: erlang-c', `name: ${JSON.stringify(name)}`));
  return { root, cwd };
}

/** Every path under a folder, to prove nothing was written outside `reports/`. */
function tree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

describe('a scenario named ../../etc/x', () => {
  for (const [command, extra, folder] of [
    ['run', [], 'etc-x'],
    ['sweep', ['--vary', 'agents.agents.count=9,10'], 'etc-x.sweep'],
    ['capacity', [], 'etc-x.capacity'],
  ] as const) {
    it(`osh-sim ${command} writes under reports/ and nowhere else`, () => {
      const { root, cwd } = sandbox('../../etc/x', small);
      const result = cli([command, 'named.yaml', ...extra, '--no-charts', '--quiet'], { cwd });
      expect(result.status, result.stderr).toBe(0);
      expect(readdirSync(join(cwd, 'reports'))).toEqual([folder]);
      expect(existsSync(join(root, 'etc'))).toBe(false);
      expect(tree(root).filter((p) => !p.startsWith(join('a', 'b', 'reports', folder)))).toEqual(['a', join('a', 'b'), join('a', 'b', 'named.yaml'), join('a', 'b', 'reports')]);
    });
  }
});

describe('nothing in a scenario is evaluated', () => {
  const tags = [
    ['!!js/function', "name: !!js/function 'function () { process.exit(9) }'"],
    ['!!js/undefined', 'name: !!js/undefined ""'],
    ['!!python/object', 'name: !!python/object:os.system [ls]'],
    ['a custom tag', 'name: !include /etc/passwd'],
  ];
  for (const [label, line] of tags) {
    it(`refuses ${label} with exit 2 and a one-line message`, () => {
      const { cwd } = sandbox('x', small);
      writeFileSync(join(cwd, 'named.yaml'), small.replace('name: erlang-c', line));
      const result = cli(['validate', 'named.yaml'], { cwd });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n').every((l) => l.startsWith('named.yaml: '))).toBe(true);
      expect(stackTraceLines(result.stderr)).toEqual([]);
    });
  }

  it('treats code-like text as plain text: a name "${process.exit(9)}" and __proto__ keys run as data', () => {
    const { cwd } = sandbox('${process.exit(9)} {{constructor.constructor("x")()}}', small);
    const result = cli(['run', 'named.yaml', '--no-charts', '--quiet'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    const proto = small.replace('channels:', 'channels:\n  __proto__: { polluted: true }');
    writeFileSync(join(cwd, 'proto.yaml'), proto);
    const refused = cli(['validate', 'proto.yaml'], { cwd });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('channels.__proto__');
  });
});

describe('scenario text is escaped where it is shown', () => {
  const hostile = '<script>alert(1)</script>\u001b[2J\u0007"&\'';

  it('in the HTML report: no markup from the scenario survives', () => {
    const { cwd } = sandbox(hostile, small.replace(/description: .*/, `description: ${JSON.stringify(hostile)}`));
    const result = cli(['run', 'named.yaml', '--out', 'out', '--quiet'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(join(cwd, 'out', 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('\u001b');
  });

  it('on the terminal: control characters and escape sequences are removed', () => {
    const { cwd } = sandbox(hostile, small);
    const result = cli(['run', 'named.yaml', '--out', 'out', '--no-charts'], { cwd });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('<script>alert(1)</script>?[2J?');
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('in error messages: a hostile field name is shown without its control characters', () => {
    const { cwd } = sandbox('x', small.replace('channels:', 'channels:\n  "bad\\u001b[31mkey": { }'));
    const result = cli(['validate', 'named.yaml'], { cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
