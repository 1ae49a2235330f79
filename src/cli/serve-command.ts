// `osh-sim serve`: starts the what-if workbench (src/serve/) on the loopback (or --host),
// prints its URL, opens a browser with --open, and stops on Ctrl-C or SIGTERM, cancelling
// the runs under way and removing their temporary report folders.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jobsFor } from './execute.js';
import { UsageError } from './exit.js';
import { whenInterrupted } from './interrupts.js';
import { startWorkbench } from '../serve/server.js';
import { isLoopback } from '../serve/guard.js';
import { hostUnusable, listening, listeningOpenly, openFailed, portInUse, stopped } from '../serve/messages.js';

export interface ServeOptions {
  port: number;
  host: string;
  open?: boolean;
  jobs?: number;
}

/** Opens the URL in the desktop's browser; a machine without one only hears about it. */
function openBrowser(url: string, write: (line: string) => void): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => write(openFailed(url)));
  child.unref();
}

/** Runs until the process is interrupted (the interrupt handlers stop the workbench). */
export async function runServe(options: ServeOptions, write: (line: string) => void): Promise<void> {
  let workbench;
  try {
    workbench = await startWorkbench({
      host: options.host,
      port: options.port,
      jobs: jobsFor(options.jobs, Number.POSITIVE_INFINITY),
      assetsFolder: fileURLToPath(new URL('../web/', import.meta.url)),
      scenariosFolder: fileURLToPath(new URL('../../scenarios/', import.meta.url)),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(portInUse(options.port));
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UsageError(hostUnusable(options.host, code));
    throw error;
  }
  const running = workbench;
  whenInterrupted(() => stopped(running.stop()));
  write(isLoopback(options.host) ? listening(running.url) : listeningOpenly(running.url, options.host));
  if (options.open) openBrowser(running.url, write);
  await new Promise<never>(() => {});
}
