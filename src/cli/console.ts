// What a run prints on the terminal: the headline figures per channel and group against
// target, as an aligned plain-text table (durations in seconds, minutes or hours as they read
// best). Scenario text is stripped of control characters.
import { formatDuration } from '../report/format.js';
import { capacitySavingSplit } from '../report/messages.js';
import type { Scenario } from '../scenario/model.js';
import { cellOffset, type MetricTable } from '../stats/table.js';
import type { RunSummary } from '../stats/summary.js';

/** Terminal-safe text: control characters (escape sequences included) are removed. */
export function terminalText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

/** Colour on a terminal: FORCE_COLOR (not 0) asks for it, NO_COLOR refuses it, else a TTY that is not dumb. */
export function wantsColour(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

function total(table: MetricTable, row: string, metric: string): number {
  const r = table.rows.indexOf(row);
  const m = table.metrics.indexOf(metric);
  if (r < 0 || m < 0) return Number.NaN;
  return table.values[cellOffset(table, r, table.columns - 1) + m]!;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** A duration in the unit people read it in: `4.3 s`, `6 min`, `2.5 h`. */
function duration(value: number): string {
  return Number.isFinite(value) ? formatDuration(value) : '-';
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '-';
}

export function alignTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function renderRunSummary(scenario: Scenario, outcome: { folder: string; summary: RunSummary; wallTimeSec: number }): string {
  const { summary } = outcome;
  const mean = summary.channels.mean;
  // All channels' service level mixes their thresholds (20 s, 60 s, 4 h): shown only when they
  // share one, as report.html does; summary.csv keeps the figure.
  const mixed = new Set(scenario.skills.map((s) => s.serviceLevel.thresholdSec)).size > 1;
  const channelRows = mean.rows.map((row) => {
    // A channel of several skills has no one target: each skill has its own (summary.json's skills).
    const ofChannel = scenario.skills.filter((c) => c.channel === row);
    const target = ofChannel.length === 1 ? ofChannel[0]!.serviceLevel.target : null;
    const sl = row === 'all' && mixed ? Number.NaN : total(mean, row, 'serviceLevel');
    const mark = target === null || !Number.isFinite(sl) ? '' : sl >= target ? ' ok' : ' MISSED';
    return [
      row,
      fixed(total(mean, row, 'offered'), 1),
      `${percent(sl)}${mark}`,
      target === null ? '-' : percent(target),
      duration(total(mean, row, 'asa')),
      percent(total(mean, row, 'abandonRate')),
      duration(total(mean, row, 'aht')),
      percent(total(mean, row, 'responseBreachRate')),
    ];
  });
  const groups = summary.groups.mean;
  const groupRows = groups.rows.map((row) => [
    terminalText(row),
    fixed(total(groups, row, 'agents'), 1),
    percent(total(groups, row, 'occupancy')),
    percent(total(groups, row, 'utilization')),
    fixed(total(groups, row, 'concurrencyMean'), 2),
  ]);
  const head = `${terminalText(scenario.name)}: ${summary.replications} replication${summary.replications === 1 ? '' : 's'}, ${summary.events.toLocaleString('en-US')} events, ${outcome.wallTimeSec.toFixed(2)} s → ${terminalText(outcome.folder)}`;
  return [
    head,
    '',
    alignTable(['channel', 'offered', 'service level', 'target', 'ASA', 'abandoned', 'AHT', 'reply breaches'], channelRows),
    ...(mixed && mean.rows.includes('all') ? ["all: no service level shown, the channels' thresholds differ (summary.csv has the mixed figure)"] : []),
    '',
    alignTable(['group', 'agents', 'occupancy', 'utilization', 'concurrency'], groupRows),
    '',
  ].join('\n');
}

export function renderCapacity(
  scenario: Scenario,
  outcome: {
    folder: string;
    wallTimeSec: number;
    plan: { erlangC: number[][]; required: number[][]; scheduled: number[][]; planned: readonly boolean[]; split: { erlangC: number; oshOff: number; required: number } | null };
  },
): string {
  const { plan } = outcome;
  const total = (rows: number[][]) => rows.reduce((sum, row, g) => (plan.planned[g] ? sum + row.reduce((a, b) => a + b, 0) : sum), 0);
  const lines = scenario.groups
    .map((g, i) => (plan.planned[i] ? [terminalText(g.name), String(Math.max(...plan.erlangC[i]!)), String(Math.max(...plan.required[i]!)), String(Math.max(...plan.scheduled[i]!))] : null))
    .filter((x): x is string[] => x !== null);
  return [
    `${terminalText(scenario.name)}: capacity plan in ${outcome.wallTimeSec.toFixed(1)} s → ${terminalText(outcome.folder)}`,
    `agent-intervals: ${total(plan.required)} by simulation, ${total(plan.erlangC)} by Erlang C channel by channel, ${total(plan.scheduled)} scheduled`,
    ...(plan.split === null ? [] : [capacitySavingSplit(plan.split.erlangC, plan.split.oshOff, plan.split.required)]),
    '',
    alignTable(['group (peak)', 'Erlang C', 'required', 'scheduled'], lines),
    '',
  ].join('\n');
}
