// Reads a report folder back (summary.json, run.json and the CSV files) into plain rows, so
// charts and the HTML page are built from the files alone: `osh-sim report <dir>` re-renders
// any folder, and a run renders its own through the same path. A folder may come from
// elsewhere, so every value read back is checked for its type (exit 2 naming the file and
// the field) before it reaches a page or a comparison.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type InputIssue } from '../errors.js';
import { readCsvRows } from './csv-read.js';
import type { RunInfo } from './summary-files.js';
import * as messages from './messages.js';
import { reportMessages } from './messages.js';

/** A CSV row: text cells as written, numeric cells as numbers (NaN for empty). */
export type Row = Record<string, string | number>;

export interface Estimate {
  readonly mean: number | null;
  readonly ci95: number | null;
  /** Replications that have the figure (absent in folders written before it was recorded). */
  readonly n?: number;
}

export interface SummaryJson {
  readonly scenario: string;
  readonly description?: string;
  readonly seed: number;
  readonly replications: number;
  readonly channels: Record<string, Record<string, Estimate | number | null>>;
  readonly groups: Record<string, Record<string, Estimate>>;
  readonly sessions: Record<string, Estimate>;
  readonly elevations: Record<string, Estimate>;
  /** Per skill: only in folders of scenarios written with skills. */
  readonly skills?: Record<string, Record<string, Estimate | number | string | null>>;
  readonly timeline?: { readonly from: number; readonly to: number; readonly label: string };
}

export interface ReportData {
  readonly folder: string;
  readonly summary: SummaryJson;
  readonly run: RunInfo;
  readonly intervals: Row[];
  readonly groups: Row[];
  /** skills.csv: per interval and skill, in folders of scenarios written with skills. */
  readonly skills: Row[];
  /** days.csv: per calendar day and channel (empty in folders written before days were). */
  readonly days: Row[];
  /** skills-days.csv: per calendar day and skill, in folders of scenarios written with skills. */
  readonly skillDays: Row[];
  readonly distributions: Row[];
  readonly timeline: Row[];
  /** capacity.csv, when the folder holds a capacity plan. */
  readonly capacity: Row[];
}

const TEXT_COLUMNS = new Set(['start', 'date', 'day', 'channel', 'skill', 'group', 'metric', 'direction', 'section', 'key', 'planned', 'binding']);

function readCsv(folder: string, name: string, required: boolean): Row[] {
  const path = join(folder, name);
  if (!existsSync(path)) {
    if (required) throw new InputError(folder, [{ path: name, message: messages.notAReportFolder() }]);
    return [];
  }
  checkRegularFile(folder, name);
  // `start` is numeric in timeline.csv (seconds) and a clock label elsewhere; `day` is the
  // day's number in the per-day files and the day of the week in the per-interval ones.
  const perDay = name === 'days.csv' || name === 'skills-days.csv';
  const text = (column: string) => (TEXT_COLUMNS.has(column) && !(name === 'timeline.csv' && column === 'start') && !(perDay && column === 'day')) || column === 'weekday';
  const issues: InputIssue[] = [];
  const numeric = (column: string) => (cell: string, line: number) => {
    // Numbers as osh-sim writes them; anything else (text, markup) was put there by hand.
    if (cell !== '' && !WORDS.has(cell) && !/^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(cell.trim())) {
      if (issues.length < 20) issues.push({ path: `line ${line}`, message: reportMessages.notNumber(column, cell.slice(0, 40)) });
    }
    return cell === '' ? Number.NaN : Number(cell);
  };
  let rows: Row[];
  try {
    rows = readCsvRows(readFileSync(path, 'utf8'), (column) => (text(column) ? (cell) => cell : numeric(column)));
  } catch (error) {
    throw new InputError(join(folder, name), [{ path: '', message: `is not a CSV file osh-sim wrote (${error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : String(error)})` }]);
  }
  if (issues.length > 0) throw new InputError(join(folder, name), issues);
  return rows;
}

/** Non-numeric cells osh-sim writes in numeric columns: verdicts (capacity.csv) and infinities. */
const WORDS = new Set(['true', 'false', 'Infinity', '-Infinity', 'NaN']);

type Check = (value: unknown, path: string, issues: InputIssue[]) => void;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text '${value.slice(0, 40)}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const need =
  (expected: string, ok: (v: unknown) => boolean): Check =>
  (value, path, issues) => {
    if (!ok(value)) issues.push({ path, message: reportMessages.wrongType(expected, describe(value)) });
  };
const isNumber = need('a number', (v) => typeof v === 'number' && Number.isFinite(v));
const isCount = need('a whole number >= 0', (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
const isText = need('text', (v) => typeof v === 'string');
const isNumberOrNull = need('a number or null', (v) => v === null || (typeof v === 'number' && Number.isFinite(v)));
const optional =
  (check: Check): Check =>
  (value, path, issues) => {
    if (value !== undefined && value !== null) check(value, path, issues);
  };
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fields(shape: Record<string, Check>): Check {
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push({ path: path === '' ? '(whole file)' : path, message: reportMessages.wrongType('an object', describe(value)) });
      return;
    }
    for (const [key, check] of Object.entries(shape)) check(value[key], path === '' ? key : `${path}.${key}`, issues);
  };
}

const isEstimate: Check = fields({ mean: isNumberOrNull, ci95: isNumberOrNull, n: optional(isCount) });

/** An object whose every value passes `check` (a table of figures keyed by name). */
function eachOf(check: Check): Check {
  return (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push({ path, message: reportMessages.wrongType('an object', describe(value)) });
      return;
    }
    for (const [key, item] of Object.entries(value)) check(item, `${path}.${key}`, issues);
  };
}

const isFigure: Check = (value, path, issues) => (isPlainObject(value) ? isEstimate(value, path, issues) : isNumberOrNull(value, path, issues));

const RUN_JSON = fields({
  version: isText,
  scenarioFile: isText,
  scenarioSha256: optional(isText),
  seed: isCount,
  replications: isCount,
  command: isText,
  wallTimeSec: isNumber,
  eventsSimulated: isCount,
  node: optional(isText),
  jobs: isCount,
  contactsSimulated: optional(isCount),
  peakMemoryMB: optional(isNumber),
});

const SUMMARY_JSON = fields({
  scenario: isText,
  description: optional(isText),
  seed: isCount,
  replications: isCount,
  channels: eachOf(eachOf(isFigure)),
  groups: eachOf(eachOf(isEstimate)),
  sessions: eachOf(isEstimate),
  elevations: eachOf(isEstimate),
  timeline: optional(fields({ from: isNumber, to: isNumber, label: isText })),
});

function checked<T>(folder: string, name: string, value: unknown, check: Check): T {
  const issues: InputIssue[] = [];
  check(value, '', issues);
  if (issues.length > 0) throw new InputError(join(folder, name), issues.slice(0, 20));
  return value as T;
}

/** Files read back are regular files of a sane size: not a link, a device or a FIFO that would hang. */
const MAX_FILE_BYTES = 1 << 30;
function checkRegularFile(folder: string, name: string): void {
  const stat = lstatSync(join(folder, name));
  if (!stat.isFile()) throw new InputError(folder, [{ path: name, message: 'is not a regular file (a link, a device or a pipe); osh-sim reads only the files it wrote' }]);
  if (stat.size > MAX_FILE_BYTES) throw new InputError(folder, [{ path: name, message: reportMessages.tooMany('bytes', MAX_FILE_BYTES, stat.size) }]);
}

function readJson<T>(folder: string, name: string): T {
  const path = join(folder, name);
  if (!existsSync(path)) throw new InputError(folder, [{ path: name, message: messages.notAReportFolder() }]);
  checkRegularFile(folder, name);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new InputError(folder, [{ path: name, message: messages.notValidJson(error instanceof Error ? error.message : String(error)) }]);
  }
}

/**
 * The report folder's data. A run hands over its per-interval tables from memory (`tables`,
 * the same rows reading the files back gives); the files present are still checked.
 */
export function readReportFolder(folder: string, tables?: Pick<ReportData, 'intervals' | 'groups' | 'skills' | 'days' | 'skillDays'>): ReportData {
  if (tables) for (const name of ['intervals.csv', 'groups.csv']) if (existsSync(join(folder, name))) checkRegularFile(folder, name);
  return {
    folder,
    summary: checked<SummaryJson>(folder, 'summary.json', readJson<unknown>(folder, 'summary.json'), SUMMARY_JSON),
    run: checked<RunInfo>(folder, 'run.json', readJson<unknown>(folder, 'run.json'), RUN_JSON),
    intervals: tables?.intervals ?? readCsv(folder, 'intervals.csv', true),
    groups: tables?.groups ?? readCsv(folder, 'groups.csv', true),
    skills: tables?.skills ?? readCsv(folder, 'skills.csv', false),
    days: tables?.days ?? readCsv(folder, 'days.csv', false),
    skillDays: tables?.skillDays ?? readCsv(folder, 'skills-days.csv', false),
    distributions: readCsv(folder, 'distributions.csv', false),
    timeline: readCsv(folder, 'timeline.csv', false),
    capacity: readCsv(folder, 'capacity.csv', false),
  };
}
