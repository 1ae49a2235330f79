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
 * The wide rows of one table as `intervalsCsv` or `daysCsv` writes them, for the report's
 * figures: per column (interval or day, its `leads`) and row key, each figure and its ci95.
 */
function tableRows(table: TableSummary, leads: readonly Lead[], keyColumn: string, extra?: TableSummary): Row[] {
  const parts = (extra === undefined ? [table] : [table, extra]).map((t) => ({
    table: t,
    columns: t.mean.metrics.flatMap((metric, m) => (REPORT_METRICS.has(metric) ? [{ m, metric, ci: `${metric}Ci95` }] : [])),
  }));
  const rows: Row[] = [];
  leads.forEach((lead, k) => {
    table.mean.rows.forEach((key, r) => {
      // Keys are the program's own metric names, never the user's: a plain object, one shape for every row.
      const row: Row = {};
      for (const [column, value] of lead) row[column] = value;
      row[keyColumn] = key;
      for (const { table: t, columns } of parts) {
        const at = cellOffset(t.mean, r, k);
        for (const c of columns) {
          row[c.metric] = asWritten(t.mean.values[at + c.m]!);
          row[c.ci] = asWritten(t.ci95.values[at + c.m]!);
        }
      }
      rows.push(row);
    });
  });
  return rows;
}

export interface RunTables {
  readonly intervals: Row[];
  readonly skills: Row[];
  readonly groups: Row[];
  readonly days: Row[];
  readonly skillDays: Row[];
}

export function runTables(summary: Pick<RunSummary, 'channels' | 'skills' | 'groups' | 'levels' | 'days'>, labels: readonly string[]): RunTables {
  const intervals: Lead[] = labels.map((label, k) => [['interval', k], ['start', label]]);
  const days = summary.days;
  const dayLeads: Lead[] = days === null ? [] : days.spans.map((span) => [['day', span.day], ['start', labels[span.first]!]]);
  return {
    intervals: tableRows(summary.channels, intervals, 'channel'),
    skills: summary.skills.mean.rows.length > 0 ? tableRows(summary.skills, intervals, 'skill') : [],
    groups: tableRows(summary.groups, intervals, 'group', summary.levels),
    days: days === null ? [] : tableRows(days.channels, dayLeads, 'channel'),
    skillDays: days === null || days.skills.mean.rows.length === 0 ? [] : tableRows(days.skills, dayLeads, 'skill'),
  };
}
