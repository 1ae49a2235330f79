// Process entry: runs the command line and sets the exit code.
import { reportError } from './exit.js';
import { main } from './main.js';

// A reader that stops early (`osh-sim compare … | head`) is no error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, (line) => process.stderr.write(`${line}\n`));
  },
);
