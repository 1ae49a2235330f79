#!/usr/bin/env node
// osh-sim command-line entry: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bundle/bin.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('osh-sim: not built yet; run `npm ci` (or `npm run build`) in the osh-sim folder\n');
  process.exit(3);
}
await import(entry.href);
