// The built command line as one script (dist/bundle/osh-sim.cjs, from scripts/build-cli.mjs)
// and the V8 code caches the build recorded for it (scripts/build-cli-cache.mjs). Compiled from
// a cache, a command neither parses the script nor compiles the functions it calls: about 60 ms
// of a short run. A cache costs its size to read whatever the command uses, so commands that
// work start from the cache a run recorded, and `--version`, `--help` and no command from the
// one `--version` recorded. A cache belongs to the Node that recorded it: another Node's V8
// rejects it and the script compiles as usual. Exports `BUNDLE`, `CHART_LIBRARIES`, `cacheFor`,
// `cachePath` and `compileCommandLine`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const BUNDLE = fileURLToPath(new URL('../dist/bundle/osh-sim.cjs', import.meta.url));
/**
 * vega and vega-lite bundled (scripts/build-vega.mjs): the bundle loads them from there, having
 * no module loader to import them from node_modules.
 */
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
 * The bundle compiled, from the code cache in `cacheFile` when there is one, not yet run. The
 * script is a function of (exports, require, module, __bundleUrl): the bundle's
 * `import.meta.url` is `__bundleUrl`, the bundle's own file URL, so the files it finds beside
 * itself (workers, vega's bundle, package.json) are where they were.
 * @param {string | null} cacheFile
 * @returns {{ script: Script, cache: CacheState }}
 */
export function compileCommandLine(cacheFile) {
  // The bundle is ASCII (esbuild escapes the rest): read as Latin-1, it skips UTF-8 decoding,
  // which took 20 ms for a megabyte.
  const source = readFileSync(BUNDLE, 'latin1');
  const cachedData = cacheFile !== null && existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(`(function (exports, require, module, __bundleUrl) {${source}\n})`, { filename: BUNDLE, cachedData });
  return { script, cache: cachedData === undefined ? 'none' : script.cachedDataRejected === true ? 'rejected' : 'taken' };
}
