// `--precision FIGURE=BOUND` as written on the command line: the figure and the largest 95 %
// half-width allowed for it, absolute (in the figure's unit) or relative (`5%` of its mean).
// Light on purpose: the command line parses it before any simulator module loads.
// Exports `PrecisionBound`, `parsePrecision`.
import { precisionMessages } from './messages.js';

/** One `--precision` as written: `voice.serviceLevel=0.01` (absolute) or `voice.asa=5%` (relative). */
export interface PrecisionBound {
  readonly text: string;
  /** A figure name, or a bare channel metric (`asa`) meaning that metric of every channel. */
  readonly figure: string;
  readonly relative: boolean;
  /** The largest half-width allowed: in the figure's unit, or as a share of its mean. */
  readonly value: number;
}

/** Parses `FIGURE=BOUND`; a string is the problem with it. */
export function parsePrecision(text: string): PrecisionBound | string {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) return precisionMessages.notFigureEqualsBound(text);
  const figure = text.slice(0, eq).trim();
  const written = text.slice(eq + 1).trim();
  const relative = written.endsWith('%');
  const number = relative ? written.slice(0, -1).trim() : written;
  const value = Number(number);
  if (number === '' || !Number.isFinite(value) || value <= 0) return precisionMessages.badBound(text);
  if (relative && value >= 100) return precisionMessages.relativeTooLarge(text);
  return { text, figure, relative, value: relative ? value / 100 : value };
}

