// The built command line as one script (dist/bundle/osh-sim.cjs, from scripts/build-cli.mjs)
// and the V8 code caches the build recorded for it (scripts/build-cli-cache.mjs). Compiled from
// a cache, a command neither parses the script nor compiles the functions it calls: about 50 ms
// of a short run. A cache costs its size to read whatever the command uses, so commands that
// work start from the cache a run recorded, and `--version`, `--help` and no command from the
// one `--version` recorded. Caches are sealed (as src/report/code-cache.ts seals vega's): one
// made for another build of the script, or damaged, is not used; one made by another Node, V8
// rejects. Either way the script compiles as usual. Exports `BUNDLE`, `CHART_LIBRARIES`,
// `cacheFor`, `cachePath`, `compileCommandLine` and `recordCache`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

// The seal of src/report/code-cache.ts (vega's cache has it too): before V8's bytes, the
// SHA-256 of the script's source and of those bytes. Written here again because this runs
// before the bundle: importing the compiled module for it made `--version` 10 ms slower
// (0.179 s against 0.170 s). A test reads a cache sealed by the one with the other.
const DIGEST_BYTES = 32;
/** @param {Buffer} bytes */
const sha256 = (bytes) => createHash('sha256').update(bytes).digest();

/** @param {string} path @param {Buffer} source @returns {Buffer | undefined} */
function readSealedCache(path, source) {
  if (!existsSync(path)) return undefined;
  const file = readFileSync(path);
  if (file.length <= 2 * DIGEST_BYTES) return undefined;
  const cache = file.subarray(2 * DIGEST_BYTES);
  if (!sha256(source).equals(file.subarray(0, DIGEST_BYTES))) return undefined;
  if (!sha256(cache).equals(file.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES))) return undefined;
  return cache;
}

/** @param {string} path @param {Buffer} source @param {Buffer} cache */
function writeSealedCache(path, source, cache) {
  writeFileSync(path, Buffer.concat([sha256(source), sha256(cache), cache]));
}

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/osh-sim.cjs', import.meta.url));
/** vega and vega-lite bundled (scripts/build-vega.mjs), which the bundle loads when it draws. */
export const CHART_LIBRARIES = fileURLToPath(new URL('../dist/vega/vega.cjs', import.meta.url));

/** @typedef {'start' | 'work'} CacheKind */
/** @typedef {'taken' | 'rejected' | 'none'} CacheState */

/**
 * The cache a command line starts from: `work` for a command, `start` for none (`--version`,
 * `--help`) and for `help`.
 * @param {readonly string[]} argv the arguments after the script's path
 * @returns {CacheKind}
 */
export function cacheFor(argv) {
  const first = argv[0];
  return first !== undefined && !first.startsWith('-') && first !== 'help' ? 'work' : 'start';
}

/** @param {CacheKind} kind */
export function cachePath(kind) {
  return fileURLToPath(new URL(`../dist/bundle/osh-sim.${kind}.cache`, import.meta.url));
}

/**
 * The bundle compiled, from the sealed code cache in `cacheFile` when it holds one for this
 * bundle, not yet run; `source`, the bundle's bytes, seals a cache recorded from it. The script
 * is a function of (exports, require, module, __bundleUrl) (scripts/build-cli.mjs): the
 * bundle's `import.meta.url` is `__bundleUrl`, the bundle's own file URL, so the files it finds
 * beside itself (workers, vega's bundle, package.json) are where they were.
 * @param {string | null} cacheFile
 * @returns {{ script: Script, cache: CacheState, source: Buffer }}
 */
export function compileCommandLine(cacheFile) {
  const source = readFileSync(BUNDLE);
  const cachedData = cacheFile === null ? undefined : readSealedCache(cacheFile, source);
  // The bundle is ASCII (esbuild escapes the rest): as Latin-1 it skips UTF-8 decoding, which
  // took 20 ms for a megabyte.
  const script = new Script(source.toString('latin1'), { filename: BUNDLE, cachedData });
  return { script, source, cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'taken' };
}

/**
 * Writes the cache of what `script` has compiled so far, sealed for `source`.
 * @param {string} path
 * @param {Script} script
 * @param {Buffer} source
 */
export function recordCache(path, script, source) {
  writeSealedCache(path, source, script.createCachedData());
}
