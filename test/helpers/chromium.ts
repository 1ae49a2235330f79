// Finds Debian's Chromium (or the one OSH_SIM_CHROMIUM names) for the report's browser test.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export function findChromium(): string | null {
  const named = process.env['OSH_SIM_CHROMIUM'];
  if (named) return named;
  for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(path)) return path;
  const which = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : null;
}

/** The flags a sandboxed machine needs: no sandbox as root, and no background connections. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
