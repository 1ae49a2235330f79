// The figures files of a report folder: summary.json, summary.csv, intervals.csv (channels by
// interval), days.csv (channels by day), groups.csv (agent groups by interval), agents.csv
// (each agent over the run) and run.json; skills.csv and skills-days.csv with skills. Layouts
// and column orders are fixed here and documented in the README.
import { writeFileSync } from 'node:fs';
import { AGENT_METRICS } from '../stats/metrics.js';
import type { Estimate } from '../stats/student.js';
import type { RunSummary, TableSummary } from '../stats/summary.js';
import type { Json } from '../stats/serialize.js';
import { cellOffset } from '../stats/table.js';
import { HISTOGRAM_BINS, binLowerEdge } from '../stats/histogram.js';
import { CsvText, csvText } from './csv.js';
import { formatNumber, jsonNumber } from './format.js';

export interface ChannelTarget {
  readonly serviceLevelTarget: number | null;
  readonly serviceLevelThresholdSec: number;
  readonly responseThresholdSec: number | null;
  /** A skill's channel (skills only), so a report groups skills by channel. */
  readonly channel?: string;
}

export interface ReportInput {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly replications: number;
  /** Wall-clock label of each reporting interval's start. */
  readonly intervalLabels: readonly string[];
  /** Date and day of the week of each interval's start when the horizon is dated, else null. */
  readonly intervalDates?: readonly { readonly date: string; readonly day: string }[] | null;
  readonly targets: Readonly<Record<string, ChannelTarget>>;
  /** Per skill, when the scenario was written with skills. */
  readonly skillTargets: Readonly<Record<string, ChannelTarget>>;
  readonly summary: RunSummary;
  /** The agent timeline's window, s, and its wall-clock label. */
  readonly timeline: { readonly from: number; readonly to: number; readonly label: string };
}

/** What run.json holds (written by run, capacity and merge; read back by `report`). */
export interface RunInfo {
  readonly version: string;
  readonly scenarioFile: string;
  readonly scenarioSha256: string;
  readonly seed: number;
  readonly replications: number;
  readonly command: string;
  readonly wallTimeSec: number;
  readonly eventsSimulated: number;
  readonly node: string;
  readonly jobs: number;
  /** Contacts simulated over all replications, warm-up and elevated contacts included. */
  readonly contactsSimulated: number;
  /** Peak resident memory of the process, MB. */
  readonly peakMemoryMB: number;
  /** With --precision: the bounds, the rule, the replications at each check and each figure's width. */
  readonly precision?: PrecisionReport;
}

/** How a precision-driven run stopped (run.json). */
export interface PrecisionReport {
  readonly bounds: readonly string[];
  readonly minimum: number;
  readonly maximum: number;
  readonly checks: readonly number[];
  readonly met: boolean;
  readonly figures: readonly { figure: string; mean: number; ci95: number; allowed: number; met: boolean }[];
}

/** A figure: its mean, its 95 % half-width and n, the replications that have it. */
function estimateJson(estimate: { mean: number; halfWidth: number; n: number }): Json {
  return { mean: jsonNumber(estimate.mean), ci95: jsonNumber(estimate.halfWidth), n: estimate.n };
}

function totalsJson(table: TableSummary, row: number): { [key: string]: Json } {
  const { mean, ci95, count } = table;
  const at = cellOffset(mean, row, mean.columns - 1);
  const out: { [key: string]: Json } = {};
  mean.metrics.forEach((metric, m) => {
    out[metric] = estimateJson({ mean: mean.values[at + m]!, halfWidth: ci95.values[at + m]!, n: count.values[at + m]! });
  });
  return out;
}

function withTargets(table: TableSummary, targets: Readonly<Record<string, ChannelTarget>>): { [key: string]: Json } {
  // Skill names are the user's: `__proto__` must be a skill like any other.
  const out: { [key: string]: Json } = Object.create(null) as { [key: string]: Json };
  table.mean.rows.forEach((row, r) => {
    const figures = totalsJson(table, r);
    const target = Object.hasOwn(targets, row) ? targets[row] : undefined;
    if (target !== undefined) {
      figures['serviceLevelTarget'] = target.serviceLevelTarget;
      figures['serviceLevelThresholdSec'] = target.serviceLevelThresholdSec;
      if (target.responseThresholdSec !== null) figures['responseThresholdSec'] = target.responseThresholdSec;
      if (target.channel !== undefined) figures['channel'] = target.channel;
    }
    out[row] = figures;
  });
  return out;
}

export function summaryJson(input: ReportInput): Json {
  const s = input.summary;
  const channels = withTargets(s.channels, input.targets);
  // Group names are the user's: `__proto__` must be a group like any other.
  const groups: { [key: string]: Json } = Object.create(null) as { [key: string]: Json };
  s.groups.mean.rows.forEach((row, r) => {
    groups[row] = { ...totalsJson(s.groups, r), ...totalsJson(s.levels, r) };
  });
  const sessions = totalsJson(s.sessions, 0);
  sessions['elevationsDeferred'] = estimateJson(s.elevationsDeferred);
  sessions['elevationsDropped'] = estimateJson(s.elevationsDropped);
  const elevations: { [key: string]: Json } = {};
  for (const [pair, estimate] of Object.entries(s.elevations)) elevations[pair] = estimateJson(estimate);
  return {
    scenario: input.scenario,
    description: input.description,
    seed: input.seed,
    replications: input.replications,
    channels,
    groups,
    sessions,
    elevations,
    overtimeAgentSec: estimateJson(s.overtimeAgentSec),
    timeline: { from: input.timeline.from, to: input.timeline.to, label: input.timeline.label },
    // Only a scenario written with skills has them: one written with channels keeps its bytes.
    ...(s.skills.mean.rows.length > 0 ? { skills: withTargets(s.skills, input.skillTargets) } : {}),
  };
}

/** Every whole-horizon figure of a run as `[section, key, metric, mean, ci95]`, in report order. */
export function summaryRows(s: RunSummary): (string | number)[][] {
  const rows: (string | number)[][] = [];
  const addTable = (section: string, table: TableSummary) => {
    table.mean.rows.forEach((key, r) => {
      const at = cellOffset(table.mean, r, table.mean.columns - 1);
      table.mean.metrics.forEach((metric, m) => {
        rows.push([section, key, metric, formatNumber(table.mean.values[at + m]!), formatNumber(table.ci95.values[at + m]!)]);
      });
    });
  };
  const addEstimate = (section: string, key: string, metric: string, e: Estimate) => {
    rows.push([section, key, metric, formatNumber(e.mean), formatNumber(e.halfWidth)]);
  };
  addTable('channel', s.channels);
  addTable('skill', s.skills);
  addTable('group', s.groups);
  addTable('group', s.levels);
  addTable('sessions', s.sessions);
  addEstimate('sessions', 'all', 'elevationsDeferred', s.elevationsDeferred);
  addEstimate('sessions', 'all', 'elevationsDropped', s.elevationsDropped);
  for (const [pair, e] of Object.entries(s.elevations)) addEstimate('elevations', pair, 'elevations', e);
  addEstimate('run', 'all', 'overtimeAgentSec', s.overtimeAgentSec);
  return rows;
}

/** Long format: one row per figure over the whole horizon. */
export function summaryCsv(input: ReportInput): string {
  return csvText(['section', 'key', 'metric', 'mean', 'ci95'], summaryRows(input.summary));
}

/**
 * Wide format: one row per interval and row key, each metric followed by its ci95; `date` and
 * `day` after `start` when the horizon is dated.
 */
export function intervalsCsv(
  table: TableSummary,
  labels: readonly string[],
  keyColumn: string,
  extra?: TableSummary,
  dates?: readonly { readonly date: string; readonly day: string }[] | null,
): string {
  const metrics = [...table.mean.metrics, ...(extra?.mean.metrics ?? [])];
  const dated = dates !== undefined && dates !== null;
  const columns = ['interval', 'start', ...(dated ? ['date', 'day'] : []), keyColumn, ...metrics.flatMap((m) => [m, `${m}Ci95`])];
  const text = new CsvText(columns);
  for (let k = 0; k < labels.length; k++) {
    table.mean.rows.forEach((key, r) => {
      const cells: (string | number)[] = dated ? [k, labels[k]!, dates[k]!.date, dates[k]!.day, key] : [k, labels[k]!, key];
      for (const t of extra === undefined ? [table] : [table, extra]) {
        const at = cellOffset(t.mean, r, k);
        t.mean.metrics.forEach((_, m) => cells.push(formatNumber(t.mean.values[at + m]!), formatNumber(t.ci95.values[at + m]!)));
      }
      text.write(cells);
    });
  }
  return text.toString();
}

/**
 * Wide format per calendar day (`summary.days`): `day` (1 for the horizon's first), `start` (the
 * label of its first interval), `date` and `weekday` when the horizon is dated, the row key,
 * then each metric followed by its ci95. Each figure is the day's own, over replications.
 */
export function daysCsv(
  table: TableSummary,
  spans: readonly { readonly day: number; readonly first: number }[],
  labels: readonly string[],
  keyColumn: string,
  dates?: readonly { readonly date: string; readonly day: string }[] | null,
): string {
  const dated = dates !== undefined && dates !== null;
  const columns = ['day', 'start', ...(dated ? ['date', 'weekday'] : []), keyColumn, ...table.mean.metrics.flatMap((m) => [m, `${m}Ci95`])];
  const text = new CsvText(columns);
  spans.forEach((span, d) => {
    table.mean.rows.forEach((key, r) => {
      const cells: (string | number)[] = dated ? [span.day, labels[span.first]!, dates[span.first]!.date, dates[span.first]!.day, key] : [span.day, labels[span.first]!, key];
      const at = cellOffset(table.mean, r, d);
      table.mean.metrics.forEach((_, m) => cells.push(formatNumber(table.mean.values[at + m]!), formatNumber(table.ci95.values[at + m]!)));
      text.write(cells);
    });
  });
  return text.toString();
}

export function agentsCsv(summary: Pick<RunSummary, 'agents'>): string {
  // A loop, not Math.max(...agents): 200,000 arguments overflow the call stack.
  let levelCount = 0;
  for (const a of summary.agents) levelCount = Math.max(levelCount, a.values.length - AGENT_METRICS.length);
  const levelColumns = Array.from({ length: levelCount }, (_, l) => `level${l}`);
  // One row per agent (up to 200,000): the fast row writer, byte for byte csv-stringify's.
  const text = new CsvText(['agent', 'group', ...AGENT_METRICS, ...levelColumns]);
  for (const a of summary.agents) {
    const cells: (string | number)[] = [a.agent, a.group];
    for (let m = 0; m < AGENT_METRICS.length + levelCount; m++) {
      cells.push(m < a.values.length ? formatNumber(a.values[m]!) : '');
    }
    text.write(cells);
  }
  return text.toString();
}

export const DISTRIBUTION_COLUMNS = ['metric', 'channel', 'from', 'to', 'count'] as const;
export const TIMELINE_COLUMNS = ['agent', 'group', 'contact', 'session', 'channel', 'direction', 'start', 'wrapStart', 'end'] as const;

/** Non-empty histogram bins, counts per replication: wait, response, handle per channel; session durations. */
export function distributionsCsv(summary: RunSummary): string {
  const d = summary.distributions;
  const rows: (string | number)[][] = [];
  const add = (metric: string, channel: string, counts: Float64Array, offset: number) => {
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      const n = counts[offset + b]!;
      if (n === 0) continue;
      rows.push([metric, channel, formatNumber(binLowerEdge(b)), formatNumber(b === HISTOGRAM_BINS - 1 ? binLowerEdge(b) : binLowerEdge(b + 1)), formatNumber(n)]);
    }
  };
  d.rows.forEach((row, r) => {
    add('wait', row, d.wait, r * HISTOGRAM_BINS);
    add('response', row, d.response, r * HISTOGRAM_BINS);
    add('handle', row, d.handle, r * HISTOGRAM_BINS);
  });
  add('sessionDuration', 'all', d.sessionDuration, 0);
  return csvText(DISTRIBUTION_COLUMNS, rows);
}

export function timelineCsv(summary: RunSummary): string {
  const rows = summary.timeline.map((t) => [t.agent, t.group, t.contact, t.session, t.channel, t.direction, formatNumber(t.start), formatNumber(t.wrapStart), formatNumber(t.end)]);
  return csvText(TIMELINE_COLUMNS, rows);
}

/** Files of a report are created exclusively in its private staging folder: never through a link. */
const NEW_FILE = { flag: 'wx' } as const;

export function writeSummaryFiles(dir: (name: string) => string, input: ReportInput): void {
  writeFileSync(dir('summary.json'), `${JSON.stringify(summaryJson(input), null, 2)}\n`, NEW_FILE);
  writeFileSync(dir('summary.csv'), summaryCsv(input), NEW_FILE);
  const dates = input.intervalDates ?? null;
  writeFileSync(dir('intervals.csv'), intervalsCsv(input.summary.channels, input.intervalLabels, 'channel', undefined, dates), NEW_FILE);
  if (input.summary.skills.mean.rows.length > 0) writeFileSync(dir('skills.csv'), intervalsCsv(input.summary.skills, input.intervalLabels, 'skill', undefined, dates), NEW_FILE);
  const days = input.summary.days;
  if (days !== null) {
    writeFileSync(dir('days.csv'), daysCsv(days.channels, days.spans, input.intervalLabels, 'channel', dates), NEW_FILE);
    if (days.skills.mean.rows.length > 0) writeFileSync(dir('skills-days.csv'), daysCsv(days.skills, days.spans, input.intervalLabels, 'skill', dates), NEW_FILE);
  }
  writeFileSync(dir('groups.csv'), intervalsCsv(input.summary.groups, input.intervalLabels, 'group', input.summary.levels, dates), NEW_FILE);
  writeFileSync(dir('agents.csv'), agentsCsv(input.summary), NEW_FILE);
  writeFileSync(dir('distributions.csv'), distributionsCsv(input.summary), NEW_FILE);
  writeFileSync(dir('timeline.csv'), timelineCsv(input.summary), NEW_FILE);
}

export function writeRunJson(dir: (name: string) => string, info: RunInfo): void {
  writeFileSync(dir('run.json'), `${JSON.stringify(info, null, 2)}\n`, NEW_FILE);
}
