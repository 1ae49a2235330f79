// Starts `osh-sim serve` as a user would (the built command line, any free port) and hands
// back its URL, its output and a way to stop it, for the workbench's browser and HTTP tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/osh-sim.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningWorkbench {
  readonly child: ChildProcess;
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  output(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorkbench(args: string[] = [], env: Record<string, string> = {}): Promise<RunningWorkbench> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd: ROOT, env: { ...process.env, ...env, OSH_SIM_DEBUG: '' } });
  let text = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the workbench did not start: ${text}`)), 20_000);
    const seen = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /(http:\/\/[^\s]+\/)/.exec(text);
      if (match) {
        clearTimeout(timer);
        const url = new URL(match[1]!);
        resolve({ child, url: url.href, origin: url.origin, port: Number(url.port), output: () => text, exited });
      }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    void exited.then(() => reject(new Error(`the workbench exited: ${text}`)));
  });
}
