// Bundles the compiled command line (dist/cli/bin.js and the worker-thread entries) into
// dist/bundle/: one module per entry plus shared chunks, each command's code still loaded only
// when that command runs (dynamic imports become chunks). Node resolves and links about a
// hundred small modules on every start otherwise, which cost more than the work of a short
// command. vega and vega-lite stay outside (build-vega.mjs bundles them apart, with a code cache).
// Run by `npm run build` after tsc.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/bundle`;
rmSync(out, { recursive: true, force: true });
await build({
  // Entry names are the files the code asks for beside itself (workers by URL).
  entryPoints: {
    bin: `${root}dist/cli/bin.js`,
    'replication-worker': `${root}dist/experiments/replication-worker.js`,
    'erlang-worker': `${root}dist/cli/erlang-worker.js`,
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
