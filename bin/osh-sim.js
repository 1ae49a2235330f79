#!/usr/bin/env node
// osh-sim command-line entry: runs the built command line (built by `npm ci` / `npm run build`),
// compiled from the code cache the build recorded for this kind of command (bin/bundle.js).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { BUNDLE, CHART_LIBRARIES, cacheFor, cachePath, compileCommandLine, recordCache } from './bundle.js';

// vega's bundle too: the command line has no module loader to import vega from node_modules.
if (!existsSync(BUNDLE) || !existsSync(CHART_LIBRARIES)) {
  process.stderr.write('osh-sim: not built yet; run `npm ci` (or `npm run build`) in the osh-sim folder\n');
  process.exit(3);
}
// The build records a cache at the end of a command's run: compiled afresh, so the cache holds
// what this command compiled, nothing inherited from an older one.
const recordTo = process.env.OSH_SIM_CODE_CACHE_OUT;
const recording = recordTo !== undefined && recordTo !== '';
const { script, source } = compileCommandLine(recording ? null : cachePath(cacheFor(process.argv.slice(2))));
if (recording) process.once('exit', () => recordCache(recordTo, script, source));
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, pathToFileURL(BUNDLE).href);
