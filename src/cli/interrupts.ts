// Ctrl-C and SIGTERM: whatever a command has under way (a staged report folder, worker
// threads) is undone before the process exits, so an earlier report folder stays as it was and
// no half-written one is left. Handlers run when the event loop gets control: between
// replications for a run in this thread, at once for work on worker threads.
import { exitCodeOnSignal } from './exit.js';
import * as messages from './messages.js';

/** Undoes a command's work in progress; may return a line for the user (what was kept). */
type Cleanup = () => string | void;
const cleanups = new Set<Cleanup>();
let installed = false;

/** Registers what to undo if the process is interrupted; returns the unregistration. */
export function whenInterrupted(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export function installInterruptHandlers(write: (line: string) => void): void {
  if (installed) return;
  installed = true;
  const stop = (signal: 'SIGINT' | 'SIGTERM') => {
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
    write(messages.interrupted(signal));
    for (const note of notes) write(messages.programLine(note));
    process.exit(exitCodeOnSignal(signal));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
