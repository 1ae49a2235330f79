// A capacity plan's file: capacity.csv, one row per interval and group with the Erlang C
// estimate, the simulated requirement, the scheduled staff after shrinkage, and the figures
// the plan achieves against each target (mean, 95 % half-width, met or not).
import { writeFileSync } from 'node:fs';
import { csvText } from './csv.js';
import { formatNumber } from './format.js';

export interface CapacityTable {
  readonly labels: readonly string[];
  readonly groups: readonly string[];
  readonly erlangC: readonly (readonly number[])[];
  readonly required: readonly (readonly number[])[];
  readonly scheduled: readonly (readonly number[])[];
  readonly planned: readonly boolean[];
  readonly verdicts: readonly (readonly { channel: string; metric: string; target: number; mean: number; ci95: number; met: boolean }[])[];
}

export function capacityCsv(table: CapacityTable): string {
  const figures = table.verdicts[0]?.map((v) => `${v.channel}.${v.metric}`) ?? [];
  const columns = ['interval', 'start', 'group', 'planned', 'erlangC', 'required', 'scheduled', ...figures.flatMap((f) => [f, `${f}Ci95`, `${f}Target`, `${f}Met`])];
  const rows: (string | number | boolean)[][] = [];
  table.labels.forEach((label, k) => {
    table.groups.forEach((group, g) => {
      const cells: (string | number | boolean)[] = [k, label, group, table.planned[g]!, table.erlangC[g]![k]!, table.required[g]![k]!, table.scheduled[g]![k]!];
      for (const v of table.verdicts[k]!) cells.push(formatNumber(v.mean), formatNumber(v.ci95), formatNumber(v.target), v.met);
      rows.push(cells);
    });
  });
  return csvText(columns, rows);
}

export function writeCapacityFile(folder: (name: string) => string, table: CapacityTable): void {
  writeFileSync(folder('capacity.csv'), capacityCsv(table));
}
