// V8 code caches sealed with what they were made for. A cache file starts with the SHA-256 of
// its script's source and of the cache's own bytes: V8 checks a cache against its script's
// length only (a cache of another script of that length would run that script's code) and
// stops the process on damaged bytes. A sealed cache is handed to V8 only for the very source
// it was made from and intact; V8 still rejects one made by another Node. Exports
// `writeSealedCache` and `readSealedCache`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const DIGEST_BYTES = 32;

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}

/** Writes `cache` (V8's bytes for the script whose file holds `source`) sealed. */
export function writeSealedCache(path: string, source: Buffer, cache: Buffer): void {
  writeFileSync(path, Buffer.concat([sha256(source), sha256(cache), cache]));
}

/** The cache in `path` when it was sealed for `source` and is intact; else undefined (none, stale or damaged). */
export function readSealedCache(path: string, source: Buffer): Buffer | undefined {
  if (!existsSync(path)) return undefined;
  const file = readFileSync(path);
  if (file.length <= 2 * DIGEST_BYTES) return undefined;
  const cache = file.subarray(2 * DIGEST_BYTES);
  if (!sha256(source).equals(file.subarray(0, DIGEST_BYTES))) return undefined;
  if (!sha256(cache).equals(file.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES))) return undefined;
  return cache;
}
