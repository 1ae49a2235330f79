// Parsing of option values shared by the commands, each failing as a UsageError that names
// the option and what it wants.
import { UsageError } from './exit.js';
import { type PrecisionBound, parsePrecision } from '../experiments/precision-bound.js';
import * as messages from './messages.js';

/** The options every simulating command (run, sweep, capacity) takes. */
export interface SimulatingOptions {
  out?: string;
  seed?: number;
  replications?: number;
  jobs?: number;
  quiet?: boolean;
  /** false (--no-charts): figures only, no charts and no HTML page. */
  charts?: boolean;
  /** --trace-root: folders traces may also be read from (besides the scenario's own). */
  traceRoot?: string[];
  /** --precision: replications in batches until each named figure is within its bound. */
  precision?: PrecisionBound[];
  /** --max-replications: the cap of a precision-driven run. */
  maxReplications?: number;
}

/** `--precision FIGURE=BOUND`, repeatable: each parsed as given, or a UsageError. */
export function precisionOption(text: string, previous: PrecisionBound[] = []): PrecisionBound[] {
  const bound = parsePrecision(text);
  if (typeof bound === 'string') throw new UsageError(`--precision: ${bound}`);
  return [...previous, bound];
}

export function wholeNumber(option: string, min: number, max = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new UsageError(messages.notWholeNumber(option, min, max, text));
    }
    return value;
  };
}

export function positiveNumber(option: string): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
      throw new UsageError(messages.notPositiveNumber(option, text));
    }
    return value;
  };
}

export function fraction(option: string): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value >= 1) {
      throw new UsageError(messages.notFraction(option, text));
    }
    return value;
  };
}
