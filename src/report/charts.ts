// The report's charts as vega-lite specs, built from a report folder's rows: service level
// against target, waits, volumes, staffing and occupancy, chat response times, handle times,
// elevations and sessions, the agent timeline and the capacity plan. Time is a quantitative
// axis in hours (never a category per interval); a horizon longer than two days is shown per
// day, as an average day and as a day × time-of-day heatmap, with the per-interval charts for
// its busiest day only, so drawing costs the same whatever the horizon. Each channel has one
// colour everywhere; groups and volume measures have palettes of their own. Means carry their
// 95 % band when there are replications. Exports `buildCharts`, `chartScope` and the palettes.
import type { TopLevelSpec } from 'vega-lite';
import type { Estimate, ReportData, Row } from './folder-data.js';
import { durationUnit } from './format.js';
import { type Horizon, averageDay, axisTicks, busiestDay, clockLabelExpr, dayFigures, dayOf, horizonOf } from './horizon.js';

export interface Chart {
  /** File name without extension: charts/<name>.svg and charts/<name>.vl.json. */
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
  /** Vega mark types the rendered SVG must contain (checked by the tests). */
  readonly marks: readonly string[];
}

export const CHANNEL_COLORS: Readonly<Record<string, string>> = {
  voice: '#1f77b4',
  chat: '#2ca02c',
  email: '#ff7f0e',
  workitem: '#9467bd',
  voicemail: '#8c564b',
  'outbound-voice': '#17becf',
  'outbound-email': '#e377c2',
  all: '#555555',
};
const CHANNEL_ORDER = Object.keys(CHANNEL_COLORS);
/** Agent groups: hues chosen at least 70 (RGB distance) from every channel and measure colour. */
export const GROUP_PALETTE = ['#0d3b66', '#bd9e39', '#93003a', '#1b9e77', '#7209b7', '#8ca252', '#f72585', '#4361ee'];
/** Volume measures: neutral greys for offered and handled, red for abandoned (no channel is red). */
export const MEASURE_COLORS: Readonly<Record<string, string>> = { offered: '#222222', handled: '#b0b0b0', abandoned: '#d62728' };
const MEASURE_DASH: Readonly<Record<string, number[]>> = { offered: [1, 0], handled: [5, 3], abandoned: [1, 0] };

/**
 * Skills of one channel, inside that channel's panel: told apart from one another (the panel's
 * title names the channel). Tableau 10's darker hues, none of them a channel's exact colour.
 */
export const SKILL_PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#9c755f', '#edc948'];
/** Skills drawn per channel panel: beyond it, the busiest (by contacts offered) with a note. */
export const SKILLS_SHOWN = 6;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 640;
/** Legend symbols drawn solid whatever the opacity of the marks they stand for. */
const SOLID_LEGEND = { symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 } as const;
/**
 * For bars with a white outline: a filled square in the bar's colour. A line symbol would take
 * the bars' white stroke and vanish on the page.
 */
const BAR_LEGEND = { title: 'channel', symbolType: 'square', symbolOpacity: 1, symbolSize: 120 } as const;

function channelColor(channels: readonly string[]) {
  const domain = CHANNEL_ORDER.filter((c) => channels.includes(c));
  return { scale: { domain, range: domain.map((c) => CHANNEL_COLORS[c]!) }, legend: { title: 'channel', ...SOLID_LEGEND } };
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

function estimate(value: Estimate | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return value.mean;
}

function inboundChannels(data: ReportData): string[] {
  return CHANNEL_ORDER.filter((c) => c in data.summary.channels).concat(Object.keys(data.summary.channels).filter((c) => !CHANNEL_ORDER.includes(c))).filter((c) => c !== 'all' && !c.startsWith('outbound-'));
}

function targetOf(data: ReportData, channel: string): number | null {
  return estimate(data.summary.channels[channel]?.['serviceLevelTarget'] as number | null);
}

/** A channel of several skills: its skills in the scenario's order, and those its charts draw. */
export interface SkillChannel {
  readonly channel: string;
  readonly skills: readonly string[];
  /** The busiest `SKILLS_SHOWN` skills (by contacts offered, busiest first) when there are more; else all. */
  readonly shown: readonly string[];
}

/**
 * The channels that hold several skills, in channel order, each with its skills (a skill's
 * channel from summary.json; a folder written before skills named their channel groups them
 * all under `skills`). A channel of one skill is its channel's tiles and charts already.
 */
export function skillChannels(data: ReportData): SkillChannel[] {
  const skills = data.summary.skills ?? {};
  const byChannel = new Map<string, string[]>();
  for (const [skill, figures] of Object.entries(skills)) {
    const channel = typeof figures['channel'] === 'string' ? figures['channel'] : 'skills';
    const list = byChannel.get(channel) ?? [];
    list.push(skill);
    byChannel.set(channel, list);
  }
  const order = [...CHANNEL_ORDER.filter((c) => byChannel.has(c)), ...[...byChannel.keys()].filter((c) => !CHANNEL_ORDER.includes(c))];
  const offered = (skill: string) => estimate(skills[skill]?.['offered'] as Estimate | undefined) ?? 0;
  return order
    .map((channel) => {
      const list = byChannel.get(channel)!;
      const shown = list.length <= SKILLS_SHOWN ? list : [...list].sort((a, b) => offered(b) - offered(a) || a.localeCompare(b)).slice(0, SKILLS_SHOWN);
      return { channel, skills: list, shown };
    })
    .filter((c) => c.skills.length > 1);
}

function skillTarget(data: ReportData, skill: string): number | null {
  return estimate(data.summary.skills?.[skill]?.['serviceLevelTarget'] as number | null | undefined);
}

function skillColor(skills: readonly string[]) {
  return { scale: { domain: [...skills], range: skills.map((_, i) => SKILL_PALETTE[i % SKILL_PALETTE.length]!) }, legend: { title: 'skill', ...SOLID_LEGEND, labelLimit: 220 } };
}

/**
 * Skills whose line is drawn exactly over another's (the same value at every point: two chat
 * skills always at 100 %), said in words, since the reader sees one line where the legend
 * lists two: `chat-support under chat-billing (the same values)`. Null when none are.
 */
export function hiddenLines<P extends { readonly key: string; readonly value: number }>(points: readonly P[], keys: readonly string[], position: (point: P) => number): string | null {
  const byKey = new Map<string, Map<number, number>>();
  for (const p of points) {
    let line = byKey.get(p.key);
    if (line === undefined) byKey.set(p.key, (line = new Map()));
    line.set(position(p), p.value);
  }
  const same = (a: Map<number, number>, b: Map<number, number>) => a.size === b.size && [...a].every(([x, v]) => b.get(x) === v);
  const under: string[] = [];
  keys.forEach((key, i) => {
    const line = byKey.get(key);
    if (line === undefined || line.size === 0) return;
    // Drawn later means drawn on top: a skill hides under the first later skill with its values.
    const over = keys.slice(i + 1).find((other) => byKey.has(other) && same(line, byKey.get(other)!));
    if (over !== undefined) under.push(`${key} under ${over}`);
  });
  return under.length === 0 ? null : `${under.join(', ')} (the same values)`;
}

function skillPanelTitle(set: SkillChannel, what: string): string {
  const which = set.shown.length < set.skills.length ? `the ${set.shown.length} busiest of ${set.skills.length} skills` : `${set.skills.length} skills`;
  return `${set.channel}: ${what}, ${which}`;
}

/**
 * Service level per interval as a line on a 0–100 % axis, a colour per `key` (channel or
 * skill); points drawn while there are at most `pointsUpTo` values.
 */
function serviceLevelLine(scope: ChartScope, values: readonly object[], color: object, keyTitle: 'channel' | 'skill', pointsUpTo: number) {
  return {
    data: { values },
    mark: { type: 'line' as const, point: values.length <= pointsUpTo },
    encoding: {
      x: timeX(scope),
      y: { field: 'value', type: 'quantitative' as const, title: 'service level', axis: { format: '%', values: [0, 0.25, 0.5, 0.75, 1] }, scale: { domain: [0, 1] } },
      color: { field: 'key', type: 'nominal' as const, ...color },
      tooltip: [{ field: 'key', title: keyTitle }, { field: 'start' }, { field: 'value', format: '.1%', title: 'service level' }],
    },
  };
}

/** Service level per skill per interval: a panel per channel of several skills, each skill's target dashed. */
function skillServiceLevelChart(data: ReportData, scope: ChartScope, sets: readonly SkillChannel[]): Chart | null {
  if (sets.length === 0) return null;
  const panels = sets.map((set) => {
    const color = skillColor(set.shown);
    const values = series(scope, data.skills, 'skill', 'serviceLevel', set.shown, [0, 1]);
    const targets = skillTargetRules(data, set, color);
    return {
      width: WIDTH,
      height: 130,
      title: { text: skillPanelTitle(set, targets.text), ...subtitle(hiddenLines(values, set.shown, (p) => p.hour)), anchor: 'start' as const, fontSize: 12 },
      layer: [serviceLevelLine(scope, values, color, 'skill', 120), ...targets.rules],
    };
  });
  return {
    name: 'skills-service-level',
    title: `Service level by skill and interval${scope.busiest ? ` on day ${scope.busiest.day}, the busiest` : ''}, a panel per channel of several skills, against each skill's target (dashed)`,
    marks: ['line', 'rule'],
    spec: { $schema: SCHEMA, vconcat: panels, resolve: { scale: { color: 'independent' } } },
  };
}

/** Average speed of answer per skill per interval: a panel per channel of several skills, in the unit its waits read in. */
function skillWaitsChart(data: ReportData, scope: ChartScope, sets: readonly SkillChannel[]): Chart | null {
  if (sets.length === 0) return null;
  const panels = sets.map((set) => {
    const points = series(scope, data.skills, 'skill', 'asa', set.shown);
    const unit = durationUnit(Math.max(0, ...points.map((p) => p.value)));
    const values = points.map((p) => ({ ...p, shown: p.value / unit.seconds }));
    const flat = values.every((v) => v.shown === values[0]?.shown);
    return {
      width: WIDTH,
      height: 110,
      title: { text: skillPanelTitle(set, `average speed of answer, ${unit.name}`), ...subtitle(hiddenLines(points, set.shown, (p) => p.hour)), anchor: 'start' as const, fontSize: 12 },
      data: { values },
      mark: { type: 'line' as const, point: values.length <= 120 },
      encoding: {
        x: timeX(scope),
        y: { field: 'shown', type: 'quantitative' as const, title: `ASA, ${unit.name}`, scale: flat ? { domain: [0, Math.max(1, 2 * (values[0]?.shown ?? 0))] } : { zero: true }, axis: { format: ',~r' } },
        color: { field: 'key', type: 'nominal' as const, ...skillColor(set.shown) },
        tooltip: [{ field: 'key', title: 'skill' }, { field: 'start' }, { field: 'shown', format: '.1f', title: `ASA, ${unit.name}` }],
      },
    };
  });
  return {
    name: 'skills-waits',
    title: `Average speed of answer by skill and interval${scope.busiest ? ` on day ${scope.busiest.day}` : ''}, a panel and scale per channel of several skills`,
    marks: ['line'],
    spec: { $schema: SCHEMA, vconcat: panels, resolve: { scale: { y: 'independent', color: 'independent' } } },
  };
}

/**
 * What the per-interval charts show: every interval of a horizon up to two days, the busiest
 * day of a longer one (hours then count from that day's midnight).
 */
export interface ChartScope {
  readonly horizon: Horizon;
  /** Hours from midnight of day 1 where the shown span starts and ends. */
  readonly from: number;
  readonly to: number;
  /** Hours subtracted from the absolute time so the busiest day reads as a time of day. */
  readonly shift: number;
  /** Interval indexes shown. */
  readonly intervals: ReadonlySet<number>;
  /** The busiest day (1-based) when the horizon is long, with its offered contacts. */
  readonly busiest: { readonly day: number; readonly offered: number } | null;
}

/** The scope of a folder's data, found once for its charts and once more for its page. */
const scopes = new WeakMap<ReportData, ChartScope>();

export function chartScope(data: ReportData): ChartScope {
  let scope = scopes.get(data);
  if (scope === undefined) scopes.set(data, (scope = findScope(data)));
  return scope;
}

function findScope(data: ReportData): ChartScope {
  const labels: string[] = [];
  for (const row of data.intervals) labels[row['interval'] as number] = String(row['start']);
  if (labels.length === 0) for (const row of data.groups) labels[row['interval'] as number] = String(row['start']);
  const minutes = (data.summary as { horizon?: { intervalMinutes?: number } }).horizon?.intervalMinutes;
  const horizon = horizonOf(labels, minutes);
  const first = horizon.startHours[0] ?? 0;
  const last = (horizon.startHours[horizon.startHours.length - 1] ?? 0) + horizon.intervalHours;
  if (!horizon.long) return { horizon, from: first, to: last, shift: 0, intervals: new Set(labels.keys()), busiest: null };
  const busiest = busiestDay(data.intervals, horizon, inboundChannels(data));
  const dayStart = (busiest.day - 1) * 24;
  const intervals = new Set<number>();
  horizon.startHours.forEach((h, k) => {
    if (dayOf(h) === busiest.day - 1) intervals.add(k);
  });
  return { horizon, from: Math.max(first, dayStart), to: Math.min(last, dayStart + 24), shift: dayStart, intervals, busiest };
}

/** The x encoding of time in hours: readable clock labels at even steps, the shown span exactly. */
function timeX(scope: ChartScope, field = 'hour') {
  const from = scope.from - scope.shift;
  const to = scope.to - scope.shift;
  const title = scope.busiest ? `time of day on day ${scope.busiest.day} (the busiest)` : to > 24 ? 'day and time' : 'time of day';
  return {
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [from, to], nice: false, zero: false },
    axis: { values: axisTicks(from, to), labelExpr: clockLabelExpr(to > 24), labelAngle: 0, grid: true },
  };
}

interface Point {
  /** Middle of the interval, hours (shifted to the scope). */
  readonly hour: number;
  readonly hourStart: number;
  readonly hourEnd: number;
  readonly start: string;
  readonly key: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** The rows of a table in the scope's intervals, kept per table: a month's charts read its busiest day about twenty times. */
const rowsInScope = new WeakMap<readonly Row[], { readonly scope: ChartScope; readonly rows: readonly Row[] }>();

function scopedRows(scope: ChartScope, rows: readonly Row[]): readonly Row[] {
  const kept = rowsInScope.get(rows);
  if (kept !== undefined && kept.scope === scope) return kept.rows;
  const inScope = rows.filter((row) => scope.intervals.has(row['interval'] as number));
  rowsInScope.set(rows, { scope, rows: inScope });
  return inScope;
}

/** Rows of one metric by interval and key within the scope, with the 95 % band when replications give one. */
function series(scope: ChartScope, rows: readonly Row[], keyColumn: string, metric: string, keys?: readonly string[], clip?: [number, number]): Point[] {
  const out: Point[] = [];
  const { horizon } = scope;
  const ciColumn = `${metric}Ci95`;
  for (const row of scopedRows(scope, rows)) {
    const k = row['interval'] as number;
    const key = String(row[keyColumn]);
    if (keys && !keys.includes(key)) continue;
    const value = row[metric];
    if (!finite(value)) continue;
    const ci = row[ciColumn];
    const half = finite(ci) ? ci : 0;
    const hourStart = horizon.startHours[k]! - scope.shift;
    const low = clip ? Math.max(clip[0], value - half) : value - half;
    const high = clip ? Math.min(clip[1], value + half) : value + half;
    out.push({ hour: hourStart + horizon.intervalHours / 2, hourStart, hourEnd: hourStart + horizon.intervalHours, start: String(row['start']), key, value, low, high });
  }
  return out;
}

function pctText(x: number): string {
  return `${Number((x * 100).toFixed(1))} %`;
}

/** Facet headers styled as the panels' titles elsewhere: left, above the panel, bold. */
const PANEL_HEADER = { title: null, labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 'bold', labelPadding: 6 } as const;

/**
 * A panel per channel, stacked in the channels' order, each headed by its `panel` title. One
 * faceted view draws them all: concatenated panels are compiled and parsed one by one (a month's
 * per-day chart, drawn first in a process: 0.37 s as concatenated panels, 0.26 s as a facet).
 */
function panelRows(titles: readonly string[]) {
  return { row: { field: 'panel', type: 'nominal' as const, sort: [...titles], header: PANEL_HEADER } };
}

/** The dashed target of each panel (`target` on its rows; none where the channel has no target). */
const TARGET_RULE = {
  transform: [{ filter: 'isValid(datum.target)' }],
  mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5, color: '#333333' },
  encoding: { y: { field: 'target', type: 'quantitative' as const, aggregate: 'min' as const } },
};

const SERVICE_LEVEL_Y = { field: 'value', type: 'quantitative' as const, title: 'service level', scale: { domain: [0, 1] }, axis: { format: '%', values: [0, 0.25, 0.5, 0.75, 1] } };

/**
 * Service level with its band, against each panel's dashed target: a panel per channel, one
 * faceted view. Its rows carry `panel`, `key`, `value`, `low`, `high` and `target`.
 */
function serviceLevelPanels<X, C, T>(values: readonly object[], titles: readonly string[], width: number, x: X, color: C, tooltip: T, point: boolean) {
  return {
    data: { values },
    facet: panelRows(titles),
    spec: {
      width,
      height: 110,
      layer: [
        { mark: { type: 'area' as const, opacity: 0.2 }, encoding: { x, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color } },
        { mark: { type: 'line' as const, point }, encoding: { x, y: SERVICE_LEVEL_Y, color, tooltip } },
        TARGET_RULE,
      ],
    },
  };
}

function targetText(target: number | null): string {
  return target === null ? '' : `, target ${pctText(target)} (dashed)`;
}

function serviceLevelChart(data: ReportData, scope: ChartScope): Chart {
  const channels = inboundChannels(data);
  const color = { field: 'key', type: 'nominal' as const, ...channelColor(channels) };
  const targets = new Map(channels.map((channel) => [channel, targetOf(data, channel)]));
  const title = (channel: string) => {
    const target = targets.get(channel) ?? null;
    return target === null ? channel : `${channel}: target ${pctText(target)} (dashed)`;
  };
  const perChannel = channels.map((channel) => series(scope, data.intervals, 'channel', 'serviceLevel', [channel], [0, 1]));
  const values = perChannel.flatMap((points, c) => points.map((p) => ({ ...p, panel: title(channels[c]!), target: targets.get(channels[c]!) ?? null })));
  return {
    name: 'service-level',
    title: scope.busiest
      ? `Service level by interval on day ${scope.busiest.day}, the busiest, one panel per channel against its target (dashed)`
      : 'Service level by interval, one panel per channel against its target (dashed)',
    marks: ['line', 'area', 'rule'],
    spec: {
      $schema: SCHEMA,
      ...serviceLevelPanels(
        values,
        channels.map(title),
        WIDTH,
        timeX(scope),
        color,
        [{ field: 'key', title: 'channel' }, { field: 'start' }, { field: 'value', format: '.1%', title: 'service level' }],
        Math.max(0, ...perChannel.map((points) => points.length)) <= 60,
      ),
    },
  };
}

function waitsChart(data: ReportData, scope: ChartScope): Chart {
  const channels = inboundChannels(data);
  const color = channelColor(channels);
  const panels = channels.map((channel) => {
    const points = [
      ...series(scope, data.intervals, 'channel', 'asa', [channel]).map((v) => ({ ...v, statistic: 'ASA' })),
      ...series(scope, data.intervals, 'channel', 'waitP90', [channel]).map((v) => ({ ...v, statistic: 'wait P90' })),
    ];
    const unit = durationUnit(Math.max(0, ...points.map((p) => p.value)));
    const values = points.map((p) => ({ ...p, shown: p.value / unit.seconds }));
    const flat = values.every((v) => v.shown === values[0]?.shown);
    return {
      width: WIDTH,
      height: 100,
      title: { text: `${channel}, ${unit.name}`, anchor: 'start' as const, fontSize: 12 },
      data: { values },
      mark: { type: 'line' as const },
      encoding: {
        x: timeX(scope),
        // A channel that never waits gets a readable 0–1 axis, not one tick at 0.000000.
        y: { field: 'shown', type: 'quantitative' as const, title: unit.name, scale: flat ? { domain: [0, Math.max(1, 2 * (values[0]?.shown ?? 0))] } : { zero: true }, axis: { format: ',~r' } },
        color: { field: 'key', type: 'nominal' as const, ...color },
        strokeDash: { field: 'statistic', type: 'nominal' as const, title: 'statistic', scale: { domain: ['ASA', 'wait P90'], range: [[1, 0], [6, 3]] }, legend: { symbolStrokeWidth: 2 } },
        tooltip: [{ field: 'key', title: 'channel' }, { field: 'statistic' }, { field: 'start' }, { field: 'shown', format: '.1f', title: unit.name }],
      },
    };
  });
  return {
    name: 'waits',
    title: `Average speed of answer and 90th-percentile wait by interval${scope.busiest ? ` on day ${scope.busiest.day}` : ''}, one panel and scale per channel`,
    marks: ['line'],
    spec: { $schema: SCHEMA, vconcat: panels, resolve: { scale: { y: 'independent' } } },
  };
}

const MEASURES = ['offered', 'handled', 'abandoned'];
const measureColor = { field: 'measure', type: 'nominal' as const, scale: { domain: MEASURES, range: MEASURES.map((m) => MEASURE_COLORS[m]!) }, title: 'contacts', legend: SOLID_LEGEND };
const measureDash = { field: 'measure', type: 'nominal' as const, scale: { domain: MEASURES, range: MEASURES.map((m) => MEASURE_DASH[m]!) }, title: 'contacts' };

function volumesChart(data: ReportData, scope: ChartScope): Chart {
  const channels = inboundChannels(data);
  const values = MEASURES.flatMap((metric) => series(scope, data.intervals, 'channel', metric, channels).map((v) => ({ ...v, measure: metric })));
  return {
    name: 'volumes',
    title: `Offered, handled and abandoned contacts by interval (by arrival interval)${scope.busiest ? ` on day ${scope.busiest.day}` : ''}`,
    marks: ['line'],
    spec: {
      $schema: SCHEMA,
      data: { values },
      facet: { row: { field: 'key', type: 'nominal', title: null, sort: CHANNEL_ORDER } },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: WIDTH,
        height: 110,
        mark: { type: 'line' },
        encoding: {
          x: timeX(scope),
          y: { field: 'value', type: 'quantitative', title: 'contacts' },
          color: measureColor,
          strokeDash: measureDash,
          tooltip: [{ field: 'key', title: 'channel' }, { field: 'measure' }, { field: 'start' }, { field: 'value', format: '.1f' }],
        },
      },
    },
  };
}

function groupColor(groups: readonly string[]) {
  return { scale: { domain: groups, range: groups.map((_, i) => GROUP_PALETTE[i % GROUP_PALETTE.length]!) }, legend: { title: 'group', ...SOLID_LEGEND } };
}

function staffingChart(data: ReportData, scope: ChartScope): Chart {
  const groups = [...new Set(data.groups.map((r) => String(r['group'])))];
  const color = groupColor(groups);
  const panel = (metric: string, title: string, format?: string) => ({
    width: WIDTH,
    height: 120,
    // Bands stop at what the figure can be: 0 to 100 % for occupancy, at least 0 for counts.
    data: { values: series(scope, data.groups, 'group', metric, undefined, format === '%' ? [0, 1] : [0, Number.POSITIVE_INFINITY]) },
    layer: [
      {
        mark: { type: 'area' as const, opacity: 0.2 },
        encoding: { x: timeX(scope), y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color: { field: 'key', type: 'nominal' as const, ...color } },
      },
      {
        mark: { type: 'line' as const },
        encoding: {
          x: timeX(scope),
          y: { field: 'value', type: 'quantitative' as const, title, ...(format ? { axis: { format } } : {}) },
          color: { field: 'key', type: 'nominal' as const, ...color },
          tooltip: [{ field: 'key', title: 'group' }, { field: 'start' }, { field: 'value', format: format === '%' ? '.1%' : '.2f', title }],
        },
      },
    ],
  });
  return {
    name: 'staffing',
    title: `Agents logged in, occupancy and mean concurrency by interval, per group${scope.busiest ? `, on day ${scope.busiest.day}` : ''}`,
    marks: ['line', 'area'],
    spec: {
      $schema: SCHEMA,
      vconcat: [panel('agents', 'agents logged in'), panel('occupancy', 'occupancy', '%'), panel('concurrencyMean', 'contacts held per agent')],
    },
  };
}

/** A step of 1, 2 or 5 × 10^k (or 15, 30 for minutes and seconds) giving at most `most` bins up to `top`. */
function niceWidth(top: number, most: number): number {
  const raw = Math.max(top / most, 1e-6);
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/**
 * The log-binned histogram rows of a metric and channel re-binned into equal-width bins (each
 * source bin's count spread evenly over its width), up to the 99th percentile: equal widths, so
 * bar heights compare. The width is a round number of the unit the durations read in (seconds,
 * minutes or hours). Returns the bins (s), their width (s), the unit and the share beyond the last bin.
 */
export function equalWidthBins(rows: readonly { from: number; to: number; count: number }[], most = 40) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  if (total <= 0) return { bins: [] as { from: number; to: number; count: number }[], width: 1, unit: durationUnit(0), beyond: 0 };
  const sorted = [...rows].sort((a, b) => a.from - b.from);
  let cumulative = 0;
  let top = sorted[sorted.length - 1]!.to;
  for (const r of sorted) {
    cumulative += r.count;
    if (cumulative >= 0.99 * total) {
      top = r.to;
      break;
    }
  }
  const unit = durationUnit(top);
  const width = niceWidth(Math.max(top, 1e-3) / unit.seconds, most) * unit.seconds;
  const n = Math.max(1, Math.ceil(top / width - 1e-9));
  const counts = new Array<number>(n).fill(0);
  let beyond = 0;
  for (const r of sorted) {
    const span = r.to - r.from;
    if (span <= 0) {
      const b = Math.floor(r.from / width);
      if (b < n) counts[b]! += r.count;
      else beyond += r.count;
      continue;
    }
    for (let b = Math.floor(r.from / width); b * width < r.to; b++) {
      const overlap = Math.min(r.to, (b + 1) * width) - Math.max(r.from, b * width);
      if (overlap <= 0) continue;
      const share = (r.count * overlap) / span;
      if (b < n) counts[b]! += share;
      else beyond += share;
    }
  }
  return { bins: counts.map((count, b) => ({ from: b * width, to: (b + 1) * width, count })), width, unit, beyond: beyond / total };
}

function histogramRows(data: ReportData, metric: string, channel?: string) {
  return data.distributions
    .filter((r) => r['metric'] === metric && (channel === undefined || String(r['channel']) === channel))
    .map((r) => ({ from: r['from'] as number, to: r['to'] as number, count: r['count'] as number }));
}

/** A histogram panel: equal-width bars over a linear duration axis in the unit that reads best. */
function histogramPanel(rows: readonly { from: number; to: number; count: number }[], what: string | null, colour: string, per: string, width: number, threshold?: number) {
  const { bins, width: binSec, unit, beyond } = equalWidthBins(rows);
  const values = bins.map((b) => ({ from: b.from / unit.seconds, to: b.to / unit.seconds, count: b.count }));
  const binText = `${Number((binSec / unit.seconds).toPrecision(3))} ${unit.unit}`;
  const note = beyond > 0.0005 ? `; ${pctText(beyond)} beyond the axis` : '';
  return {
    width,
    height: 150,
    // Titles only in a vertical stack: beside another panel vega-lite would push the plot down.
    ...(what === null ? {} : { title: { text: what, anchor: 'start' as const, fontSize: 12 } }),
    layer: [
      {
        data: { values },
        mark: { type: 'rect' as const, color: colour, opacity: 0.85, stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'from', type: 'quantitative' as const, title: `${unit.name} (bins of ${binText}${note})`, scale: { zero: true, nice: false } },
          x2: { field: 'to' },
          // A title longer than the plot is tall would push the plot down: two lines instead.
          y: { field: 'count', type: 'quantitative' as const, title: `${per} per ${binText}`.length > 24 ? [per, `per ${binText}`] : `${per} per ${binText}` },
          tooltip: [{ field: 'from', format: '.3~f' }, { field: 'to', format: '.3~f' }, { field: 'count', format: '.1f' }],
        },
      },
      ...(threshold === undefined
        ? []
        : [{ data: { values: [{ threshold: threshold / unit.seconds }] }, mark: { type: 'rule' as const, color: '#d62728', strokeWidth: 2 }, encoding: { x: { field: 'threshold', type: 'quantitative' as const } } }]),
    ],
  };
}

function chatResponseChart(data: ReportData, scope: ChartScope): Chart | null {
  if (!data.summary.channels['chat']) return null;
  const threshold = estimate(data.summary.channels['chat']['responseThresholdSec'] as number | null) ?? 60;
  const breaches = series(scope, data.intervals, 'channel', 'responseBreaches', ['chat']);
  return {
    name: 'chat-response',
    title: `Chat response times (threshold ${threshold} s, red) and response breaches by interval${scope.busiest ? ` on day ${scope.busiest.day}` : ''}`,
    marks: ['rect', 'rule'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        histogramPanel(histogramRows(data, 'response', 'chat'), null, CHANNEL_COLORS['chat']!, 'replies per replication', 300, threshold),
        {
          width: 320,
          height: 150,
          data: { values: breaches },
          mark: { type: 'rect', color: '#d62728' },
          encoding: {
            x: { ...timeX(scope, 'hourStart'), axis: { ...timeX(scope).axis, values: axisTicks(scope.from - scope.shift, scope.to - scope.shift, 6) } },
            x2: { field: 'hourEnd' },
            y: { field: 'value', type: 'quantitative', title: 'replies past threshold' },
            tooltip: [{ field: 'start' }, { field: 'value', format: '.1f', title: 'breaches' }],
          },
        },
      ],
    },
  };
}

function handleTimesChart(data: ReportData): Chart {
  const channels = CHANNEL_ORDER.filter((c) => c !== 'all' && c in data.summary.channels);
  const panels = channels
    .map((channel) => ({ channel, rows: histogramRows(data, 'handle', channel) }))
    .filter((p) => p.rows.length > 0)
    .map((p) => histogramPanel(p.rows, `${p.channel} handle time`, CHANNEL_COLORS[p.channel] ?? '#555555', 'contacts', WIDTH));
  return {
    name: 'handle-times',
    title: 'Handle time (answer to end of wrap) per channel, contacts per replication in equal-width bins',
    marks: ['rect'],
    spec: { $schema: SCHEMA, vconcat: panels, resolve: { scale: { x: 'independent', y: 'independent' } } },
  };
}

function sessionsChart(data: ReportData): Chart | null {
  const pairs = Object.entries(data.summary.elevations)
    .filter(([, e]) => e.mean !== null)
    .map(([pair, e]) => ({ pair, mean: e.mean!, low: Math.max(0, e.mean! - (e.ci95 ?? 0)), high: e.mean! + (e.ci95 ?? 0), target: pair.split('>')[1]! }))
    .sort((a, b) => b.mean - a.mean);
  if (pairs.length === 0) return null;
  const order = pairs.map((p) => p.pair);
  return {
    name: 'sessions',
    title: 'Elevations by pair (per replication) and omnichannel session durations',
    marks: ['bar', 'rect'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        {
          width: 260,
          height: 150,
          data: { values: pairs },
          layer: [
            {
              mark: { type: 'bar' },
              encoding: {
                y: { field: 'pair', type: 'nominal', title: 'elevation', sort: order },
                x: { field: 'mean', type: 'quantitative', title: 'elevations per replication' },
                color: { field: 'target', type: 'nominal', scale: { domain: ['voice', 'email'], range: [CHANNEL_COLORS['outbound-voice']!, CHANNEL_COLORS['outbound-email']!] }, title: 'to' },
                tooltip: [{ field: 'pair' }, { field: 'mean', format: '.1f' }, { field: 'low', format: '.1f' }, { field: 'high', format: '.1f' }],
              },
            },
            { mark: { type: 'rule' }, encoding: { y: { field: 'pair', type: 'nominal', sort: order }, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
          ],
        },
        histogramPanel(histogramRows(data, 'sessionDuration'), null, '#5f6b7a', 'sessions per replication', 340),
      ],
    },
  };
}

/** Lays contacts out in lanes: each agent a band, overlapping contacts on sub-rows of it. */
export function timelineLayout(rows: readonly Row[]) {
  const agents = [...new Set(rows.map((r) => r['agent'] as number))].sort((a, b) => a - b);
  const bars: { lane: string; y: number; y2: number; start: number; wrapStart: number; end: number; channel: string; session: number; contact: number; sessionOf: boolean }[] = [];
  const sessionSizes = new Map<number, number>();
  for (const r of rows) sessionSizes.set(r['session'] as number, (sessionSizes.get(r['session'] as number) ?? 0) + 1);
  let base = 0;
  const lanes: { lane: string; y: number }[] = [];
  for (const agent of agents) {
    const mine = rows.filter((r) => r['agent'] === agent).sort((a, b) => (a['start'] as number) - (b['start'] as number));
    const rowEnds: number[] = [];
    for (const r of mine) {
      let slot = rowEnds.findIndex((end) => end <= (r['start'] as number));
      if (slot < 0) slot = rowEnds.push(0) - 1;
      rowEnds[slot] = r['end'] as number;
      const y = base + slot;
      const channel = r['direction'] === 'outbound' ? `outbound-${String(r['channel'])}` : String(r['channel']);
      bars.push({
        lane: `agent ${agent} (${String(r['group'])})`,
        y,
        y2: y + 0.8,
        start: r['start'] as number,
        wrapStart: finite(r['wrapStart']) ? (r['wrapStart'] as number) : (r['end'] as number),
        end: r['end'] as number,
        channel,
        session: r['session'] as number,
        contact: r['contact'] as number,
        sessionOf: (sessionSizes.get(r['session'] as number) ?? 1) > 1,
      });
    }
    lanes.push({ lane: `agent ${agent} (${String(mine[0]?.['group'] ?? '')})`, y: base });
    base += Math.max(1, rowEnds.length) + 0.6;
  }
  return { bars, lanes, height: base };
}

function timelineChart(data: ReportData): Chart | null {
  const window = data.summary.timeline;
  if (!window || data.timeline.length === 0) return null;
  const { bars, lanes, height } = timelineLayout(data.timeline);
  const toMinutes = (t: number) => (t - window.from) / 60;
  const shown = bars.map((b) => ({
    ...b,
    startMin: Math.max(toMinutes(b.start), 0),
    wrapMin: Math.min(Math.max(toMinutes(b.wrapStart), 0), toMinutes(window.to)),
    endMin: Math.min(toMinutes(b.end), toMinutes(window.to)),
    mid: b.y + 0.4,
  }));
  const links = shown.filter((b) => b.sessionOf).map((b) => ({ session: b.session, x: b.startMin, y: b.mid }));
  const channels = [...new Set(shown.map((b) => b.channel))];
  const domainMax = toMinutes(window.to);
  const x = { type: 'quantitative' as const, scale: { domain: [0, domainMax] }, title: `minutes from ${window.label}` };
  const y = { type: 'quantitative' as const, scale: { domain: [height, -0.2], nice: false }, axis: null };
  return {
    name: 'agent-timeline',
    title: `What a sample of agents held, ${window.label}: a bar per contact (lighter: wrap), contacts of one session joined`,
    marks: ['rect', 'line', 'text'],
    spec: {
      $schema: SCHEMA,
      width: WIDTH,
      height: Math.max(160, Math.round(height * 16)),
      layer: [
        {
          data: { values: shown },
          mark: { type: 'rect', opacity: 0.9, stroke: '#ffffff', strokeWidth: 0.6 },
          encoding: {
            x: { field: 'startMin', ...x },
            x2: { field: 'wrapMin' },
            y: { field: 'y', ...y },
            y2: { field: 'y2' },
            color: { field: 'channel', type: 'nominal', ...channelColor(channels), legend: BAR_LEGEND },
            tooltip: [{ field: 'lane' }, { field: 'channel' }, { field: 'contact' }, { field: 'session' }],
          },
        },
        {
          data: { values: shown },
          mark: { type: 'rect', opacity: 0.35, stroke: '#ffffff', strokeWidth: 0.6 },
          encoding: {
            x: { field: 'wrapMin', ...x },
            x2: { field: 'endMin' },
            y: { field: 'y', ...y },
            y2: { field: 'y2' },
            color: { field: 'channel', type: 'nominal', ...channelColor(channels), legend: BAR_LEGEND },
          },
        },
        {
          data: { values: links },
          mark: { type: 'line', color: '#111111', strokeWidth: 1.5, point: { filled: true, size: 30, color: '#111111' } },
          encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y }, detail: { field: 'session', type: 'nominal' }, order: { field: 'x' } },
        },
        {
          data: { values: lanes },
          mark: { type: 'text', align: 'left', baseline: 'top', dx: 2, dy: -11, fontSize: 9, color: '#333333' },
          encoding: { x: { value: 0 }, y: { field: 'y', ...y }, text: { field: 'lane' } },
        },
      ],
    },
  };
}

function dayAxis(days: number) {
  const step = [1, 2, 7, 14, 28].find((s) => days / s <= 16) ?? Math.ceil(days / 16 / 28) * 28;
  const values: number[] = [];
  for (let d = 1; d <= days; d += step) values.push(d);
  return { title: 'day', axis: { values, format: 'd', labelAngle: 0 } };
}

/** Per day: service level with its band against target, and volumes with their bands, one row per channel. */
function daysChart(data: ReportData, scope: ChartScope): Chart {
  const channels = inboundChannels(data);
  const { figures, ownDays } = dayFigures(data, scope.horizon, channels, 'channel');
  const days = Math.max(1, ...figures.map((f) => f.day));
  const x = { field: 'day', type: 'quantitative' as const, scale: { domain: [1, days], nice: false, zero: false }, ...dayAxis(days) };
  // Each panel's header names its channel: no channel legend.
  const color = { field: 'key', type: 'nominal' as const, ...channelColor(channels), legend: null };
  const targets = new Map(channels.map((channel) => [channel, targetOf(data, channel)]));
  const serviceTitle = (channel: string) => `${channel}: service level per day${targetText(targets.get(channel) ?? null)}`;
  const volumeTitle = (channel: string) => `${channel}: contacts per day`;
  const serviceLevel = figures.filter((f) => f.measure === 'service level').map((f) => ({ ...f, panel: serviceTitle(f.key), target: targets.get(f.key) ?? null }));
  const volumes = figures.filter((f) => f.measure !== 'service level').map((f) => ({ ...f, panel: volumeTitle(f.key) }));
  return {
    name: 'days',
    title: `Per day: service level against target and contacts offered, handled and abandoned, with 95 % bands ${ownDays ? 'over replications' : "(the intervals' half-widths combined as independent)"}`,
    marks: ['line', 'area', 'rule'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        serviceLevelPanels(
          serviceLevel,
          channels.map(serviceTitle),
          300,
          x,
          color,
          [{ field: 'key', title: 'channel' }, { field: 'day' }, { field: 'value', format: '.1%', title: 'service level' }, { field: 'low', format: '.1%' }, { field: 'high', format: '.1%' }],
          days <= 45,
        ),
        {
          data: { values: volumes },
          facet: panelRows(channels.map(volumeTitle)),
          spec: {
            width: 300,
            height: 110,
            layer: [
              { mark: { type: 'area' as const, opacity: 0.15 }, encoding: { x, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color: measureColor } },
              {
                mark: { type: 'line' as const },
                encoding: { x, y: { field: 'value', type: 'quantitative' as const, title: 'contacts' }, color: measureColor, strokeDash: measureDash, tooltip: [{ field: 'key', title: 'channel' }, { field: 'day' }, { field: 'measure' }, { field: 'value', format: '.1f' }] },
              },
            ],
          },
          resolve: { scale: { y: 'independent' as const } },
        },
      ],
      resolve: { scale: { y: 'independent', color: 'independent', strokeDash: 'independent' } },
    },
  };
}

function subtitle(text: string | null): { subtitle?: string } {
  return text === null ? {} : { subtitle: text };
}

function lineList(text: string | null): string[] {
  return text === null ? [] : [text];
}

/** The dashed targets of a skill panel: one black line when its skills share a target, else a line in each skill's colour. */
function skillTargetRules(data: ReportData, set: SkillChannel, color: object) {
  const targets = set.shown.map((skill) => ({ key: skill, target: skillTarget(data, skill) })).filter((t): t is { key: string; target: number } => t.target !== null);
  const shared = targets.length > 0 && targets.every((t) => t.target === targets[0]!.target) ? targets[0]!.target : null;
  const text = shared !== null ? `target ${pctText(shared)} (dashed)` : targets.length > 0 ? "targets dashed in each skill's colour" : 'no target';
  const rules =
    targets.length === 0
      ? []
      : shared !== null
        ? [{ data: { values: [{ target: shared }] }, mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5, color: '#333333' }, encoding: { y: { field: 'target', type: 'quantitative' as const } } }]
        : [{ data: { values: targets }, mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { y: { field: 'target', type: 'quantitative' as const }, color: { field: 'key', type: 'nominal' as const, ...color } } }];
  return { rules, text };
}

/**
 * Per day and skill, for each channel of several skills: service level against each skill's
 * target, and contacts offered. The per-day chart draws channels; a channel whose skills have
 * their own targets has none of its own there, and a skill missing on some days shows only here.
 */
function skillDaysChart(data: ReportData, scope: ChartScope, sets: readonly SkillChannel[]): Chart | null {
  if (sets.length === 0 || (data.skills.length === 0 && data.skillDays.length === 0)) return null;
  const { figures } = dayFigures(data, scope.horizon, sets.flatMap((set) => set.shown), 'skill');
  const days = Math.max(1, ...figures.map((f) => f.day));
  const x = { field: 'day', type: 'quantitative' as const, scale: { domain: [1, days], nice: false, zero: false }, ...dayAxis(days) };
  const rows = sets.map((set) => {
    const color = skillColor(set.shown);
    const mine = figures.filter((f) => set.shown.includes(f.key));
    const targets = skillTargetRules(data, set, color);
    const serviceLevel = mine.filter((f) => f.measure === 'service level');
    const offered = mine.filter((f) => f.measure === 'offered');
    const tooltip = (title: string, format: string) => [{ field: 'key', title: 'skill' }, { field: 'day' }, { field: 'value', format, title }];
    return {
      // Flush: the offered panel stands at the same place in every row, however long the titles to its left.
      bounds: 'flush' as const,
      spacing: 90,
      hconcat: [
        {
          width: 300,
          height: 130,
          // Two lines: the panels sit side by side and a title's width spaces them apart.
          title: {
            text: `${set.channel}: service level per day`,
            subtitle: [skillPanelTitle(set, targets.text).slice(set.channel.length + 2), ...lineList(hiddenLines(serviceLevel, set.shown, (p) => p.day))],
            anchor: 'start' as const,
            fontSize: 12,
          },
          layer: [
            {
              data: { values: serviceLevel },
              mark: { type: 'line' as const, point: days <= 45 },
              encoding: { x, y: SERVICE_LEVEL_Y, color: { field: 'key', type: 'nominal' as const, ...color }, tooltip: tooltip('service level', '.1%') },
            },
            ...targets.rules,
          ],
        },
        {
          width: 300,
          height: 130,
          title: { text: `${set.channel}: contacts offered per day`, subtitle: ['by skill', ...lineList(hiddenLines(offered, set.shown, (p) => p.day))], anchor: 'start' as const, fontSize: 12 },
          data: { values: offered },
          mark: { type: 'line' as const, point: days <= 45 },
          encoding: { x, y: { field: 'value', type: 'quantitative' as const, title: 'offered' }, color: { field: 'key', type: 'nominal' as const, ...color }, tooltip: tooltip('offered', ',.1f') },
        },
      ],
    };
  });
  return {
    name: 'skills-days',
    title: "Per day and skill: service level against each skill's target (dashed) and contacts offered, a row per channel of several skills",
    marks: ['line', 'rule'],
    spec: { $schema: SCHEMA, vconcat: rows, resolve: { scale: { color: 'independent', y: 'independent' } } },
  };
}

/** The average day: each time of day averaged over the days, with the lowest and highest day. */
function averageDayChart(data: ReportData, scope: ChartScope): Chart {
  const channels = inboundChannels(data);
  const color = { field: 'key', type: 'nominal' as const, ...channelColor(channels), legend: null };
  const x = { field: 'hour', type: 'quantitative' as const, title: 'time of day', scale: { domain: [0, 24], nice: false }, axis: { values: axisTicks(0, 24, 12), labelExpr: clockLabelExpr(false), labelAngle: 0 } };
  const mid = (f: { hour: number }) => ({ ...f, hour: f.hour + scope.horizon.intervalHours / 2 });
  const targets = new Map(channels.map((channel) => [channel, targetOf(data, channel)]));
  const serviceTitle = (channel: string) => `${channel}: service level${targetText(targets.get(channel) ?? null)}`;
  const offeredTitle = (channel: string) => `${channel}: contacts offered per interval`;
  const serviceLevel = channels.flatMap((channel) =>
    averageDay(data.intervals, scope.horizon, 'serviceLevel', [channel]).map((f) => ({ ...mid(f), panel: serviceTitle(channel), target: targets.get(channel) ?? null })),
  );
  const offered = channels.flatMap((channel) => averageDay(data.intervals, scope.horizon, 'offered', [channel]).map((f) => ({ ...mid(f), panel: offeredTitle(channel) })));
  const offeredColor = MEASURE_COLORS['offered']!;
  return {
    name: 'average-day',
    title: `The average day over ${scope.horizon.days} days: each time of day averaged over the days (line), from its lowest to its highest day (band)`,
    marks: ['line', 'area', 'rule'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        serviceLevelPanels(
          serviceLevel,
          channels.map(serviceTitle),
          300,
          x,
          color,
          [{ field: 'key', title: 'channel' }, { field: 'hour', format: '.2f' }, { field: 'value', format: '.1%', title: 'average' }, { field: 'low', format: '.1%', title: 'lowest day' }, { field: 'high', format: '.1%', title: 'highest day' }],
          false,
        ),
        {
          data: { values: offered },
          facet: panelRows(channels.map(offeredTitle)),
          spec: {
            width: 300,
            height: 110,
            layer: [
              { mark: { type: 'area' as const, opacity: 0.15, color: offeredColor }, encoding: { x, y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' } } },
              {
                mark: { type: 'line' as const, color: offeredColor },
                encoding: { x, y: { field: 'value', type: 'quantitative' as const, title: 'offered' }, tooltip: [{ field: 'key', title: 'channel' }, { field: 'hour', format: '.2f' }, { field: 'value', format: '.1f' }] },
              },
            ],
          },
          resolve: { scale: { y: 'independent' as const } },
        },
      ],
      resolve: { scale: { y: 'independent', color: 'independent' } },
    },
  };
}

/**
 * Cells a heatmap panel draws per channel before intervals merge into hours, and before days
 * merge into weeks: drawing cost stays bounded whatever the horizon.
 */
const HEATMAP_INTERVAL_CELLS = 1000;
const HEATMAP_CELLS = 2600;

/**
 * Day × time of day, coloured by service level minus target: red below target, blue above. A
 * panel per channel with a target; a channel of several skills without one (their targets or
 * thresholds differ) gets a panel per skill with a target instead, so its misses show too.
 */
function heatmapChart(data: ReportData, scope: ChartScope): Chart | null {
  const bySkill = new Map(skillChannels(data).map((set) => [set.channel, set]));
  const panels = inboundChannels(data).flatMap((channel) => {
    const target = targetOf(data, channel);
    if (target !== null) return [{ table: data.intervals, field: 'channel', key: channel, target, title: `${channel}: target ${pctText(target)}` }];
    const set = bySkill.get(channel);
    if (set === undefined) return [];
    return set.skills
      .filter((skill) => set.shown.includes(skill) && skillTarget(data, skill) !== null)
      .map((skill) => ({ table: data.skills, field: 'skill', key: skill, target: skillTarget(data, skill)!, title: `${skill} (${channel}): target ${pctText(skillTarget(data, skill)!)}` }));
  });
  if (panels.length === 0) return null;
  const { horizon } = scope;
  const perDay = Math.round(24 / horizon.intervalHours);
  let slot = horizon.intervalHours;
  if (horizon.days * perDay > HEATMAP_INTERVAL_CELLS) slot = Math.max(slot, 1);
  const rowDays = horizon.days * Math.round(24 / slot) > HEATMAP_CELLS ? 7 : 1;
  const values = panels.flatMap(({ table, field, key, target, title }) => {
    const cells = new Map<string, { row: number; hour: number; weight: number; sum: number }>();
    for (const r of table) {
      if (r[field] !== key) continue;
      const offered = r['offered'] as number;
      const sl = r['serviceLevel'] as number;
      if (!finite(sl) || !(offered > 0)) continue;
      const h = horizon.startHours[r['interval'] as number]!;
      const row = Math.floor(dayOf(h) / rowDays) + 1;
      const hour = Math.floor((h % 24) / slot + 1e-9) * slot;
      const at = `${row}:${hour}`;
      const cell = cells.get(at) ?? { row, hour, weight: 0, sum: 0 };
      cell.weight += offered;
      cell.sum += offered * sl;
      cells.set(at, cell);
    }
    return [...cells.values()].map((c) => {
      const sl = c.sum / c.weight;
      return { panel: title, row: c.row, row2: c.row + 1, hour: c.hour, hour2: c.hour + slot, sl, gap: sl - target };
    });
  });
  // Every panel spans the whole horizon: a channel with no contacts some days keeps its rows.
  const rows = Math.max(1, Math.floor(dayOf(horizon.startHours[horizon.startHours.length - 1] ?? 0) / rowDays) + 1, ...values.map((v) => v.row));
  const cellText = slot === horizon.intervalHours ? horizon.intervalName.replace(/s$/, '') : 'hour';
  return {
    name: 'heatmap',
    title: `Service level against target by ${rowDays === 1 ? 'day' : 'week'} and time of day (a cell per ${cellText}): red below target, blue above, grey: no contacts`,
    marks: ['rect'],
    spec: {
      $schema: SCHEMA,
      data: { values },
      facet: panelRows(panels.map((p) => p.title)),
      spec: {
        width: WIDTH,
        height: Math.min(360, Math.max(90, rows * 9)),
        // Grey where no contact was offered, so an empty cell never reads as "on target" (white).
        view: { fill: '#cfcfcf', stroke: null },
        // No per-cell description: thousands of cells would triple the page and the drawing time.
        mark: { type: 'rect' as const, aria: false },
        encoding: {
          x: { field: 'hour', type: 'quantitative' as const, title: 'time of day', scale: { domain: [0, 24], nice: false }, axis: { values: axisTicks(0, 24, 12), labelExpr: clockLabelExpr(false), labelAngle: 0 } },
          x2: { field: 'hour2' },
          y: { field: 'row', type: 'quantitative' as const, title: rowDays === 1 ? 'day' : 'week', scale: { domain: [rows + 1, 1], nice: false, zero: false }, axis: { ...dayAxis(rows).axis, labelOffset: 0 } },
          y2: { field: 'row2' },
          color: {
            field: 'gap',
            type: 'quantitative' as const,
            title: 'SL − target',
            scale: { domain: [-0.3, 0, 0.2], range: ['#b2182b', '#f7f7f7', '#2166ac'], clamp: true },
            legend: { format: '+.0%', values: [-0.3, -0.15, 0, 0.1, 0.2] },
          },
          tooltip: [{ field: 'row', title: rowDays === 1 ? 'day' : 'week' }, { field: 'hour', format: '.2f', title: 'hour' }, { field: 'sl', format: '.1%', title: 'service level' }, { field: 'gap', format: '+.1%', title: 'against target' }],
        },
      },
    },
  };
}

const ESTIMATES = ['Erlang C, channel by channel', 'simulated (required)', 'scheduled (with shrinkage)'];

function capacityChart(data: ReportData, scope: ChartScope): Chart | null {
  const planned = data.capacity.filter((r) => r['planned'] === 'true' && scope.intervals.has(r['interval'] as number));
  if (planned.length === 0) return null;
  const { horizon } = scope;
  const fields: [string, string][] = [['erlangC', ESTIMATES[0]!], ['required', ESTIMATES[1]!], ['scheduled', ESTIMATES[2]!]];
  const values: { hour: number; start: string; group: string; estimate: string; agents: number }[] = [];
  const last = new Map<string, Row>();
  for (const r of planned) {
    const hour = horizon.startHours[r['interval'] as number]! - scope.shift;
    for (const [field, name] of fields) values.push({ hour, start: String(r['start']), group: String(r['group']), estimate: name, agents: r[field] as number });
    const previous = last.get(String(r['group']));
    if (!previous || (previous['interval'] as number) < (r['interval'] as number)) last.set(String(r['group']), r);
  }
  // A step-after line ends at its last point: repeat each group's last interval at its end, so it has a step too.
  for (const r of last.values()) {
    const hour = horizon.startHours[r['interval'] as number]! - scope.shift + horizon.intervalHours;
    for (const [field, name] of fields) values.push({ hour, start: 'end', group: String(r['group']), estimate: name, agents: r[field] as number });
  }
  const groups = [...new Set(planned.map((r) => String(r['group'])))];
  const legend = { field: 'estimate', type: 'nominal' as const, title: 'agents by' };
  return {
    name: 'capacity',
    title: `Agents needed per interval${scope.busiest ? ` on day ${scope.busiest.day}` : ''}: Erlang C channel by channel against the simulated plan, one panel and scale per group`,
    marks: ['line'],
    spec: {
      $schema: SCHEMA,
      data: { values },
      facet: { row: { field: 'group', type: 'nominal', title: null, sort: groups } },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: WIDTH,
        height: 140,
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x: timeX(scope),
          y: { field: 'agents', type: 'quantitative', title: 'agents', axis: { tickMinStep: 1, format: 'd' }, scale: { zero: true } },
          color: { ...legend, scale: { domain: ESTIMATES, range: ['#8c6d31', '#393b79', '#0b6e4f'] }, legend: { symbolStrokeWidth: 2.5, symbolType: 'stroke', labelLimit: 280 } },
          strokeDash: { ...legend, scale: { domain: ESTIMATES, range: [[5, 3], [1, 0], [2, 2]] } },
          tooltip: [{ field: 'group' }, { field: 'start' }, { field: 'estimate' }, { field: 'agents' }],
        },
      },
    },
  };
}

export function buildCharts(data: ReportData): Chart[] {
  const scope = chartScope(data);
  const sets = skillChannels(data);
  const longViews = scope.busiest ? [daysChart(data, scope), skillDaysChart(data, scope, sets), averageDayChart(data, scope), heatmapChart(data, scope)] : [];
  const charts: (Chart | null)[] = [
    capacityChart(data, scope),
    ...longViews,
    serviceLevelChart(data, scope),
    skillServiceLevelChart(data, scope, sets),
    waitsChart(data, scope),
    skillWaitsChart(data, scope, sets),
    volumesChart(data, scope),
    staffingChart(data, scope),
    chatResponseChart(data, scope),
    handleTimesChart(data),
    sessionsChart(data),
    timelineChart(data),
  ];
  return charts.filter((c): c is Chart => c !== null);
}
