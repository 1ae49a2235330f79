// Ctrl-C and SIGTERM: whatever a command has under way (a staged report folder, worker
// threads) is undone before the process exits, so an earlier report folder stays as it was and
// no half-written one is left; a folder already put in place is reported as written. Handlers
// run when the event loop gets control: a replication on the main thread runs in slices that
// give it back every few milliseconds, and a long synchronous search (`erlang --target`) runs
// through `interruptibly`, which Ctrl-C stops at once. Exports `whenInterrupted`, `noteWritten`,
// `interruptibly`, `installInterruptHandlers`.
import vm from 'node:vm';
import { exitCodeOnSignal } from './exit.js';
import * as messages from './messages.js';

/** Undoes a command's work in progress; may return a line for the user (what was kept). */
type Cleanup = () => string | void;
type Signal = 'SIGINT' | 'SIGTERM';
const cleanups = new Set<Cleanup>();
const written: string[] = [];
let stop: ((signal: Signal) => never) | null = null;

/** Registers what to undo if the process is interrupted; returns the unregistration. */
export function whenInterrupted(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A report folder is in place (complete): an interruption from now on must say so. */
export function noteWritten(folder: string): void {
  written.push(folder);
}

// Node runs signal handlers only when the main thread's event loop gets control, so a long
// synchronous call (a replication, an Erlang search) would hear Ctrl-C only once it returned.
// Node's own watchdog for SIGINT (vm's breakOnSigint) stops such a call at once; the call is
// then abandoned, which is safe because its result was never going to be kept.
const call = new vm.Script('globalThis[Symbol.for("osh-sim.interruptible")]()', { filename: 'osh-sim-interruptible' });
const slot = Symbol.for('osh-sim.interruptible');

/** Runs `work` so that Ctrl-C stops it mid-call (when the interrupt handlers are installed). */
export function interruptibly<T>(work: () => T): T {
  if (stop === null) return work();
  const global = globalThis as unknown as Record<symbol, unknown>;
  const outer = global[slot];
  global[slot] = work;
  try {
    return call.runInThisContext({ breakOnSigint: true }) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_INTERRUPTED') stop('SIGINT');
    throw error;
  } finally {
    global[slot] = outer;
  }
}

export function installInterruptHandlers(write: (line: string) => void): void {
  if (stop !== null) return;
  stop = (signal: Signal): never => {
    const notes: string[] = [];
    for (const cleanup of [...cleanups].reverse()) {
      try {
        const note = cleanup();
        if (note) notes.push(note);
      } catch {
        // An interrupted process still exits; a failed cleanup must not hide the signal.
      }
    }
    cleanups.clear();
    write(written.length === 0 ? messages.interruptedNothingWritten(signal) : messages.interruptedAfterWriting(signal, written));
    for (const note of notes) write(messages.programLine(note));
    process.exit(exitCodeOnSignal(signal));
  };
  const handler = stop;
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
