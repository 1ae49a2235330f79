// Parsing of option values shared by the commands, each failing as a UsageError that names
// the option and what it wants.
import { UsageError } from './exit.js';
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
