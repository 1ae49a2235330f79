// The log writer's rows are exactly csv-stringify's (it stands in for it where rows number in
// the millions), and numbers are written one way everywhere.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CsvFile, CsvText, csvRow, csvText } from '../../src/report/csv.js';
import { formatNumber, jsonNumber } from '../../src/report/format.js';
import { createStream } from '../../src/kernel/random.js';

const OPTIONS = { cast: { boolean: (value: boolean) => (value ? 'true' : 'false') } };
const ALPHABET = ['a', 'Z', '0', ',', '"', '\n', '\r', ' ', 'é', '😀', ';', '\t', "'"];

describe('CSV rows', () => {
  it('match csv-stringify byte for byte on random rows', () => {
    const stream = createStream(3, 0, 'csv-test');
    for (let i = 0; i < 2000; i++) {
      const cells: (string | number | boolean)[] = [];
      const n = 1 + Math.floor(stream.next() * 8);
      for (let c = 0; c < n; c++) {
        const kind = stream.next();
        if (kind < 0.2) cells.push(stream.next() < 0.5);
        else if (kind < 0.4) cells.push(Math.floor(stream.next() * 1e6) - 5e5);
        else {
          let text = '';
          const length = Math.floor(stream.next() * 6);
          for (let k = 0; k < length; k++) text += ALPHABET[Math.floor(stream.next() * ALPHABET.length)];
          cells.push(text);
        }
      }
      expect(csvRow(cells)).toBe(stringify([cells], OPTIONS));
    }
  });

  it('write numbers of every size the way csv-stringify does (integers go through toFixed)', () => {
    const numbers = [0, -0, 1, -1, 7, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e20, 123456789012345680000, 1e21, -1e21, 1e300, 0.5, -2.25, 1e-7, NaN, Infinity, -Infinity];
    for (const n of numbers) expect(csvRow([n, 'x'])).toBe(stringify([[n, 'x']], OPTIONS));
  });

  it('writes a file of many rows the way csv-stringify would', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'osh-csv-')), 'rows.csv');
    const file = new CsvFile(path, ['a', 'b', 'c']);
    const rows: (string | number | boolean)[][] = [];
    for (let i = 0; i < 30_000; i++) rows.push([i, `name, "${i}"`, i % 2 === 0]);
    for (const row of rows) file.write(row);
    file.close();
    expect(readFileSync(path, 'utf8')).toBe(stringify([['a', 'b', 'c'], ...rows], OPTIONS));
  });
});

describe('numbers', () => {
  it('have at most six decimals, no trailing zeros, no exponent, empty for no figure', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(-12)).toBe('-12');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2 / 3)).toBe('0.666667');
    expect(formatNumber(1234.5)).toBe('1234.5');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(-1e-7)).toBe('0');
    expect(formatNumber(3_000_000.25)).toBe('3000000.25');
    expect(formatNumber(Number.NaN)).toBe('');
    expect(formatNumber(Infinity)).toBe('');
    expect(jsonNumber(Number.NaN)).toBeNull();
    expect(jsonNumber(2 / 3)).toBe(0.666667);
  });

  it('write whole figure tables the way csv-stringify would', () => {
    const columns = ['interval', 'start', 'channel', 'serviceLevel'];
    const rows = [
      [0, '08:00', 'voice', 0.862345],
      [1, 'd2 08:30', 'chat, "billing"', ''],
      [2, '09:00', 'line\nbreak', true],
      [3, '09:30', 'all', -0.5],
    ];
    expect(csvText(columns, rows)).toBe(stringify([columns, ...rows], OPTIONS));
    expect(csvText(columns, [])).toBe(stringify([columns], OPTIONS));
  });

  it('build a table of megabytes row by row, multi-byte text included, the way csv-stringify would', () => {
    // Far past the first 64 KiB of bytes: the text grows as rows come.
    const columns = ['interval', 'skill', 'note'];
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 40_000; i++) rows.push([i, i % 3 === 0 ? 'voix-société' : 'chat, "😀"', 'x'.repeat(i % 50)]);
    const built = new CsvText(columns);
    for (const row of rows) built.write(row);
    const expected = stringify([columns, ...rows], OPTIONS);
    expect(Buffer.byteLength(expected)).toBeGreaterThan(1 << 20);
    expect(built.toString()).toBe(expected);
    expect(csvText(columns, rows)).toBe(expected);
  });
});
