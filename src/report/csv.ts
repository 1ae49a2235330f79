// CSV files, every one written by `csvRow`: RFC 4180 quoting of exactly csv-stringify's output
// (a test holds the two byte-identical) at a seventh of its cost per row. The logs that grow
// with contacts (contacts.csv, sessions.csv) are written in batches, synchronously, so rows
// leave memory as they are produced even inside a simulation loop that never yields; the
// figure tables (thousands of rows for a long horizon) are built in memory the same way.
// Exports `CsvFile`, `CsvText`, `csvRow`, `csvText`, `joinParts`.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

type Cell = string | number | boolean;

/** A field needs quotes when it holds the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: Cell): string {
  // Integers through toFixed, not String(): see formatNumber (ids unique to a contact would
  // otherwise stay in V8's number-to-string cache long enough to reach the old generation).
  // Past 2^53 toFixed writes the binary value's every digit where String() writes the shortest.
  const text = typeof cell === 'boolean' ? (cell ? 'true' : 'false') : typeof cell === 'number' && Number.isSafeInteger(cell) ? cell.toFixed(0) : String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, as csv-stringify writes it with OPTIONS. */
export function csvRow(cells: readonly Cell[]): string {
  let line = csvField(cells[0]!);
  for (let i = 1; i < cells.length; i++) line += `,${csvField(cells[i]!)}`;
  return `${line}\n`;
}

export class CsvFile {
  private readonly fd: number;
  // Rows are encoded straight into one reused buffer: nothing outlives its row, so a log of
  // millions of rows adds nothing the garbage collector has to promote.
  private readonly buffer = Buffer.allocUnsafe(1 << 18);
  private used = 0;

  /** Opens `path` for writing; `header: false` writes rows only (a part of a larger file). */
  constructor(path: string, columns: readonly string[], options: { header?: boolean } = {}) {
    this.fd = openSync(path, 'w');
    if (options.header ?? true) this.append(csvRow(columns));
  }

  /** Cells in column order; numbers should already be formatted by `formatNumber`. */
  write(cells: readonly Cell[]): void {
    this.append(csvRow(cells));
  }

  private append(line: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.used + line.length * 3 > this.buffer.length) {
      this.flush();
      if (line.length * 3 > this.buffer.length) {
        writeSync(this.fd, line);
        return;
      }
    }
    this.used += this.buffer.write(line, this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * A CSV text built row by row into bytes. A string of concatenated rows holds every cell string
 * of every row until it is written (V8 keeps a concatenation as a tree of its parts): the cells
 * of a long horizon's tables were promoted to the old generation and cost a full collection.
 */
export class CsvText {
  private buffer = Buffer.allocUnsafe(1 << 16);
  private used = 0;

  constructor(columns: readonly string[]) {
    this.write(columns);
  }

  write(cells: readonly Cell[]): void {
    const line = csvRow(cells);
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    const needed = this.used + line.length * 3;
    if (needed > this.buffer.length) {
      const larger = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(larger, 0, 0, this.used);
      this.buffer = larger;
    }
    this.used += this.buffer.write(line, this.used);
  }

  toString(): string {
    return this.buffer.toString('utf8', 0, this.used);
  }
}

/** A whole table at once. */
export function csvText(columns: readonly string[], rows: readonly Cell[][]): string {
  const text = new CsvText(columns);
  for (const row of rows) text.write(row);
  return text.toString();
}

/** Writes a header, then appends each part file's bytes in order (parts are rows only). */
export function joinParts(path: string, columns: readonly string[], parts: readonly string[]): void {
  const out = openSync(path, 'w');
  try {
    writeSync(out, csvRow(columns));
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
