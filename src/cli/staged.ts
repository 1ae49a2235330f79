// A report folder written whole or not at all, and undone on Ctrl-C: every command that writes
// one (run, sweep, capacity, merge, compare) fills a staging folder through this. Exports
// `inStagedFolder`.
import { StagedFolder } from '../report/folder.js';
import { noteWritten, whenInterrupted } from './interrupts.js';

/**
 * Runs `fill` on a staging folder beside `destination`, then puts it in the destination's
 * place. On an error or an interruption the staging folder goes and an earlier folder at the
 * destination stays as it was; `interrupted` may say what was kept (a sweep's checkpoint).
 * `reading`: folders the command reads, which the destination must not replace.
 */
export async function inStagedFolder<T>(
  destination: string,
  command: string,
  fill: (staged: StagedFolder) => Promise<T> | T,
  interrupted?: () => string | void,
  reading: readonly string[] = [],
): Promise<T> {
  const staged = new StagedFolder(destination, `${command}-${process.pid}`, reading);
  const forget = whenInterrupted(() => {
    staged.abandon();
    return interrupted?.();
  });
  try {
    const result = await fill(staged);
    staged.commit();
    // In the same synchronous step as the rename: a later signal says the folder was written.
    noteWritten(destination);
    return result;
  } finally {
    forget();
    staged.abandon();
  }
}
