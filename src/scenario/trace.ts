// Recorded arrivals (a trace CSV) replayed as they are: a time column, optionally a channel
// column (rows of other channels are left to their own channel) and optional duration columns
// (talk, work, wrap, patience in seconds, exchanges as a count); an empty or absent cell is
// drawn from the channel's distribution. Bad rows are reported with their line number.
// Exports `parseTrace` (pure) and the `Trace` it builds.
import { parse } from 'csv-parse/sync';
import type { InputIssue } from '../errors.js';
import type { ChannelName } from '../osh/channels.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';

/** One channel's arrivals, in time order; NaN in a duration column means "draw it". */
export interface Trace {
  readonly at: readonly number[];
  readonly handling: readonly number[];
  readonly wrap: readonly number[];
  readonly patience: readonly number[];
  readonly exchanges: readonly number[];
}

export const MAX_TRACE_ROWS = 5_000_000;
const TIME_COLUMNS = ['time', 'timestamp', 'arrival'];
const KNOWN = ['time', 'timestamp', 'arrival', 'channel', 'talk', 'work', 'wrap', 'patience', 'exchanges'];
const MAX_ISSUES = 20;

/**
 * A time of day `HH:MM[:SS[.sss]]` (optionally `d2 08:00:00` for a later day), a date-time
 * `YYYY-MM-DD[T ]HH:MM[:SS]` (day 1 is the first row's date), or seconds since the horizon
 * start. Returns seconds since the horizon start, or a message.
 */
function parseTime(text: string, startMinute: number, firstDate: { value: string | null }): number | string {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const clock = /^(?:d(\d+)\s+)?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(t);
  const dated = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:Z)?$/.exec(t);
  let day: number;
  let hh: number;
  let mm: number;
  let ss: number;
  if (clock) {
    day = clock[1] === undefined ? 0 : Number(clock[1]) - 1;
    [hh, mm, ss] = [Number(clock[2]), Number(clock[3]), Number(clock[4] ?? 0)];
  } else if (dated) {
    const date = Date.parse(`${dated[1]}T00:00:00Z`);
    if (Number.isNaN(date)) return messages.notADate(t);
    firstDate.value ??= dated[1]!;
    day = Math.round((date - Date.parse(`${firstDate.value}T00:00:00Z`)) / 86_400_000);
    [hh, mm, ss] = [Number(dated[2]), Number(dated[3]), Number(dated[4] ?? 0)];
  } else {
    return messages.notATime(t);
  }
  if (hh > 23 || mm > 59 || ss >= 60) return messages.notATimeOfDay(t);
  return day * 86_400 + hh * 3600 + mm * 60 + ss - startMinute * 60;
}

function duration(text: string | undefined, column: string, issues: InputIssue[], line: number, integer = false): number {
  if (text === undefined || text.trim() === '') return Number.NaN;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (integer && (!Number.isInteger(value) || value < 1))) {
    issues.push({ path: `line ${line}, ${column}`, message: messages.badTraceDuration(integer, text) });
    return Number.NaN;
  }
  return value;
}

/**
 * The rows of `channel` in a trace file's text. `horizonSec` bounds the replay: rows at or past
 * the horizon end are refused (arrivals stop there), as are rows before the start or out of order.
 */
export function parseTrace(text: string, channel: ChannelName, startMinute: number, horizonSec: number, issues: InputIssue[]): Trace {
  const empty: Trace = { at: [], handling: [], wrap: [], patience: [], exchanges: [] };
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    issues.push({ path: line === undefined ? '' : `line ${line}`, message: messages.notCsv(error instanceof Error ? String(error.message.split('\n')[0]) : String(error)) });
    return empty;
  }
  if (records.length === 0) {
    issues.push({ path: '', message: messages.emptyTrace() });
    return empty;
  }
  const header = records[0]!.map((h) => h.toLowerCase());
  for (const name of header) {
    if (!KNOWN.includes(name)) {
      issues.push({ path: 'line 1', message: messages.unknownTraceColumn(name, suggestion(name, KNOWN)) });
    }
  }
  const timeColumn = header.findIndex((h) => TIME_COLUMNS.includes(h));
  if (timeColumn < 0) {
    issues.push({ path: 'line 1', message: messages.noTimeColumn() });
    return empty;
  }
  if (records.length - 1 > MAX_TRACE_ROWS) {
    issues.push({ path: '', message: messages.traceTooLong(records.length - 1, MAX_TRACE_ROWS) });
    return empty;
  }
  const column = (name: string) => header.indexOf(name);
  const channelColumn = column('channel');
  const handlingName = channel === 'voice' ? 'talk' : channel === 'chat' ? null : 'work';
  const at: number[] = [];
  const handling: number[] = [];
  const wrap: number[] = [];
  const patience: number[] = [];
  const exchanges: number[] = [];
  // Day 1 is the date of the file's first row, whichever channel it is: every channel of a
  // shared trace keeps one calendar. (A bad first row is reported where its channel reads it.)
  const firstDate = { value: null as string | null };
  if (records.length > 1) parseTime(records[1]![timeColumn] ?? '', startMinute, firstDate);
  let previous = -Infinity;
  const start = issues.length;
  for (let r = 1; r < records.length && issues.length - start < MAX_ISSUES; r++) {
    const row = records[r]!;
    const line = r + 1;
    const cell = (name: string) => (column(name) < 0 ? undefined : row[column(name)]);
    if (channelColumn >= 0 && row[channelColumn] !== channel) continue;
    const time = parseTime(row[timeColumn]!, startMinute, firstDate);
    if (typeof time === 'string') {
      issues.push({ path: `line ${line}, ${header[timeColumn]}`, message: time });
      continue;
    }
    if (time < 0) issues.push({ path: `line ${line}, ${header[timeColumn]}`, message: messages.beforeHorizonStart(-time) });
    else if (time >= horizonSec) issues.push({ path: `line ${line}, ${header[timeColumn]}`, message: messages.pastHorizonEnd(time, horizonSec) });
    else if (time < previous) issues.push({ path: `line ${line}, ${header[timeColumn]}`, message: messages.rowsOutOfOrder() });
    previous = Math.max(previous, time);
    for (const name of ['talk', 'work', 'exchanges']) {
      if (name !== handlingName && !(name === 'exchanges' && channel === 'chat') && (cell(name) ?? '') !== '') {
        issues.push({ path: `line ${line}, ${name}`, message: messages.columnNotForChannel(channel) });
      }
    }
    if (cell('patience') !== undefined && cell('patience') !== '' && channel !== 'voice' && channel !== 'chat') {
      issues.push({ path: `line ${line}, patience`, message: messages.neverAbandons(channel) });
    }
    at.push(time);
    handling.push(handlingName === null ? Number.NaN : duration(cell(handlingName), handlingName, issues, line));
    wrap.push(duration(cell('wrap'), 'wrap', issues, line));
    patience.push(duration(cell('patience'), 'patience', issues, line));
    exchanges.push(channel === 'chat' ? duration(cell('exchanges'), 'exchanges', issues, line, true) : Number.NaN);
  }
  return { at, handling, wrap, patience, exchanges };
}
