// Exit codes, decided here alone, and the one place errors become messages: help and version
// → 0, bad input → 2 with one line per problem (a screenful at most), a failed expectation → 1,
// anything else → 3 with a short note (no stack trace unless OSH_SIM_DEBUG is set), a signal →
// 128 + its number. Exports `ExitCode`, `UsageError`, `ExpectationsFailed`, `ValidationFailed`,
// `screenful`, `MAX_PROBLEMS_SHOWN`, `reportError`, `exitCodeOnSignal`.
import { CommanderError } from 'commander';
import { InputError, InputErrors, InternalError, SimulationError } from '../errors.js';
import { WorkerTaskError } from '../experiments/pool.js';
import * as messages from './messages.js';

export const ExitCode = { ok: 0, expectationFailed: 1, badInput: 2, internal: 3 } as const;

/** The shell's convention: 128 + the signal's number (SIGINT 2, SIGTERM 15). */
export function exitCodeOnSignal(signal: 'SIGINT' | 'SIGTERM'): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** A bad command line: an option value out of range, a missing argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `check` or `compare --fail-on` found a failing expectation: exit 1, the lines are already printed. */
export class ExpectationsFailed extends Error {
  constructor() {
    super('an expectation failed');
    this.name = 'ExpectationsFailed';
  }
}

/** A validate run that found problems: its already formatted lines. */
export class ValidationFailed extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'ValidationFailed';
    this.lines = lines;
  }
}

/** Problems shown at most: the first screenful, then a count of the rest. */
export const MAX_PROBLEMS_SHOWN = 20;

/** The first MAX_PROBLEMS_SHOWN lines and, if there were more, one line counting the rest. */
export function screenful(lines: readonly string[]): string[] {
  if (lines.length <= MAX_PROBLEMS_SHOWN) return [...lines];
  return [...lines.slice(0, MAX_PROBLEMS_SHOWN), messages.moreProblems(lines.length - MAX_PROBLEMS_SHOWN)];
}

/** How a command that threw ends: writes what the user is to read and returns the exit code. */
export function reportError(error: unknown, write: (line: string) => void): number {
  if (error instanceof CommanderError) {
    // Commander has printed its own message (or the help) already.
    const finished = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    return finished ? ExitCode.ok : ExitCode.badInput;
  }
  if (error instanceof ExpectationsFailed) return ExitCode.expectationFailed;
  if (error instanceof ValidationFailed) {
    for (const line of screenful(error.lines)) write(line);
    return ExitCode.badInput;
  }
  if (error instanceof InputError || error instanceof InputErrors) {
    for (const line of screenful(error.message.split('\n'))) write(line);
    return ExitCode.badInput;
  }
  if (error instanceof UsageError) {
    write(messages.programLine(error.message));
    return ExitCode.badInput;
  }
  if (error instanceof WorkerTaskError) {
    write(error.errorName === 'SimulationError' ? messages.simulationErrorLine(error.message) : messages.internalErrorLine(error.message));
  } else if (error instanceof SimulationError) {
    write(messages.simulationErrorLine(error.message));
  } else if (error instanceof InternalError) {
    write(messages.internalErrorLine(error.message));
  } else if (error instanceof Error && 'code' in error && typeof error.code === 'string' && /^E[A-Z]+$/.test(error.code)) {
    write(messages.programLine(describeSystemError(error as NodeJS.ErrnoException)));
  } else {
    write(messages.internalErrorLine(error instanceof Error ? error.message : String(error)));
  }
  if (process.env['OSH_SIM_DEBUG'] && error instanceof Error && error.stack) write(error.stack);
  return ExitCode.internal;
}

function describeSystemError(error: NodeJS.ErrnoException): string {
  const where = error.path === undefined ? '' : ` (${error.path})`;
  switch (error.code) {
    case 'ENOSPC':
      return messages.diskFull(where);
    case 'EACCES':
    case 'EPERM':
      return messages.permissionDenied(where);
    case 'EROFS':
      return messages.readOnlyFileSystem(where);
    default:
      return error.message;
  }
}
