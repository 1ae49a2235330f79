// Reads the CSV files osh-sim writes back into rows, each cell converted by its column (text or
// number). Files with no quoted field (almost every figures file) are split directly, one pass
// and one object per row, many times faster than a general parser on a month of intervals;
// anything else goes through csv-parse. Exports `readCsvRows`.
import { parse } from 'csv-parse/sync';

/** A converter per column; `line` is the cell's line in the file (the header is line 1). */
export type CellReader = (column: string) => (cell: string, line: number) => string | number;

export function readCsvRows(text: string, reader: CellReader): Record<string, string | number>[] {
  if (!text.includes('"') && !text.includes('\r')) {
    const lines = text.split('\n');
    const columns = (lines[0] ?? '').split(',');
    const readers = columns.map(reader);
    const rows: Record<string, string | number>[] = [];
    let regular = true;
    for (let i = 1; i < lines.length && regular; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      const cells = line.split(',');
      // A row of another width is malformed: the general parser below says so, as before.
      if (cells.length !== columns.length) regular = false;
      else {
        // Column names come from the file: a null-prototype row takes `__proto__` as a plain key.
        const row: Record<string, string | number> = Object.create(null) as Record<string, string | number>;
        for (let c = 0; c < columns.length; c++) row[columns[c]!] = readers[c]!(cells[c]!, i + 1);
        rows.push(row);
      }
    }
    if (regular) return lines[0] === undefined || lines[0] === '' ? [] : rows;
  }
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (records.length === 0) return [];
  const readers = new Map(Object.keys(records[0]!).map((column) => [column, reader(column)]));
  return records.map((record, r) => {
    const row: Record<string, string | number> = Object.create(null) as Record<string, string | number>;
    for (const [key, value] of Object.entries(record)) row[key] = (readers.get(key) ?? reader(key))(value, r + 2);
    return row;
  });
}
