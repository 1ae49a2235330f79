// Runs the built command line as a user would (node bin/osh-sim.js …) and captures its output.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/osh-sim.js', import.meta.url));

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...options.env, OSH_SIM_DEBUG: '' },
    timeout: 120_000,
    maxBuffer: 1 << 26,
  });
  // A child killed by a signal (or never started) has no status: say which, for the failure message.
  const why = result.error ? `\n[${result.error.message}]` : result.signal ? `\n[killed by ${result.signal}]` : '';
  return { status: result.status ?? -1, stdout: result.stdout, stderr: `${result.stderr}${why}` };
}

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the command line without waiting, for tests that signal it while it runs. */
export function start(args: string[], options: { env?: Record<string, string> } = {}): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...options.env, OSH_SIM_DEBUG: '' } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.resume();
  const finished = new Promise<Finished>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stderr })));
  return { child, finished };
}

/** Lines that look like a JavaScript stack trace. */
export function stackTraceLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at .+[(:]/.test(line) || /node:internal/.test(line));
}
