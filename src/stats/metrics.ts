// From one replication's collectors to its figures: the metrics of DESIGN.md §2 per channel,
// group and session, per reporting interval and over the whole horizon (channels and skills
// per calendar day too). Metric names are a contract; the lists below are the one place they
// are defined.
import { CONTACT_FIELDS, Collector, ContactField, GROUP_FIELDS, GroupField, type Ledger, SESSION_FIELDS, SessionField } from './collector.js';
import { DurationHistogram, HISTOGRAM_BINS, type HistogramSet } from './histogram.js';
import type { TimelineEntry } from './records.js';
import { type MetricTable, cellOffset, createTable, ratio } from './table.js';

export const CHANNEL_METRICS = [
  'offered',
  'answered',
  'handled',
  'abandoned',
  'abandonRate',
  'serviceLevel',
  'asa',
  'waitP50',
  'waitP90',
  'waitP95',
  'waitP99',
  'aht',
  'handleWork',
  'responseBreaches',
  'responseBreachRate',
  'responseMean',
  'responseP90',
  'replies',
  'chatsLeftMidway',
  'slaBreaches',
  'backlogEnd',
] as const;
export type ChannelMetric = (typeof CHANNEL_METRICS)[number];

export const GROUP_METRICS = [
  'agents',
  'occupancy',
  'utilization',
  'concurrencyMean',
  'concurrencyBusyMean',
  'handled',
  'busyTimePerContact',
] as const;
export type GroupMetric = (typeof GROUP_METRICS)[number];

export const SESSION_METRICS = [
  'sessions',
  'sessionDuration',
  'sessionDurationP50',
  'sessionDurationP90',
  'contactsPerSession',
  'elevationsPerSession',
] as const;

/**
 * Which way each figure is better, so a change can be called better or worse (compare's
 * colours): `higher` (service level), `lower` (waits, abandons, breaches, backlog) or
 * `neither` (volumes, staffing, load and handle times, where more is no verdict by itself).
 */
export type MetricDirection = 'higher' | 'lower' | 'neither';

export const CHANNEL_METRIC_DIRECTION: Readonly<Record<ChannelMetric, MetricDirection>> = {
  offered: 'neither',
  answered: 'neither',
  handled: 'neither',
  abandoned: 'lower',
  abandonRate: 'lower',
  serviceLevel: 'higher',
  asa: 'lower',
  waitP50: 'lower',
  waitP90: 'lower',
  waitP95: 'lower',
  waitP99: 'lower',
  aht: 'neither',
  handleWork: 'neither',
  responseBreaches: 'lower',
  responseBreachRate: 'lower',
  responseMean: 'lower',
  responseP90: 'lower',
  replies: 'neither',
  chatsLeftMidway: 'lower',
  slaBreaches: 'lower',
  backlogEnd: 'lower',
};

/** Group figures measure load and staffing: a trade-off, never a verdict (levels too). */
export const GROUP_METRIC_DIRECTION: Readonly<Record<GroupMetric, MetricDirection>> = {
  agents: 'neither',
  occupancy: 'neither',
  utilization: 'neither',
  concurrencyMean: 'neither',
  concurrencyBusyMean: 'neither',
  handled: 'neither',
  busyTimePerContact: 'neither',
};

/** Session figures, with the elevations the session counters keep beside them. */
export const SESSION_METRIC_DIRECTION: Readonly<Record<(typeof SESSION_METRICS)[number] | 'elevationsDeferred' | 'elevationsDropped', MetricDirection>> = {
  sessions: 'neither',
  sessionDuration: 'lower',
  sessionDurationP50: 'lower',
  sessionDurationP90: 'lower',
  contactsPerSession: 'neither',
  elevationsPerSession: 'neither',
  elevationsDeferred: 'lower',
  elevationsDropped: 'lower',
};

function directionOf<K extends string>(table: Readonly<Record<K, MetricDirection>>, metric: string): MetricDirection {
  return Object.hasOwn(table, metric) ? table[metric as K] : 'neither';
}

/**
 * The better direction of a figure path (`voice.serviceLevel`, `groups.blended.occupancy`,
 * `sessions.sessionDuration`, `elevations.chat>voice`, any with `@<interval>`): `neither` for a
 * name not listed above.
 */
export function figureDirection(figure: string): MetricDirection {
  const path = figure.split('@')[0]!;
  const section = path.slice(0, path.indexOf('.'));
  const metric = path.slice(path.lastIndexOf('.') + 1);
  if (section === 'elevations') return 'neither';
  if (section === 'sessions') return directionOf(SESSION_METRIC_DIRECTION, metric);
  if (section === 'groups') return directionOf(GROUP_METRIC_DIRECTION, metric);
  return directionOf(CHANNEL_METRIC_DIRECTION, metric);
}

export const AGENT_METRICS = ['loggedInTime', 'occupancy', 'utilization', 'concurrencyMean', 'handled'] as const;

/** What the figures need to know of the scenario, without importing it. */
export interface MetricsLayout {
  readonly intervals: number;
  readonly intervalSec: number;
  /** Agent time before this is not booked (warm-up), s. */
  readonly warmupSec: number;
  /** Contact rows in collector order: inbound skills (by channel), then outbound voice and email. */
  readonly contactRows: readonly {
    /** The skill's name (an outbound row's own name). */
    readonly name: string;
    /** The channel whose figures the row rolls up into (an outbound row's own name). */
    readonly channel: string;
    readonly inbound: boolean;
    readonly formula: 'offered' | 'answered' | 'excludeShortAbandons';
  }[];
  /** Whether outbound rows are reported (the scenario has elevation). */
  readonly outbound: boolean;
  /** Whether figures per skill are reported (the scenario was written with skills). */
  readonly skills: boolean;
  readonly groups: readonly { readonly name: string; readonly levels: number; readonly capacity: number }[];
  /** Elevation pairs to report, e.g. `chat>voice`, by collector pair index. */
  readonly pairs: readonly { readonly key: string; readonly index: number }[];
  /** The calendar days the horizon touches, each with the intervals [first, end) starting on it. */
  readonly days: readonly DaySpan[];
}

/** A calendar day of the horizon: its number (1 for the day the horizon starts) and the intervals starting on it, [first, end). */
export interface DaySpan {
  readonly day: number;
  readonly first: number;
  readonly end: number;
}

/** The days of a horizon of `intervals` intervals of `intervalMinutes` starting `startMinute` after midnight of day 1. */
export function daySpans(intervals: number, startMinute: number, intervalMinutes: number): DaySpan[] {
  const spans: DaySpan[] = [];
  for (let k = 0; k < intervals; k++) {
    const day = Math.floor((startMinute + k * intervalMinutes) / 1440) + 1;
    const last = spans[spans.length - 1];
    if (last !== undefined && last.day === day) spans[spans.length - 1] = { day, first: last.first, end: k + 1 };
    else spans.push({ day, first: k, end: k + 1 });
  }
  return spans;
}

export interface AgentFigures {
  readonly agent: number;
  readonly group: string;
  /** AGENT_METRICS in order, then the share of logged-in time at each concurrency level. */
  readonly values: Float64Array;
}

/** Whole-horizon histograms (counts per bin of DurationHistogram) for the report's charts. */
export interface Distributions {
  /** Channel rows, as in the channel table. */
  readonly rows: readonly string[];
  /** rows × HISTOGRAM_BINS: waits of answered contacts, chat response times, handle times. */
  readonly wait: Float64Array;
  readonly response: Float64Array;
  readonly handle: Float64Array;
  /** HISTOGRAM_BINS: session durations. */
  readonly sessionDuration: Float64Array;
}

/**
 * Figures per calendar day, each computed as the whole horizon's are (a day's service level is
 * its contacts answered in time over its contacts, not an average of its intervals' levels).
 */
export interface DayTables {
  readonly spans: readonly DaySpan[];
  /** Columns: the days, in `spans` order. Rows as the result's `channels` and `skills`. */
  readonly channels: MetricTable;
  readonly skills: MetricTable;
}

export interface ReplicationResult {
  readonly replication: number;
  readonly events: number;
  readonly channels: MetricTable;
  /** Per skill, when the scenario was written with skills (no rows otherwise). */
  readonly skills: MetricTable;
  /** Per day (null for results of figures only: sweeps and capacity searches). */
  readonly days: DayTables | null;
  readonly groups: MetricTable;
  /** Per group row: share of logged-in time at each concurrency level (metrics `level0` …). */
  readonly levels: MetricTable;
  readonly sessions: MetricTable;
  readonly elevations: Readonly<Record<string, number>>;
  readonly elevationsDeferred: number;
  readonly elevationsDropped: number;
  readonly agents: readonly AgentFigures[];
  readonly ledger: Ledger;
  /** Agent-seconds of work finished after the horizon end. */
  readonly overtimeAgentSec: number;
  /** When the last contact finished its wrap, s. */
  readonly lastWrapEnd: number;
  /** Heap steps taken by routing (for the test that routing never scans all agents). */
  readonly routingSteps: number;
  readonly distributions: Distributions;
  /** The sampled agents' contacts in the timeline window (replication 0 only; else empty). */
  readonly timeline: readonly TimelineEntry[];
}

/** Channel rows of the result: inbound channels, `all`, then outbound ones when present. */
export function channelRowNames(layout: MetricsLayout): string[] {
  const inbound = [...new Set(layout.contactRows.filter((r) => r.inbound).map((r) => r.channel))];
  const outbound = layout.outbound ? layout.contactRows.filter((r) => !r.inbound).map((r) => r.name) : [];
  return [...inbound, 'all', ...outbound];
}

/** Skill rows of the result: every skill, when the scenario was written with skills. */
export function skillRowNames(layout: MetricsLayout): string[] {
  return layout.skills ? layout.contactRows.filter((r) => r.inbound).map((r) => r.name) : [];
}

export function channelTable(collector: Collector, layout: MetricsLayout): MetricTable {
  return contactTable(collector, layout, channelRowNames(layout), rowSources(layout), intervalColumns(layout));
}

/** Each skill's own figures: one collector row each. */
export function skillTable(collector: Collector, layout: MetricsLayout): MetricTable {
  const names = skillRowNames(layout);
  return contactTable(collector, layout, names, names.map((_, row) => ({ rows: [row] })), intervalColumns(layout));
}

/** Channel and skill figures per calendar day. */
export function dayTables(collector: Collector, layout: MetricsLayout): DayTables {
  const columns = layout.days.map((d) => ({ first: d.first, end: d.end, horizon: false }));
  const skills = skillRowNames(layout);
  return {
    spans: layout.days,
    channels: contactTable(collector, layout, channelRowNames(layout), rowSources(layout), columns),
    skills: contactTable(collector, layout, skills, skills.map((_, row) => ({ rows: [row] })), columns),
  };
}

/** A column of a contact table: the intervals [first, end) it sums, and whether that is the whole horizon. */
interface Column {
  readonly first: number;
  readonly end: number;
  readonly horizon: boolean;
}

/** Each interval, then the whole horizon: the layout of the per-interval tables. */
function intervalColumns(layout: MetricsLayout): Column[] {
  const columns: Column[] = [];
  for (let k = 0; k < layout.intervals; k++) columns.push({ first: k, end: k + 1, horizon: false });
  columns.push({ first: 0, end: layout.intervals, horizon: true });
  return columns;
}

/** The collector rows one table row sums. */
interface RowSource {
  readonly rows: readonly number[];
  /**
   * Earlier table rows whose rows, one after the other, are exactly `rows` (`all` from its
   * channels): their merged counts are added instead of every cell again, and one part alone
   * gives the same figures.
   */
  readonly parts?: readonly number[];
}

const WAIT_QUANTILES = [0.5, 0.9, 0.95, 0.99] as const;
const M = Object.fromEntries(CHANNEL_METRICS.map((m, i) => [m, i])) as Record<ChannelMetric, number>;

/**
 * Figures of rows that each sum some collector rows (a channel its skills, `all` every inbound
 * row). Column by column, so a row made of parts finds their merged counts of the same column.
 */
function contactTable(collector: Collector, layout: MetricsLayout, names: readonly string[], sources: readonly RowSource[], columns: readonly Column[]): MetricTable {
  const table = createTable(names, columns.length, CHANNEL_METRICS);
  const sums = new Float64Array(CONTACT_FIELDS);
  const isPart = new Set(sources.flatMap((source) => source.parts ?? []));
  // Merged counts by table row (a row others are made of keeps its own until the column is done).
  const shared = { wait: new DurationHistogram(), response: new DurationHistogram() };
  const merged = sources.map((_, tableRow) => (isPart.has(tableRow) ? { wait: new DurationHistogram(), response: new DurationHistogram() } : shared));
  // Whether merged[tableRow] holds this column's counts (else the row is one cell or one row's horizon).
  const mergedHere = new Uint8Array(sources.length);
  const waitQuantiles = new Float64Array(WAIT_QUANTILES.length);
  const responseQuantile = new Float64Array(1);
  const out = table.values;
  const contacts = collector.contacts;
  /** Adds one table row's counts for `column` into `target`, from what is merged already when it can. */
  const addRow = (tableRow: number, column: Column, set: HistogramSet, figure: 'wait' | 'response', target: DurationHistogram) => {
    if (mergedHere[tableRow] === 1) {
      target.addAll(merged[tableRow]![figure]);
      return;
    }
    const { rows, parts } = sources[tableRow]!;
    if (parts !== undefined && rows.length > 1) {
      for (const part of parts) addRow(part, column, set, figure, target);
      return;
    }
    for (const row of rows) {
      if (column.horizon) set.addRowInto(row, target);
      else for (let k = column.first; k < column.end; k++) set.addInto(row * layout.intervals + k, target);
    }
  };
  for (let c = 0; c < columns.length; c++) {
    // Columns first to last, by index: this runs once per run, mostly unoptimised, where an
    // array iterator costs an allocation per step.
    const column = columns[c]!;
    const firstInterval = column.first;
    const endInterval = column.end;
    mergedHere.fill(0);
    for (let tableRow = 0; tableRow < sources.length; tableRow++) {
      const { rows, parts } = sources[tableRow]!;
      if (parts !== undefined && parts.length === 1) {
        const from = cellOffset(table, parts[0]!, c);
        out.copyWithin(cellOffset(table, tableRow, c), from, from + CHANNEL_METRICS.length);
        continue;
      }
      sums.fill(0);
      let slDenominator = 0;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const formula = layout.contactRows[row]!.formula;
        for (let k = firstInterval; k < endInterval; k++) {
          slDenominator += addCellFields(sums, contacts, (row * layout.intervals + k) * CONTACT_FIELDS, formula);
        }
      }
      const at = cellOffset(table, tableRow, c);
      const offered = sums[ContactField.offered]!;
      const answered = sums[ContactField.answered]!;
      const handled = sums[ContactField.handled]!;
      const replies = sums[ContactField.replies]!;
      out[at + M.offered] = offered;
      out[at + M.answered] = answered;
      out[at + M.handled] = handled;
      out[at + M.aht] = ratio(sums[ContactField.handleSum]!, handled);
      out[at + M.handleWork] = ratio(sums[ContactField.handleWorkSum]!, handled);
      if (rows.length === 1 && !layout.contactRows[rows[0]!]!.inbound) continue;
      // Percentiles: one cell's counts directly; sums of cells or of rows' horizons merged first.
      if (rows.length === 1 && !column.horizon && endInterval - firstInterval === 1) {
        const cell = rows[0]! * layout.intervals + firstInterval;
        collector.waits.quantiles(cell, WAIT_QUANTILES, waitQuantiles);
        collector.responses.quantiles(cell, [0.9], responseQuantile);
      } else {
        const { wait, response } = merged[tableRow]!;
        wait.clear();
        response.clear();
        addRow(tableRow, column, collector.waits, 'wait', wait);
        addRow(tableRow, column, collector.responses, 'response', response);
        mergedHere[tableRow] = 1;
        wait.quantiles(WAIT_QUANTILES, waitQuantiles);
        response.quantiles([0.9], responseQuantile);
      }
      out[at + M.abandoned] = sums[ContactField.abandoned]!;
      out[at + M.abandonRate] = ratio(sums[ContactField.abandoned]!, offered);
      out[at + M.serviceLevel] = ratio(sums[ContactField.answeredInThreshold]!, slDenominator);
      out[at + M.asa] = ratio(sums[ContactField.waitSum]!, answered);
      out[at + M.waitP50] = waitQuantiles[0]!;
      out[at + M.waitP90] = waitQuantiles[1]!;
      out[at + M.waitP95] = waitQuantiles[2]!;
      out[at + M.waitP99] = waitQuantiles[3]!;
      out[at + M.responseBreaches] = sums[ContactField.responseBreaches]!;
      // Timers that ended: replies sent, and customers gone after the timer went red.
      out[at + M.responseBreachRate] = ratio(sums[ContactField.responseBreaches]!, replies + sums[ContactField.chatsLeftAtRedTimer]!);
      out[at + M.responseMean] = ratio(sums[ContactField.responseSum]!, replies);
      out[at + M.responseP90] = responseQuantile[0]!;
      out[at + M.replies] = replies;
      out[at + M.chatsLeftMidway] = sums[ContactField.chatsLeftMidway]!;
      out[at + M.slaBreaches] = sums[ContactField.slaBreaches]!;
      out[at + M.backlogEnd] = sums[ContactField.backlogEnd]!;
    }
  }
  return table;
}

/**
 * Adds one (row, interval) cell's fields into `sums` and returns its service-level
 * denominator. A function of its own so that it is optimised after a few calls: inline in
 * code that runs once per run, each sum of non-integers allocated a number.
 */
function addCellFields(sums: Float64Array, contacts: Float64Array, base: number, formula: MetricsLayout['contactRows'][number]['formula']): number {
  for (let f = 0; f < CONTACT_FIELDS; f++) sums[f]! += contacts[base + f]!;
  return serviceLevelDenominator(contacts, base, formula);
}

/** Adds `length` values of `from` at `start` into `sums` (optimised soon, like addCellFields). */
function addSlice(sums: Float64Array, from: Float64Array, start: number, length: number): void {
  for (let i = 0; i < length; i++) sums[i]! += from[start + i]!;
}

function serviceLevelDenominator(values: Float64Array, base: number, formula: MetricsLayout['contactRows'][number]['formula']): number {
  switch (formula) {
    case 'offered':
      return values[base + ContactField.offered]!;
    case 'answered':
      return values[base + ContactField.answered]!;
    case 'excludeShortAbandons':
      return values[base + ContactField.offered]! - values[base + ContactField.abandonedShort]!;
  }
}

/** Seconds of interval k after the warm-up: the time agent figures cover. */
function bookedSeconds(layout: MetricsLayout, k: number): number {
  const start = k * layout.intervalSec;
  const end = start + layout.intervalSec;
  return Math.max(0, end - Math.max(start, layout.warmupSec));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export function groupTables(collector: Collector, layout: MetricsLayout): { groups: MetricTable; levels: MetricTable } {
  const names = layout.groups.map((g) => g.name);
  const maxLevels = Math.max(1, ...layout.groups.map((g) => g.levels));
  const levelNames = range(maxLevels).map((l) => `level${l}`);
  const groups = createTable(names, layout.intervals + 1, GROUP_METRICS);
  const levels = createTable(names, layout.intervals + 1, levelNames);
  const sums = new Float64Array(GROUP_FIELDS);
  const values = groups.values;
  layout.groups.forEach((group, g) => {
    const levelTime = collector.groupLevels[g]!;
    const levelSums = new Float64Array(group.levels);
    for (let column = 0; column <= layout.intervals; column++) {
      const firstInterval = column === layout.intervals ? 0 : column;
      const endInterval = column === layout.intervals ? layout.intervals : column + 1;
      sums.fill(0);
      levelSums.fill(0);
      for (let k = firstInterval; k < endInterval; k++) {
        addSlice(sums, collector.groups, (g * layout.intervals + k) * GROUP_FIELDS, GROUP_FIELDS);
        addSlice(levelSums, levelTime, k * group.levels, group.levels);
      }
      const loggedIn = sums[GroupField.loggedInTime]!;
      const busy = sums[GroupField.busyTime]!;
      const handled = sums[GroupField.handled]!;
      const at = cellOffset(groups, g, column);
      let span = 0;
      for (let k = firstInterval; k < endInterval; k++) span += bookedSeconds(layout, k);
      values[at] = ratio(loggedIn, span);
      values[at + 1] = ratio(busy, loggedIn);
      values[at + 2] = ratio(sums[GroupField.loadTime]!, loggedIn * group.capacity);
      values[at + 3] = ratio(sums[GroupField.heldTime]!, loggedIn);
      values[at + 4] = ratio(sums[GroupField.heldTime]!, busy);
      values[at + 5] = handled;
      values[at + 6] = ratio(busy, handled);
      const levelAt = cellOffset(levels, g, column);
      for (let l = 0; l < group.levels; l++) levels.values[levelAt + l] = ratio(levelSums[l]!, loggedIn);
    }
  });
  return { groups, levels };
}

export function sessionTable(collector: Collector, layout: MetricsLayout): MetricTable {
  const table = createTable(['all'], layout.intervals + 1, SESSION_METRICS);
  for (let column = 0; column <= layout.intervals; column++) {
    const intervals = column === layout.intervals ? range(layout.intervals) : [column];
    let sessions = 0;
    let durationSum = 0;
    let contactsSum = 0;
    let elevationsSum = 0;
    for (const k of intervals) {
      const base = k * SESSION_FIELDS;
      sessions += collector.sessions[base + SessionField.sessions]!;
      durationSum += collector.sessions[base + SessionField.durationSum]!;
      contactsSum += collector.sessions[base + SessionField.contactsSum]!;
      elevationsSum += collector.sessions[base + SessionField.elevationsSum]!;
    }
    const total = column === layout.intervals;
    const values = [
      sessions,
      ratio(durationSum, sessions),
      total ? collector.sessionDurations.quantile(0.5) : Number.NaN,
      total ? collector.sessionDurations.quantile(0.9) : Number.NaN,
      ratio(contactsSum, sessions),
      ratio(elevationsSum, sessions),
    ];
    const at = cellOffset(table, 0, column);
    values.forEach((v, m) => (table.values[at + m] = v));
  }
  return table;
}

export function distributions(collector: Collector, layout: MetricsLayout): Distributions {
  const rows = channelRowNames(layout);
  const sources = rowSources(layout);
  const wait = new Float64Array(rows.length * HISTOGRAM_BINS);
  const response = new Float64Array(rows.length * HISTOGRAM_BINS);
  const handle = new Float64Array(rows.length * HISTOGRAM_BINS);
  const scratch = new DurationHistogram();
  sources.forEach(({ rows: sourceRows }, r) => {
    for (const [set, out] of [
      [collector.waits, wait],
      [collector.responses, response],
      [collector.handles, handle],
    ] as const) {
      scratch.clear();
      for (const row of sourceRows) set.addRowInto(row, scratch);
      out.set(scratch.counts, r * HISTOGRAM_BINS);
    }
  });
  return { rows, wait, response, handle, sessionDuration: Float64Array.from(collector.sessionDurations.counts) };
}

export function emptyDistributions(layout: MetricsLayout): Distributions {
  const empty = new Float64Array(0);
  return { rows: channelRowNames(layout), wait: empty, response: empty, handle: empty, sessionDuration: empty };
}

/** For each channel row of the result, the collector rows it sums: a channel its skills' rows, `all` every inbound row (its channels'). */
function rowSources(layout: MetricsLayout): RowSource[] {
  const inboundRows = layout.contactRows.map((r, i) => (r.inbound ? i : -1)).filter((i) => i >= 0);
  const outboundRows = layout.outbound ? layout.contactRows.map((r, i) => (r.inbound ? -1 : i)).filter((i) => i >= 0) : [];
  const channels = [...new Set(inboundRows.map((r) => layout.contactRows[r]!.channel))];
  const byChannel = channels.map((channel) => inboundRows.filter((r) => layout.contactRows[r]!.channel === channel));
  return [...byChannel.map((rows) => ({ rows })), { rows: inboundRows, parts: range(byChannel.length) }, ...outboundRows.map((r) => ({ rows: [r] }))];
}
