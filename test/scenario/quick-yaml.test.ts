import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml } from '../../src/scenario/quick-yaml.js';
import { parseScenarioText } from '../../src/scenario/read.js';

const root = join(import.meta.dirname, '../..');
const asYamlReadsIt = (text: string) => parseDocument(text, { uniqueKeys: false, strict: true, merge: true }).toJS();

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

describe('reading a plain scenario fast', () => {
  it("gives every scenario of the project the value `yaml` gives it, or leaves the file to `yaml`", () => {
    const files = [...yamlFiles(join(root, 'scenarios')), ...yamlFiles(join(root, 'test'))];
    expect(files.length).toBeGreaterThan(40);
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const quick = readPlainYaml(text, 64);
      if (quick === undefined) continue;
      read++;
      expect({ file, value: quick }).toEqual({ file, value: asYamlReadsIt(text) });
    }
    // Most files are plain; the ones with merge keys or aliases are `yaml`'s.
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it('resolves plain scalars as YAML 1.2 core does (as `yaml` does), quoted ones as strings', () => {
    const scalars = [
      '~', 'null', 'Null', 'NULL', '', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'yes', 'no', 'on', 'off', 'y', 'n',
      '0', '-0', '+12', '007', '0o17', '0O17', '0x1F', '0X1F', '0b101', '1_000', '12345678901234567890',
      '1.5', '-1.', '.5', '+.5', '1e3', '1E-3', '2.5e+2', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', 'inf', 'nan',
      '1:30', '2026-12-01', '12:00:00', '60s', "'3'", '"true"', '"1e3"', '0.1.2', '0x', '1e', 'e3',
    ];
    const text = scalars.map((s, i) => `k${i}: ${s}`).join('\n');
    const quick = readPlainYaml(text, 64);
    expect(quick).not.toBeUndefined();
    expect(quick).toEqual(asYamlReadsIt(text));
    // The test can tell the two apart: js-yaml's own schema reads these otherwise.
    const read = (scalar: string) => (quick as Record<string, unknown>)[`k${scalars.indexOf(scalar)}`];
    expect(read('1_000')).toBe('1_000');
    expect(read('0b101')).toBe('0b101');
    expect(read('0x1F')).toBe(31);
    expect(read('yes')).toBe('yes');
  });

  it('reads block and flow collections, block scalars and scalar keys alike', () => {
    const text = [
      'name: "a: b" # a comment',
      'list: [1, two, 3.5, {x: 1, y: [a, b]}]',
      'nested:',
      '  - {group: a, count: 3, channels: [voice, chat]}',
      '  - group: b',
      '    skills: [{skill: voice-sales, proficiency: 2}]',
      'text: |',
      '  line one',
      '  line two',
      'folded: >-',
      '  one',
      '  two',
      '1: number key',
      'true: bool key',
      'empty:',
      'anchor: &kept 5',
    ].join('\n');
    expect(readPlainYaml(text, 64)).toEqual(asYamlReadsIt(text));
  });

  it('leaves to `yaml` what it handles: aliases, merge keys, tags, directives, duplicates, errors, depth', () => {
    for (const text of [
      'a: &x 1\nb: *x',
      'base: {a: 1}\nderived: {<<: {b: 2}}',
      'a: !!str 5',
      '%YAML 1.1\n---\na: yes',
      'a: 1\na: 2',
      'a: [1, 2',
      '---\na: 1\n---\nb: 2',
      'a: - 1',
      'null: 1',
      'a: {~: 1}',
      '[a, b]: x',
      '[a]: x',
      '{a: 1}: x',
      '? [a]\n: 1',
      'a:\n  - ? b\n    : 1',
      `${'['.repeat(70)}${']'.repeat(70)}`,
    ]) {
      expect(readPlainYaml(text, 64)).toBeUndefined();
    }
    // A file of comments only is null to both; deep, but within the limit: read.
    expect(readPlainYaml('# only a comment', 64)).toBeNull();
    expect(asYamlReadsIt('# only a comment')).toBeNull();
    expect(readPlainYaml(`${'['.repeat(60)}1${']'.repeat(60)}`, 64)).not.toBeUndefined();
  });

  it("keeps `yaml`'s messages for what it leaves to `yaml`", () => {
    const issues: { path: string; message: string }[] = [];
    expect(parseScenarioText('name: a\nseed: 1\nseed: 2\n', issues)).toBeUndefined();
    expect(issues).toEqual([{ path: 'seed', message: expect.any(String) }]);
  });
});
