// CSV files written with csv-stringify, in batches, synchronously: rows leave memory as they
// are produced, so a per-contact log of millions of rows keeps memory flat even inside a
// simulation loop that never yields. Exports `CsvFile`.
import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

type Cell = string | number | boolean;

const OPTIONS = { cast: { boolean: (value: boolean) => (value ? 'true' : 'false') } };

export class CsvFile {
  private readonly fd: number;
  private batch: Cell[][] = [];
  private readonly batchSize: number;
  rows = 0;

  constructor(path: string, columns: readonly string[], batchSize = 2048) {
    this.fd = openSync(path, 'w');
    this.batchSize = batchSize;
    writeSync(this.fd, stringify([columns as string[]], OPTIONS));
  }

  /** Cells in column order; numbers should already be formatted by `formatNumber`. */
  write(cells: Cell[]): void {
    this.batch.push(cells);
    this.rows++;
    if (this.batch.length >= this.batchSize) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    writeSync(this.fd, stringify(this.batch, OPTIONS));
    this.batch = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A whole small table at once. */
export function csvText(columns: readonly string[], rows: readonly Cell[][]): string {
  return stringify([columns as string[], ...(rows as Cell[][])], OPTIONS);
}
