// Builds the chart renderer's libraries for the command line into dist/vega/: vega and vega-lite
// bundled into one CommonJS script (vega.cjs), and V8's code cache for it (vega.cache, sealed
// for that script: src/report/code-cache.ts), recorded while the command line draws the charts
// of a multi-day run. Loaded from node_modules, vega is
// about a hundred ES modules whose resolution, compilation and first calls cost 0.3 s of every
// run that draws a chart; from the bundle and its cache, about 0.1 s. The cache belongs to the
// Node (V8) that built it: another one rejects it and the bundle is compiled as usual.
// Run by `npm run build` after build-cli.mjs (it runs the built command line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/vega`;
rmSync(out, { recursive: true, force: true });

// vega-canvas looks for the optional `canvas` package with a top-level await, which a CommonJS
// script cannot hold. Charts are drawn to SVG without a canvas, and without that package (it is
// not a dependency) vega-canvas answers null to every call: the stand-in answers the same.
const withoutNodeCanvas = {
  name: 'without-node-canvas',
  setup(builder) {
    builder.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'without-node-canvas' }));
    builder.onLoad({ filter: /.*/, namespace: 'without-node-canvas' }, () => ({
      contents: 'export const canvas = () => null, domCanvas = () => null, image = () => null, nodeCanvas = () => null;',
      loader: 'js',
    }));
  },
};

await build({
  stdin: { contents: "export * as vega from 'vega';\nexport * as vegaLite from 'vega-lite';\n", resolveDir: root, loader: 'js' },
  outfile: `${out}/vega.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // ASCII (esbuild escapes the rest), which render.ts reads as Latin-1 without decoding.
  charset: 'ascii',
  legalComments: 'none',
  plugins: [withoutNodeCanvas],
  logLevel: 'warning',
});

// The cache holds the functions compiled by the time it is written: a run of a few days draws
// every kind of chart the reports have (per interval, per day, the average day, the heatmap).
const scratch = mkdtempSync(join(tmpdir(), 'osh-sim-build-'));
try {
  execFileSync(
    process.execPath,
    [`${root}bin/osh-sim.js`, 'run', `${root}scenarios/wfm-week.yaml`, '--replications', '1', '--jobs', '1', '--out', join(scratch, 'run'), '--quiet'],
    { env: { ...process.env, OSH_SIM_CHART_CODE_CACHE_OUT: `${out}/vega.cache` }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  statSync(`${out}/vega.cache`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
