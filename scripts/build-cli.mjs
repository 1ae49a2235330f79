// Bundles the compiled command line (dist/cli/bin.js) into one CommonJS script,
// dist/bundle/osh-sim.cjs, which bin/osh-sim.js compiles from the code cache the build records
// for it (scripts/build-cli-cache.mjs): Node otherwise resolves, links and compiles about a
// hundred modules on every start, which cost more than the work of a short command. A module
// the code imports dynamically (each command's) is still evaluated only when that command runs.
// The worker-thread entries (replication, Erlang and chart workers), which Node starts by URL as ES
// modules, are bundled beside it: one module per entry plus shared chunks. vega and vega-lite
// stay outside (build-vega.mjs bundles them apart, with a code cache). Run by `npm run build`
// after tsc.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/bundle`;
// Old code caches go with the old bundle: V8 checks a cache against its script's length only.
rmSync(out, { recursive: true, force: true });
await build({
  // Entry names are the files the code asks for beside itself (workers by URL).
  entryPoints: {
    'replication-worker': `${root}dist/experiments/replication-worker.js`,
    'erlang-worker': `${root}dist/cli/erlang-worker.js`,
    'chart-worker': `${root}dist/report/chart-worker.js`,
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['vega', 'vega-lite'],
  // CommonJS dependencies bundled into ES modules still call require for Node's built-ins.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  logLevel: 'warning',
});
await build({
  entryPoints: [`${root}dist/cli/bin.js`],
  outfile: `${out}/osh-sim.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['vega', 'vega-lite'],
  // A script compiled by node:vm has no module loader for import(): dynamic imports of Node's
  // built-ins become require, and the bundle's own are bundled.
  supported: { 'dynamic-import': false },
  // The file is the function bin/bundle.js compiles, (exports, require, module, __bundleUrl),
  // the bundle's own URL standing for its import.meta.url: compiled as read, not copied into a
  // wrapper (a megabyte more to allocate on every start).
  banner: { js: '(function (exports, require, module, __bundleUrl) {' },
  footer: { js: '})' },
  define: { 'import.meta.url': '__bundleUrl' },
  // ASCII, without comments: read as Latin-1 without decoding, and a fifth smaller to read.
  charset: 'ascii',
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
});
