// Recorded arrivals (a trace CSV) replayed as they are: a time column, optionally a channel
// and a skill column (rows of other channels or skills are left to their own skill) and optional
// duration columns (talk, work, wrap, patience in seconds, exchanges as a count); an empty or
// absent cell is drawn from the skill's distribution. Bad rows are reported with their line
// number. Exports `parseTrace` and `parseTraces` (several skills of one file in one pass; pure) and
// the `Trace` they build.
import { parse } from 'csv-parse/sync';
import type { InputIssue } from '../errors.js';
import { CHANNELS, type ChannelName } from '../osh/channels.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';
import {
  excerpt,
  traceChannelNotReplaying,
  traceDuplicateColumn,
  traceDuration,
  traceImpossibleDate,
  traceRowsLimit,
  traceSkillNeeded,
  traceSkillNotReplaying,
  traceSkillOfOtherChannel,
  traceSkillsNeedSkillColumn,
  traceTimeColumns,
  traceUnknownChannel,
  traceUnknownSkill,
} from './messages.js';
import { LIMITS } from './schema.js';

/** One skill's arrivals, in time order; NaN in a duration column means "draw it". */
export interface Trace {
  readonly at: readonly number[];
  readonly handling: readonly number[];
  readonly wrap: readonly number[];
  readonly patience: readonly number[];
  readonly exchanges: readonly number[];
}

export const MAX_TRACE_ROWS = 5_000_000;
const TIME_COLUMNS = ['time', 'timestamp', 'arrival'];
const KNOWN = ['time', 'timestamp', 'arrival', 'channel', 'skill', 'talk', 'work', 'wrap', 'patience', 'exchanges'];
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
    if (day < 0) return `'${excerpt(t)}' is not a time: days are counted from d1`;
    [hh, mm, ss] = [Number(clock[2]), Number(clock[3]), Number(clock[4] ?? 0)];
  } else if (dated) {
    const date = Date.parse(`${dated[1]}T00:00:00Z`);
    // Date.parse rolls 2026-02-30 over to 2 March: the date must read back as written.
    if (Number.isNaN(date) || new Date(date).toISOString().slice(0, 10) !== dated[1]) return traceImpossibleDate(dated[1]!);
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
  const max = integer ? LIMITS.exchanges : LIMITS.durationSec;
  if (!Number.isFinite(value) || value < 0 || value > max || (integer && (!Number.isInteger(value) || value < 1))) {
    issues.push({ path: `line ${line}, ${column}`, message: traceDuration(text, column, integer, max) });
    return Number.NaN;
  }
  return value;
}

/** A skill of the scenario: its name and its channel. */
export interface TraceSkill {
  readonly name: string;
  readonly channel: ChannelName;
}

export interface TraceOptions {
  /** The channels replaying this file (default: every channel). */
  readonly fileChannels?: readonly ChannelName[];
  /** The skill reading the file (default: the skill named after the channel). */
  readonly skill?: string;
  /** The skills replaying this file (default: the skill of each of `fileChannels`). */
  readonly fileSkills?: readonly TraceSkill[];
  /** Every skill of the scenario, for a `skill` cell naming none (default: `fileSkills`). */
  readonly knownSkills?: readonly TraceSkill[];
  /** Rows of every channel the file may have (default MAX_TRACE_ROWS; tests lower it). */
  readonly maxRows?: number;
}

/** Thrown inside the CSV parser to stop it: the row limit was passed. */
class TooManyRows extends Error {}

/**
 * The rows of `channel` in a trace file's text. `horizonSec` bounds the replay: rows at or past
 * the horizon end are refused (arrivals stop there), as are rows before the start or out of order.
 * `fileChannels` are the channels replaying this file: a row of any other channel, or of no
 * channel at all (a typo, mojibake), is refused with its line number, never dropped. Rows are
 * handled as the parser yields them, so only this channel's figures are kept and the row
 * limit stops the parse as soon as it is passed.
 */
export function parseTrace(
  text: string,
  channel: ChannelName,
  startMinute: number,
  horizonSec: number,
  issues: InputIssue[],
  options: TraceOptions = {},
): Trace {
  return parseTraces(text, startMinute, horizonSec, [{ channel, issues, options }])[0]!;
}

/** A skill reading a shared trace: its channel, where its problems go, and its options. */
export interface TraceReading {
  readonly channel: ChannelName;
  readonly issues: InputIssue[];
  readonly options: TraceOptions;
}

/**
 * `parseTrace` for every skill replaying one file, in one pass of the CSV parser: each skill
 * gets the trace and the problems it would get alone (the same rows, lines and messages), but
 * the file is split into cells once, not once per skill (the parser is most of the cost).
 * The row limit is the first reading's `maxRows`.
 */
export function parseTraces(text: string, startMinute: number, horizonSec: number, readings: readonly TraceReading[]): Trace[] {
  const readers = readings.map((r) => skillReader(r.channel, startMinute, horizonSec, r.issues, r.options));
  const everyone = (issue: InputIssue) => {
    for (const r of readings) r.issues.push(issue);
  };
  if (text.includes('\u0000')) {
    everyone({ path: '', message: 'is not a text file (it contains NUL bytes); expected a CSV trace' });
    return readers.map((r) => r.trace);
  }
  const maxRows = readings[0]?.options.maxRows ?? MAX_TRACE_ROWS;
  let headerSeen = false;
  let rows = 0;
  try {
    parse(text, {
      relax_column_count: false,
      skip_empty_lines: true,
      bom: true,
      trim: true,
      // Each record is handled here and dropped (null): the parser keeps none of them.
      on_record: (record: string[], context) => {
        if (!headerSeen) {
          headerSeen = true;
          for (const r of readers) r.readHeader(record);
          return null;
        }
        // A reader whose header was refused reads no row, so it never passes the limit either.
        if (readers.some((r) => r.headerOk()) && ++rows > maxRows) throw new TooManyRows();
        for (const r of readers) r.readRow(record, context.lines);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyRows) {
      readers.forEach((r, i) => {
        if (r.headerOk()) readings[i]!.issues.push({ path: '', message: traceRowsLimit(maxRows) });
      });
      return readers.map((r) => r.trace);
    }
    const line = (error as { lines?: number }).lines;
    everyone({ path: line === undefined ? '' : `line ${line}`, message: messages.notCsv(csvProblem(error)) });
    return readers.map((r) => r.trace);
  }
  if (!headerSeen) everyone({ path: '', message: messages.emptyTrace() });
  return readers.map((r) => r.trace);
}

/** One skill's reader of a trace's records: the header, then each row as the parser yields it. */
function skillReader(channel: ChannelName, startMinute: number, horizonSec: number, issues: InputIssue[], options: TraceOptions) {
  const fileChannels = options.fileChannels ?? CHANNELS;
  const skill = options.skill ?? channel;
  const fileSkills = options.fileSkills ?? fileChannels.map((c) => ({ name: c, channel: c }));
  const knownSkills = options.knownSkills ?? fileSkills;
  // Rows carrying only a channel belong to this skill only when no other skill of the channel replays the file.
  const channelSkills = fileSkills.filter((k) => k.channel === channel).map((k) => k.name);
  const trace = { at: [] as number[], handling: [] as number[], wrap: [] as number[], patience: [] as number[], exchanges: [] as number[] };
  const start = issues.length;
  let header: string[] | null = null;
  let headerOk = false;
  let timeColumn = -1;
  let channelColumn = -1;
  let skillColumn = -1;
  const columnOf = new Map<string, number>();
  const handlingName = channel === 'voice' ? 'talk' : channel === 'chat' ? null : 'work';
  // Day 1 is the date of the file's first row, whichever channel it is: every channel of a
  // shared trace keeps one calendar. (A bad first row is reported where its channel reads it.)
  const firstDate = { value: null as string | null };
  let previous = -Infinity;
  let rows = 0;
  const full = () => issues.length - start >= MAX_ISSUES;

  const readHeader = (record: string[]): void => {
    header = record.map((h) => h.toLowerCase());
    header.forEach((name, i) => {
      if (!KNOWN.includes(name)) {
        issues.push({ path: 'line 1', message: messages.unknownTraceColumn(name, suggestion(name, KNOWN)) });
      } else if (columnOf.has(name)) {
        issues.push({ path: 'line 1', message: traceDuplicateColumn(name) });
      } else {
        columnOf.set(name, i);
      }
    });
    const times = header.filter((h) => TIME_COLUMNS.includes(h));
    if (times.length === 0) {
      issues.push({ path: 'line 1', message: messages.noTimeColumn() });
      return;
    }
    if (new Set(times).size > 1) issues.push({ path: 'line 1', message: traceTimeColumns([...new Set(times)]) });
    timeColumn = header.findIndex((h) => TIME_COLUMNS.includes(h));
    channelColumn = columnOf.get('channel') ?? -1;
    skillColumn = columnOf.get('skill') ?? -1;
    if (skillColumn < 0 && channelSkills.length > 1) issues.push({ path: 'line 1', message: traceSkillsNeedSkillColumn(channel, channelSkills) });
    headerOk = issues.length === start;
  };

  /** Whether a row naming skill `named` is this skill's; a skill unknown, not replaying the file or of another channel than the row's is refused. */
  const readsSkill = (named: string, row: string[], line: number): boolean => {
    const known = knownSkills.find((k) => k.name === named);
    if (known === undefined) {
      issues.push({ path: `line ${line}, skill`, message: traceUnknownSkill(named, suggestion(named, knownSkills.map((k) => k.name))) });
      return false;
    }
    if (!fileSkills.some((k) => k.name === named)) {
      issues.push({ path: `line ${line}, skill`, message: traceSkillNotReplaying(named) });
      return false;
    }
    const writtenChannel = channelColumn >= 0 ? row[channelColumn]! : '';
    if (writtenChannel !== '' && writtenChannel.toLowerCase() !== known.channel) {
      issues.push({ path: `line ${line}, channel`, message: traceSkillOfOtherChannel(writtenChannel, named, known.channel) });
      return false;
    }
    return named === skill;
  };

  const readRow = (row: string[], line: number): void => {
    if (!headerOk || full()) return;
    rows++;
    if (rows === 1) parseTime(row[timeColumn] ?? '', startMinute, firstDate);
    const named = skillColumn >= 0 ? row[skillColumn]! : '';
    if (named !== '') {
      if (!readsSkill(named, row, line)) return;
    } else if (channelColumn >= 0) {
      const written = row[channelColumn]!;
      const rowChannel = written.toLowerCase();
      if (rowChannel !== channel) {
        if (!(CHANNELS as readonly string[]).includes(rowChannel)) {
          issues.push({ path: `line ${line}, channel`, message: traceUnknownChannel(written, CHANNELS) });
        } else if (!fileChannels.includes(rowChannel as ChannelName)) {
          issues.push({ path: `line ${line}, channel`, message: traceChannelNotReplaying(rowChannel) });
        }
        return;
      }
      if (skillColumn >= 0 && channelSkills.length > 1) {
        issues.push({ path: `line ${line}, skill`, message: traceSkillNeeded(channel, channelSkills) });
        return;
      }
    } else if (skillColumn >= 0 && channelSkills.length > 1) {
      issues.push({ path: `line ${line}, skill`, message: traceSkillNeeded(channel, channelSkills) });
      return;
    }
    const cell = (name: string) => {
      const at = columnOf.get(name);
      return at === undefined ? undefined : row[at];
    };
    const time = parseTime(row[timeColumn]!, startMinute, firstDate);
    const timeName = header![timeColumn]!;
    if (typeof time === 'string') {
      issues.push({ path: `line ${line}, ${timeName}`, message: time });
      return;
    }
    if (time < 0) issues.push({ path: `line ${line}, ${timeName}`, message: messages.beforeHorizonStart(-time) });
    else if (time >= horizonSec) issues.push({ path: `line ${line}, ${timeName}`, message: messages.pastHorizonEnd(time, horizonSec) });
    else if (time < previous) issues.push({ path: `line ${line}, ${timeName}`, message: messages.rowsOutOfOrder() });
    previous = Math.max(previous, time);
    for (const name of ['talk', 'work', 'exchanges']) {
      if (name !== handlingName && !(name === 'exchanges' && channel === 'chat') && (cell(name) ?? '') !== '') {
        issues.push({ path: `line ${line}, ${name}`, message: messages.columnNotForChannel(channel) });
      }
    }
    if (cell('patience') !== undefined && cell('patience') !== '' && channel !== 'voice' && channel !== 'chat') {
      issues.push({ path: `line ${line}, patience`, message: messages.neverAbandons(channel) });
    }
    trace.at.push(time);
    trace.handling.push(handlingName === null ? Number.NaN : duration(cell(handlingName), handlingName, issues, line));
    trace.wrap.push(duration(cell('wrap'), 'wrap', issues, line));
    trace.patience.push(duration(cell('patience'), 'patience', issues, line));
    trace.exchanges.push(channel === 'chat' ? duration(cell('exchanges'), 'exchanges', issues, line, true) : Number.NaN);
  };

  return { trace: trace as Trace, readHeader, readRow, headerOk: () => headerOk };
}

/** The parser's complaint without the text it quotes (a line of the file may hold anything). */
function csvProblem(error: unknown): string {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return excerpt(message.replace(/,? (?:value|field|record) is .*$/i, '').replace(/:\s*".*$/, ''), 120);
}
