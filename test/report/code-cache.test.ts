// Sealed code caches: handed back only for the source they were sealed for, and intact.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSealedCache, writeSealedCache } from '../../src/report/code-cache.js';

const scratch = mkdtempSync(join(tmpdir(), 'osh-sim-code-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sealed code caches', () => {
  const source = Buffer.from('(function () { return 42; })');
  const cache = Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7) % 256));
  const path = join(scratch, 'script.cache');
  writeSealedCache(path, source, cache);

  it('give back the cache for the source they were sealed for', () => {
    expect(readSealedCache(path, source)).toEqual(cache);
  });

  it('give nothing for another source, even of the same length', () => {
    const other = Buffer.from('(function () { return 43; })');
    expect(other.length).toBe(source.length);
    expect(readSealedCache(path, other)).toBeUndefined();
  });

  it('give nothing when damaged, cut short or missing', () => {
    const sealed = readFileSync(path);
    for (const at of [0, 40, 64, sealed.length - 1]) {
      const damaged = Buffer.from(sealed);
      damaged[at]! ^= 1;
      writeFileSync(join(scratch, 'damaged.cache'), damaged);
      expect(readSealedCache(join(scratch, 'damaged.cache'), source), `byte ${at}`).toBeUndefined();
    }
    writeFileSync(join(scratch, 'short.cache'), sealed.subarray(0, 64));
    expect(readSealedCache(join(scratch, 'short.cache'), source)).toBeUndefined();
    writeFileSync(join(scratch, 'cut.cache'), sealed.subarray(0, sealed.length - 10));
    expect(readSealedCache(join(scratch, 'cut.cache'), source)).toBeUndefined();
    expect(readSealedCache(join(scratch, 'none.cache'), source)).toBeUndefined();
  });
});
