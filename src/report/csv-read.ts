// Reads the CSV files osh-sim writes back into records (column name → cell text). Files with
// no quoted field (almost every figures file) are split directly, which is many times faster
// than a general parser on a month of intervals; anything else goes through csv-parse.
// Exports `readCsvRecords`.
import { parse } from 'csv-parse/sync';

export function readCsvRecords(text: string): Record<string, string>[] {
  if (text.includes('"') || text.includes('\r')) return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length === 0) return [];
  const columns = lines[0]!.split(',');
  const records: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    // A row of another width is malformed: let the general parser say so, as before.
    if (cells.length !== columns.length) return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const record: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) record[columns[c]!] = cells[c]!;
    records.push(record);
  }
  return records;
}
