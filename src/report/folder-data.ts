// Reads a report folder back (summary.json, run.json and the CSV files) into plain rows, so
// charts and the HTML page are built from the files alone: `osh-sim report <dir>` re-renders
// any folder, and a run renders its own through the same path.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import type { RunInfo } from './summary-files.js';
import * as messages from './messages.js';

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
  readonly timeline?: { readonly from: number; readonly to: number; readonly label: string };
}

export interface ReportData {
  readonly folder: string;
  readonly summary: SummaryJson;
  readonly run: RunInfo;
  readonly intervals: Row[];
  readonly groups: Row[];
  readonly distributions: Row[];
  readonly timeline: Row[];
  /** capacity.csv, when the folder holds a capacity plan. */
  readonly capacity: Row[];
}

const TEXT_COLUMNS = new Set(['start', 'channel', 'group', 'metric', 'direction', 'section', 'key', 'planned']);

function readCsv(folder: string, name: string, required: boolean): Row[] {
  const path = join(folder, name);
  if (!existsSync(path)) {
    if (required) throw new InputError(folder, [{ path: name, message: messages.notAReportFolder() }]);
    return [];
  }
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return records.map((record) => {
    const row: Row = {};
    for (const [key, value] of Object.entries(record)) {
      // `start` is numeric in timeline.csv (seconds) and a clock label elsewhere.
      const text = TEXT_COLUMNS.has(key) && !(name === 'timeline.csv' && key === 'start');
      row[key] = text ? value : value === '' ? Number.NaN : Number(value);
    }
    return row;
  });
}

function readJson<T>(folder: string, name: string): T {
  const path = join(folder, name);
  if (!existsSync(path)) throw new InputError(folder, [{ path: name, message: messages.notAReportFolder() }]);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new InputError(folder, [{ path: name, message: messages.notValidJson(error instanceof Error ? error.message : String(error)) }]);
  }
}

export function readReportFolder(folder: string): ReportData {
  return {
    folder,
    summary: readJson<SummaryJson>(folder, 'summary.json'),
    run: readJson<RunInfo>(folder, 'run.json'),
    intervals: readCsv(folder, 'intervals.csv', true),
    groups: readCsv(folder, 'groups.csv', true),
    distributions: readCsv(folder, 'distributions.csv', false),
    timeline: readCsv(folder, 'timeline.csv', false),
    capacity: readCsv(folder, 'capacity.csv', false),
  };
}
