// A capacity plan's files. capacity.csv: one row per interval and group with the Erlang C
// estimate, the simulated requirement, the scheduled staff after shrinkage, the target that
// binds, the agents the plan would need with OSH off, and the figures the plan achieves against each target (mean, 95 % half-width, met or
// not). requirements.csv: the plain table a WFM tool imports (interval, date, day, group,
// on-phone, shrinkage, required, scheduled, binding). Agents; shares 0–1.
import { writeFileSync } from 'node:fs';
import { csvText } from './csv.js';
import { formatNumber } from './format.js';

export interface CapacityTable {
  readonly labels: readonly string[];
  /** Date and day of the week per interval when the horizon is dated, else null. */
  readonly dates?: readonly { readonly date: string; readonly day: string }[] | null;
  readonly groups: readonly string[];
  readonly erlangC: readonly (readonly number[])[];
  /** On-phone agents the simulation needs. */
  readonly required: readonly (readonly number[])[];
  /** required / (1 − shrinkage), rounded up. */
  readonly scheduled: readonly (readonly number[])[];
  readonly planned: readonly boolean[];
  readonly verdicts: readonly (readonly { figure: string; target: number; mean: number; ci95: number; met: boolean }[])[];
  /** Per group and interval: the target that set the requirement, `minimum`, or ''. */
  readonly binding?: readonly (readonly string[])[];
  readonly shrinkage?: readonly (readonly number[])[];
  /** The scenario's own agents per group and interval (the schedule's, when it has one). */
  readonly rostered?: readonly (readonly number[])[];
  /** Agents one contact at a time would need (the plan run with OSH off), when a group has OSH. */
  readonly oshOff?: readonly (readonly number[])[] | null;
}

function dateCells(table: CapacityTable, k: number): string[] {
  const d = table.dates?.[k];
  return d === undefined ? [] : [d.date, d.day];
}

function dateColumns(table: CapacityTable): string[] {
  return table.dates === undefined || table.dates === null ? [] : ['date', 'day'];
}

export function capacityCsv(table: CapacityTable): string {
  const figures = table.verdicts[0]?.map((v) => v.figure) ?? [];
  const columns = ['interval', 'start', 'group', 'planned', 'erlangC', 'required', 'scheduled', ...figures.flatMap((f) => [f, `${f}Ci95`, `${f}Target`, `${f}Met`]), ...dateColumns(table), 'binding', 'oshOff'];
  const rows: (string | number | boolean)[][] = [];
  table.labels.forEach((label, k) => {
    table.groups.forEach((group, g) => {
      const cells: (string | number | boolean)[] = [k, label, group, table.planned[g]!, table.erlangC[g]![k]!, table.required[g]![k]!, table.scheduled[g]![k]!];
      for (const v of table.verdicts[k]!) cells.push(formatNumber(v.mean), formatNumber(v.ci95), formatNumber(v.target), v.met);
      cells.push(...dateCells(table, k), table.binding?.[g]?.[k] ?? '', table.oshOff?.[g]?.[k] ?? '');
      rows.push(cells);
    });
  });
  return csvText(columns, rows);
}

/** The columns of requirements.csv (date and day only when the horizon is dated). */
export const REQUIREMENTS_COLUMNS = ['interval', 'date', 'day', 'group', 'onPhone', 'shrinkage', 'required', 'scheduled', 'binding'] as const;

/**
 * requirements.csv: one row per interval and planned group, as a WFM tool imports a
 * requirement; `interval` is the start as the planner's files write it (ISO when dated). `onPhone`: agents logged in and taking contacts that the plan needs;
 * `required` = onPhone / (1 − shrinkage), rounded up: agents to schedule; `scheduled`: the
 * agents the scenario (its schedule) has logged in; `binding`: what set the requirement.
 */
export function requirementsCsv(table: CapacityTable): string {
  const dated = table.dates !== undefined && table.dates !== null;
  const columns = REQUIREMENTS_COLUMNS.filter((c) => dated || (c !== 'date' && c !== 'day'));
  const rows: (string | number)[][] = [];
  table.labels.forEach((label, k) => {
    table.groups.forEach((group, g) => {
      if (!table.planned[g]) return;
      rows.push([
        // Dated: the ISO start a forecast or schedule row gives (2026-03-02T08:30), so the file goes back as it came.
        table.dates?.[k] === undefined ? label : `${table.dates[k].date}T${label.slice(-5)}`,
        ...dateCells(table, k),
        group,
        table.required[g]![k]!,
        formatNumber(table.shrinkage?.[g]?.[k] ?? 0),
        table.scheduled[g]![k]!,
        table.rostered?.[g]?.[k] ?? '',
        table.binding?.[g]?.[k] ?? '',
      ]);
    });
  });
  return csvText(columns, rows);
}

export function writeCapacityFile(folder: (name: string) => string, table: CapacityTable): void {
  writeFileSync(folder('capacity.csv'), capacityCsv(table));
  writeFileSync(folder('requirements.csv'), requirementsCsv(table));
}
