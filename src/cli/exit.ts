// Exit codes and the one place errors become messages: bad input → 2 with one line per
// problem, a failed expectation → 1, anything else → 3 with a short note (no stack trace
// unless OSH_SIM_DEBUG is set). Exports `ExitCode`, `UsageError`, `reportError`.
import { InputError, InputErrors, InternalError, SimulationError } from '../errors.js';
import { WorkerTaskError } from '../experiments/pool.js';
import { cliMessages } from './messages.js';

export const ExitCode = { ok: 0, expectationFailed: 1, badInput: 2, internal: 3 } as const;

/** A bad command line: an option value out of range, a missing argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Problems shown at most: the first screenful, then a count of the rest. */
export const MAX_PROBLEMS_SHOWN = 20;

/** The first MAX_PROBLEMS_SHOWN lines and, if there were more, one line counting the rest. */
export function screenful(lines: readonly string[]): string[] {
  if (lines.length <= MAX_PROBLEMS_SHOWN) return [...lines];
  return [...lines.slice(0, MAX_PROBLEMS_SHOWN), cliMessages.moreProblems(lines.length - MAX_PROBLEMS_SHOWN)];
}

export function reportError(error: unknown, write: (line: string) => void): number {
  if (error instanceof InputError || error instanceof InputErrors) {
    for (const line of screenful(error.message.split('\n'))) write(line);
    return ExitCode.badInput;
  }
  if (error instanceof UsageError) {
    write(`osh-sim: ${error.message}`);
    return ExitCode.badInput;
  }
  if (error instanceof WorkerTaskError) {
    write(`osh-sim: ${error.errorName === 'SimulationError' ? 'simulation error' : 'internal error'}: ${error.message}`);
  } else if (error instanceof SimulationError) {
    write(`osh-sim: simulation error: ${error.message}`);
  } else if (error instanceof InternalError) {
    write(`osh-sim: internal error: ${error.message}`);
  } else if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) {
    write(`osh-sim: ${describeSystemError(error as NodeJS.ErrnoException)}`);
  } else {
    write(`osh-sim: internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (process.env['OSH_SIM_DEBUG'] && error instanceof Error && error.stack) write(error.stack);
  return ExitCode.internal;
}

function describeSystemError(error: NodeJS.ErrnoException): string {
  const where = error.path === undefined ? '' : ` (${error.path})`;
  switch (error.code) {
    case 'ENOSPC':
      return `the disk is full${where}; nothing was written`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${where}`;
    case 'EROFS':
      return `read-only file system${where}`;
    default:
      return error.message;
  }
}
