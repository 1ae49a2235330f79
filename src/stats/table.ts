// A table of figures: rows (channels, groups, …) × columns (reporting intervals, then the
// whole horizon) × metrics, in one Float64Array so it crosses worker threads cheaply.
// NaN means "no figure" (a rate with nothing to divide by). Exports `MetricTable` helpers.

export interface MetricTable {
  readonly rows: readonly string[];
  /** Reporting intervals + 1: the last column is the whole horizon. */
  readonly columns: number;
  readonly metrics: readonly string[];
  readonly values: Float64Array;
}

export function createTable(rows: readonly string[], columns: number, metrics: readonly string[]): MetricTable {
  return { rows, columns, metrics, values: new Float64Array(rows.length * columns * metrics.length).fill(Number.NaN) };
}

export function cellOffset(table: MetricTable, row: number, column: number): number {
  return (row * table.columns + column) * table.metrics.length;
}

export function tableValue(table: MetricTable, row: string, column: number, metric: string): number {
  const r = table.rows.indexOf(row);
  const m = table.metrics.indexOf(metric);
  if (r < 0 || m < 0) return Number.NaN;
  return table.values[cellOffset(table, r, column) + m]!;
}

/** Ratio with "no figure" instead of a division by zero. */
export function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
