// Builds the workbench page (web/) into dist/web/: the TypeScript bundled with vega, vega-lite
// and vega's expression interpreter into one script (no CDN: every byte is served by the
// workbench itself), beside index.html and the stylesheet. Run by `npm run build` (and so by
// `npm ci` through `prepare`).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist/web`;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [`${root}web/main.ts`],
  outfile: `${out}/app.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(`${root}web/${file}`, `${out}/${file}`);
