// Every way a command can end maps to its exit code in one place (exit.ts), with the message
// the user reads: 0 help and version, 1 a failed expectation, 2 bad input, 3 anything else.
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode, ExpectationsFailed, UsageError, ValidationFailed, exitCodeOnSignal, reportError } from '../../src/cli/exit.js';
import { InputError, InternalError, SimulationError } from '../../src/errors.js';
import { WorkerTaskError } from '../../src/experiments/pool.js';
import * as messages from '../../src/cli/messages.js';

function ending(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = reportError(error, (line) => lines.push(line));
  return { code, lines };
}

describe('exit codes', () => {
  it('0 after help or the version, which commander has printed', () => {
    for (const code of ['commander.helpDisplayed', 'commander.help', 'commander.version']) {
      expect(ending(new CommanderError(0, code, ''))).toEqual({ code: ExitCode.ok, lines: [] });
    }
  });

  it('1 for a failed expectation, whose lines are already printed', () => {
    expect(ending(new ExpectationsFailed())).toEqual({ code: ExitCode.expectationFailed, lines: [] });
  });

  it('2 for bad input: a command line commander refused, a usage error, a scenario, a validate run', () => {
    expect(ending(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'"))).toEqual({ code: ExitCode.badInput, lines: [] });
    const usage = messages.notWholeNumber('--jobs', 1, 256, '0');
    expect(ending(new UsageError(usage))).toEqual({ code: ExitCode.badInput, lines: [messages.programLine(usage)] });
    const input = new InputError('day.yaml', [{ path: 'seed', message: 'must be a whole number' }]);
    expect(ending(input)).toEqual({ code: ExitCode.badInput, lines: [input.message] });
    expect(ending(new ValidationFailed(['a.yaml: x', 'b.yaml: y']))).toEqual({ code: ExitCode.badInput, lines: ['a.yaml: x', 'b.yaml: y'] });
  });

  it('3 for a simulation error, a bug, a dying worker or anything unforeseen', () => {
    const simulation = new SimulationError('negative draw', 12);
    expect(ending(simulation)).toEqual({ code: ExitCode.internal, lines: [messages.simulationErrorLine(simulation.message)] });
    expect(ending(new WorkerTaskError('SimulationError', 'negative draw'))).toEqual({ code: ExitCode.internal, lines: [messages.simulationErrorLine('negative draw')] });
    for (const [error, text] of [[new InternalError('broken'), 'broken'], [new WorkerTaskError('Error', 'gone'), 'gone'], [new Error('?'), '?'], ['text', 'text']] as const) {
      expect(ending(error)).toEqual({ code: ExitCode.internal, lines: [messages.internalErrorLine(text)] });
    }
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', path: '/tmp/x' });
    expect(ending(full)).toEqual({ code: ExitCode.internal, lines: [messages.programLine(messages.diskFull(' (/tmp/x)'))] });
  });

  it('128 + the signal number after Ctrl-C or SIGTERM', () => {
    expect(exitCodeOnSignal('SIGINT')).toBe(130);
    expect(exitCodeOnSignal('SIGTERM')).toBe(143);
  });
});
