// Every way a command can end maps to its exit code in one place (exit.ts), with the message
// the user reads: 0 help and version, 1 a failed expectation, 2 bad input, 3 anything else.
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ExitCode, ExpectationsFailed, UsageError, ValidationFailed, exitCodeOnSignal, reportError } from '../../src/cli/exit.js';
import { InputError, InternalError, SimulationError } from '../../src/errors.js';
import { WorkerTaskError } from '../../src/experiments/pool.js';

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
    expect(ending(new UsageError('--jobs: must be at least 1'))).toEqual({ code: ExitCode.badInput, lines: ['osh-sim: --jobs: must be at least 1'] });
    const input = new InputError('day.yaml', [{ path: 'seed', message: 'must be a whole number' }]);
    expect(ending(input)).toEqual({ code: ExitCode.badInput, lines: [input.message] });
    expect(ending(new ValidationFailed(['a.yaml: x', 'b.yaml: y']))).toEqual({ code: ExitCode.badInput, lines: ['a.yaml: x', 'b.yaml: y'] });
  });

  it('3 for a simulation error, a bug, a dying worker or anything unforeseen', () => {
    for (const error of [new SimulationError('negative draw', 12), new InternalError('broken'), new WorkerTaskError('Error', 'gone'), new Error('?'), 'text']) {
      const { code, lines } = ending(error);
      expect(code).toBe(ExitCode.internal);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^osh-sim: (simulation|internal) error: /);
    }
  });

  it('128 + the signal number after Ctrl-C or SIGTERM', () => {
    expect(exitCodeOnSignal('SIGINT')).toBe(130);
    expect(exitCodeOnSignal('SIGTERM')).toBe(143);
  });
});
