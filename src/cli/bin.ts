// Process entry: runs the command line and ends the process with its exit code.
import { reportError } from './exit.js';
import { main } from './main.js';

// A reader that stops early (`osh-sim compare … | head`) is no error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * Ends the process once what it wrote is out. Left to end by itself, Node closes its signal
 * watchers and then frees its heap and stops its threads: a Ctrl-C in that while (10 ms and
 * more) ended the process unhandled, without the line that says whether the report was
 * written. Until the exit, the command's own handlers hear it.
 */
function exitWhenWritten(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitWhenWritten, (error: unknown) => {
  exitWhenWritten(reportError(error, (line) => process.stderr.write(`${line}\n`)));
});
