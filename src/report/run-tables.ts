// A run's per-interval tables (channels, skills, groups) as report rows built from its figures
// in memory, row for row and number for number what reading intervals.csv, skills.csv and
// groups.csv back gives: a run draws its charts without parsing the files it has just written,
// and `osh-sim report` on the folder draws the same charts. Exports `runTables`, `asWritten`.
import type { TableSummary } from '../stats/summary.js';
import { cellOffset } from '../stats/table.js';
import type { Row } from './folder-data.js';

/** A figure as a CSV cell reads back: six decimals at most, NaN for no figure, never −0. */
export function asWritten(value: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  if (Number.isInteger(value)) return value === 0 ? 0 : value;
  return Number(value.toFixed(6)) || 0;
}

/** The wide rows of one table as `intervalsCsv` writes them: per interval and row key, each metric then its ci95. */
function tableRows(table: TableSummary, labels: readonly string[], keyColumn: string, extra?: TableSummary): Row[] {
  const parts = extra === undefined ? [table] : [table, extra];
  const rows: Row[] = [];
  for (let k = 0; k < labels.length; k++) {
    table.mean.rows.forEach((key, r) => {
      // Keys are the program's own metric names, never the user's: a plain object, one shape for every row.
      const row: Row = {};
      row['interval'] = k;
      row['start'] = labels[k]!;
      row[keyColumn] = key;
      for (const t of parts) {
        const at = cellOffset(t.mean, r, k);
        t.mean.metrics.forEach((metric, m) => {
          row[metric] = asWritten(t.mean.values[at + m]!);
          row[`${metric}Ci95`] = asWritten(t.ci95.values[at + m]!);
        });
      }
      rows.push(row);
    });
  }
  return rows;
}

export interface RunTables {
  readonly intervals: Row[];
  readonly skills: Row[];
  readonly groups: Row[];
}

export function runTables(summary: { channels: TableSummary; skills: TableSummary; groups: TableSummary; levels: TableSummary }, labels: readonly string[]): RunTables {
  return {
    intervals: tableRows(summary.channels, labels, 'channel'),
    skills: summary.skills.mean.rows.length > 0 ? tableRows(summary.skills, labels, 'skill') : [],
    groups: tableRows(summary.groups, labels, 'group', summary.levels),
  };
}
