// CSV files written with csv-stringify, in batches, synchronously: rows leave memory as they
// are produced, so a per-contact log of millions of rows keeps memory flat even inside a
// simulation loop that never yields. Exports `CsvFile`.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';

type Cell = string | number | boolean;

const OPTIONS = { cast: { boolean: (value: boolean) => (value ? 'true' : 'false') } };

export class CsvFile {
  private readonly fd: number;
  private batch: Cell[][] = [];
  private readonly batchSize: number;
  rows = 0;

  /** Opens `path` for writing; `header: false` writes rows only (a part of a larger file). */
  constructor(path: string, columns: readonly string[], options: { header?: boolean; batchSize?: number } = {}) {
    this.fd = openSync(path, 'w');
    this.batchSize = options.batchSize ?? 2048;
    if (options.header ?? true) writeSync(this.fd, stringify([columns as string[]], OPTIONS));
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

/** Writes a header, then appends each part file's bytes in order (parts are rows only). */
export function joinParts(path: string, columns: readonly string[], parts: readonly string[]): void {
  const out = openSync(path, 'w');
  try {
    writeSync(out, stringify([columns as string[]], OPTIONS));
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (const part of parts) {
      const fd = openSync(part, 'r');
      try {
        for (;;) {
          const n = readSync(fd, buffer, 0, buffer.length, null);
          if (n === 0) break;
          writeSync(out, buffer, 0, n);
        }
      } finally {
        closeSync(fd);
      }
    }
  } finally {
    closeSync(out);
  }
}
