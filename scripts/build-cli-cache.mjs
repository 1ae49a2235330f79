// Records V8's code caches for the command line's bundle (bin/bundle.js reads them): `start`
// from `--version`, `work` from a run of the default day (two replications, its charts and
// report page drawn), which compiles what most commands share: reading a scenario, the
// simulation, the figures, the report folder. A cache holds the functions compiled by the end
// of the command that recorded it. Run by `npm run build` after build-vega.mjs (the run draws
// charts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachePath } from '../bin/bundle.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = `${root}bin/osh-sim.js`;
const scratch = mkdtempSync(join(tmpdir(), 'osh-sim-build-'));
try {
  const record = (kind, args) => {
    execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, OSH_SIM_CODE_CACHE_OUT: cachePath(kind) }, stdio: ['ignore', 'ignore', 'inherit'] });
    statSync(cachePath(kind));
  };
  record('start', ['--version']);
  record('work', ['run', `${root}scenarios/default.yaml`, '--replications', '2', '--jobs', '1', '--out', join(scratch, 'run'), '--quiet']);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
