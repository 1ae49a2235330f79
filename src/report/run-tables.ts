// A run's per-interval and per-day tables (channels, skills, groups) as report rows built from
// its figures in memory, number for number what reading intervals.csv, skills.csv, groups.csv,
// days.csv and skills-days.csv back gives, for the figures the report draws (`REPORT_METRICS`,
// each with its ci95): a run draws its charts without parsing the files it has just written,
// and `osh-sim report` on the folder draws the same bytes (the tests compare both). Exports `runTables`, `asWritten`, `REPORT_METRICS`.
import type { RunSummary, TableSummary } from '../stats/summary.js';
import { cellOffset } from '../stats/table.js';
import type { Row } from './folder-data.js';

/** A figure as a CSV cell reads back: six decimals at most, NaN for no figure, never −0. */
export function asWritten(value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  // Without the decimal text (a month's tables hold about 300,000 figures): the scaled figure
  // is within 1.2e-4 of value × 10^6 below 10^12, so away from a tie its nearest integer n is
  // the one toFixed(6) picks, and n / 10^6, one correctly rounded division of exact numbers,
  // is the double nearest n × 10^-6, which is what the text reads back as.
  const scaled = value * 1e6;
  if (scaled < 1e12 && scaled > -1e12) {
    const below = Math.floor(scaled);
    const fraction = scaled - below;
    if (fraction < 0.499 || fraction > 0.501) return (fraction < 0.5 ? below : below + 1) / 1e6 || 0;
  }
  return Number(value.toFixed(6)) || 0;
}

/**
 * The figures report.html and its charts read from the interval tables (with their ci95): a
 * month holds about 40 columns over thousands of rows, and building them all costs more than
 * drawing a chart. A chart reading another figure adds it here (the re-render tests fail until then).
 */
export const REPORT_METRICS: ReadonlySet<string> = new Set([
  'offered', 'handled', 'abandoned', 'abandonRate', 'serviceLevel', 'asa', 'waitP90', 'aht', 'responseBreaches', 'responseBreachRate',
  'agents', 'occupancy', 'concurrencyMean',
]);

/** The cells a row of a table's column starts with: `interval` and `start`, or `day` and `start`. */
type Lead = readonly (readonly [string, string | number])[];

/**
 * A row of a run's table as the report reads it: its leading cells (`interval`, `start`, the
 * key) are its own, and each figure is read from the run's summary when the report asks for
 * it, rounded as its CSV cell reads back. A month's tables are about 8,600 rows of 26 figures;
 * written out as plain objects they cost 40-60 ms and a young generation of garbage per run,
 * where the charts read only a few figures of most rows (the busiest day's, the daily ones).
 */
class FigureRow {
  /** Where the row's figures start in its table's mean and ci95 values. */
  constructor(readonly at: number) {}
}

/** A figure getter per report metric and its ci95, on a prototype of the table's own. */
function figureRowType(table: TableSummary): typeof FigureRow {
  class TableRow extends FigureRow {}
  const figure = (values: ArrayLike<number>, m: number) =>
    function (this: FigureRow) {
      return asWritten(values[this.at + m]!);
    };
  table.mean.metrics.forEach((metric, m) => {
    if (!REPORT_METRICS.has(metric)) return;
    Object.defineProperty(TableRow.prototype, metric, { get: figure(table.mean.values, m), enumerable: true });
    Object.defineProperty(TableRow.prototype, `${metric}Ci95`, { get: figure(table.ci95.values, m), enumerable: true });
  });
  return TableRow;
}

/**
 * The wide rows of one table as `intervalsCsv` or `daysCsv` writes them, for the report's
 * figures: per column (interval or day, its `leads`) and row key, each figure and its ci95.
 * Rows are read, never written: a figure has a getter and no setter. (groups.csv also holds
 * the concurrency levels' shares, which no chart reads.)
 */
function tableRows(table: TableSummary, leads: readonly Lead[], keyColumn: string): Row[] {
  const TableRow = figureRowType(table);
  const keys = table.mean.rows;
  const rows: Row[] = [];
  for (let k = 0; k < leads.length; k++) {
    const lead = leads[k]!;
    for (let r = 0; r < keys.length; r++) {
      const row = new TableRow(cellOffset(table.mean, r, k)) as unknown as Row;
      for (const [column, value] of lead) row[column] = value;
      row[keyColumn] = keys[r]!;
      rows.push(row);
    }
  }
  return rows;
}

export interface RunTables {
  readonly intervals: Row[];
  readonly skills: Row[];
  readonly groups: Row[];
  readonly days: Row[];
  readonly skillDays: Row[];
}

export function runTables(summary: Pick<RunSummary, 'channels' | 'skills' | 'groups' | 'days'>, labels: readonly string[]): RunTables {
  const intervals: Lead[] = labels.map((label, k) => [['interval', k], ['start', label]]);
  const days = summary.days;
  const dayLeads: Lead[] = days === null ? [] : days.spans.map((span) => [['day', span.day], ['start', labels[span.first]!]]);
  return {
    intervals: tableRows(summary.channels, intervals, 'channel'),
    skills: summary.skills.mean.rows.length > 0 ? tableRows(summary.skills, intervals, 'skill') : [],
    groups: tableRows(summary.groups, intervals, 'group'),
    days: days === null ? [] : tableRows(days.channels, dayLeads, 'channel'),
    skillDays: days === null || days.skills.mean.rows.length === 0 ? [] : tableRows(days.skills, dayLeads, 'skill'),
  };
}
