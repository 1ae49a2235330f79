// The report's charts as vega-lite specs, built from a report folder's rows: service level
// against target, waits, volumes, staffing and occupancy, chat response times, handle times,
// elevations and sessions, and the agent timeline. Each channel has one colour everywhere.
// Means carry their 95 % band when there are replications. Exports `buildCharts`.
import type { TopLevelSpec } from 'vega-lite';
import type { Estimate, ReportData, Row } from './folder-data.js';

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
const GROUP_PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#9d755d'];

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 640;

function channelColor(channels: readonly string[]) {
  const domain = CHANNEL_ORDER.filter((c) => channels.includes(c));
  return { scale: { domain, range: domain.map((c) => CHANNEL_COLORS[c]!) }, legend: { title: 'channel' } };
}

function finite(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Rows of one metric by interval and key, with the 95 % band when replications give one. */
function series(rows: readonly Row[], keyColumn: string, metric: string, keys?: readonly string[]) {
  const out: { interval: number; start: string; key: string; value: number; low: number; high: number }[] = [];
  for (const row of rows) {
    const key = String(row[keyColumn]);
    if (keys && !keys.includes(key)) continue;
    const value = row[metric];
    if (!finite(value)) continue;
    const ci = row[`${metric}Ci95`];
    const half = finite(ci) ? ci : 0;
    out.push({ interval: row['interval'] as number, start: String(row['start']), key, value, low: value - half, high: value + half });
  }
  return out;
}

function intervalAxis(data: ReportData) {
  const labels = [...new Set(data.intervals.map((r) => String(r['start'])))];
  const every = Math.max(1, Math.ceil(labels.length / 16));
  return {
    field: 'start',
    type: 'ordinal' as const,
    sort: labels,
    title: 'interval start',
    axis: { labelAngle: -45, values: labels.filter((_, i) => i % every === 0) },
  };
}

function estimate(value: Estimate | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  return value.mean;
}

function inboundChannels(data: ReportData): string[] {
  return Object.keys(data.summary.channels).filter((c) => c !== 'all' && !c.startsWith('outbound-'));
}

function serviceLevelChart(data: ReportData): Chart {
  const channels = inboundChannels(data);
  const values = series(data.intervals, 'channel', 'serviceLevel', channels);
  const targets = channels
    .map((c) => ({ key: c, target: estimate(data.summary.channels[c]?.['serviceLevelTarget'] as number | null) }))
    .filter((t) => t.target !== null);
  const color = channelColor(channels);
  return {
    name: 'service-level',
    title: 'Service level by interval, against target (dashed)',
    marks: ['line', 'area'],
    spec: {
      $schema: SCHEMA,
      width: WIDTH,
      height: 240,
      layer: [
        {
          data: { values },
          mark: { type: 'area', opacity: 0.18 },
          encoding: { x: intervalAxis(data), y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color: { field: 'key', type: 'nominal', ...color } },
        },
        {
          data: { values },
          mark: { type: 'line', point: values.length <= 60 },
          encoding: {
            x: intervalAxis(data),
            y: { field: 'value', type: 'quantitative', title: 'service level', axis: { format: '%' }, scale: { domain: [0, 1] } },
            color: { field: 'key', type: 'nominal', ...color },
            tooltip: [{ field: 'key', title: 'channel' }, { field: 'start' }, { field: 'value', format: '.1%', title: 'service level' }],
          },
        },
        ...(targets.length === 0
          ? []
          : [
              {
                data: { values: targets },
                mark: { type: 'rule' as const, strokeDash: [6, 4], strokeWidth: 1.5 },
                encoding: { y: { field: 'target', type: 'quantitative' as const }, color: { field: 'key', type: 'nominal' as const, ...color } },
              },
            ]),
      ],
    },
  };
}

function waitsChart(data: ReportData): Chart {
  const channels = inboundChannels(data);
  const values = [
    ...series(data.intervals, 'channel', 'asa', channels).map((v) => ({ ...v, statistic: 'ASA' })),
    ...series(data.intervals, 'channel', 'waitP90', channels).map((v) => ({ ...v, statistic: 'wait P90' })),
  ];
  return {
    name: 'waits',
    title: 'Average speed of answer and 90th-percentile wait by interval',
    marks: ['line'],
    spec: {
      $schema: SCHEMA,
      width: WIDTH,
      height: 240,
      data: { values },
      mark: { type: 'line' },
      encoding: {
        x: intervalAxis(data),
        y: { field: 'value', type: 'quantitative', title: 'seconds' },
        color: { field: 'key', type: 'nominal', ...channelColor(channels) },
        strokeDash: { field: 'statistic', type: 'nominal', title: 'statistic' },
        tooltip: [{ field: 'key', title: 'channel' }, { field: 'statistic' }, { field: 'start' }, { field: 'value', format: '.1f', title: 'seconds' }],
      },
    },
  };
}

function volumesChart(data: ReportData): Chart {
  const channels = inboundChannels(data);
  const values = ['offered', 'handled', 'abandoned'].flatMap((metric) => series(data.intervals, 'channel', metric, channels).map((v) => ({ ...v, measure: metric })));
  return {
    name: 'volumes',
    title: 'Offered, handled and abandoned contacts by interval (by arrival interval)',
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
          x: intervalAxis(data),
          y: { field: 'value', type: 'quantitative', title: 'contacts' },
          color: {
            field: 'measure',
            type: 'nominal',
            scale: { domain: ['offered', 'handled', 'abandoned'], range: ['#4c78a8', '#54a24b', '#e45756'] },
            title: 'contacts',
          },
          tooltip: [{ field: 'key', title: 'channel' }, { field: 'measure' }, { field: 'start' }, { field: 'value', format: '.1f' }],
        },
      },
    },
  };
}

function staffingChart(data: ReportData): Chart {
  const groups = [...new Set(data.groups.map((r) => String(r['group'])))];
  const color = { scale: { domain: groups, range: groups.map((_, i) => GROUP_PALETTE[i % GROUP_PALETTE.length]!) }, legend: { title: 'group' } };
  const panel = (metric: string, title: string, format?: string) => ({
    width: WIDTH,
    height: 120,
    data: { values: series(data.groups, 'group', metric) },
    layer: [
      {
        mark: { type: 'area' as const, opacity: 0.18 },
        encoding: { x: intervalAxis(data), y: { field: 'low', type: 'quantitative' as const }, y2: { field: 'high' }, color: { field: 'key', type: 'nominal' as const, ...color } },
      },
      {
        mark: { type: 'line' as const },
        encoding: {
          x: intervalAxis(data),
          y: { field: 'value', type: 'quantitative' as const, title, ...(format ? { axis: { format } } : {}) },
          color: { field: 'key', type: 'nominal' as const, ...color },
          tooltip: [{ field: 'key', title: 'group' }, { field: 'start' }, { field: 'value', format: format === '%' ? '.1%' : '.2f', title }],
        },
      },
    ],
  });
  return {
    name: 'staffing',
    title: 'Agents logged in, occupancy and mean concurrency by interval, per group',
    marks: ['line', 'area'],
    spec: {
      $schema: SCHEMA,
      vconcat: [panel('agents', 'agents logged in'), panel('occupancy', 'occupancy', '%'), panel('concurrencyMean', 'contacts held per agent')],
    },
  };
}

function histogramRows(data: ReportData, metric: string, channels?: readonly string[]) {
  return data.distributions
    .filter((r) => r['metric'] === metric && (!channels || channels.includes(String(r['channel']))))
    .map((r) => ({ channel: String(r['channel']), from: Math.max(r['from'] as number, 0.01), to: Math.max(r['to'] as number, 0.011), count: r['count'] as number }));
}

function chatResponseChart(data: ReportData): Chart | null {
  if (!data.summary.channels['chat']) return null;
  const threshold = estimate(data.summary.channels['chat']['responseThresholdSec'] as number | null) ?? 60;
  const bins = histogramRows(data, 'response', ['chat']);
  const breaches = series(data.intervals, 'channel', 'responseBreaches', ['chat']);
  return {
    name: 'chat-response',
    title: `Chat response times (threshold ${threshold} s) and response breaches by interval`,
    marks: ['rect', 'rule', 'bar'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        {
          width: 300,
          height: 220,
          layer: [
            {
              data: { values: bins },
              mark: { type: 'rect', color: CHANNEL_COLORS['chat']!, opacity: 0.85 },
              encoding: {
                x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, title: 'response time, s (log scale)' },
                x2: { field: 'to' },
                y: { field: 'count', type: 'quantitative', title: 'replies per replication' },
                tooltip: [{ field: 'from', format: '.1f' }, { field: 'to', format: '.1f' }, { field: 'count', format: '.1f' }],
              },
            },
            {
              data: { values: [{ threshold }] },
              mark: { type: 'rule', color: '#d62728', strokeWidth: 2 },
              encoding: { x: { field: 'threshold', type: 'quantitative' } },
            },
          ],
        },
        {
          width: 320,
          height: 220,
          data: { values: breaches },
          mark: { type: 'bar', color: '#d62728' },
          encoding: {
            x: intervalAxis(data),
            y: { field: 'value', type: 'quantitative', title: 'replies past threshold' },
            tooltip: [{ field: 'start' }, { field: 'value', format: '.1f', title: 'breaches' }],
          },
        },
      ],
    },
  };
}

function handleTimesChart(data: ReportData): Chart {
  const channels = Object.keys(data.summary.channels).filter((c) => c !== 'all');
  const bins = histogramRows(data, 'handle', channels);
  return {
    name: 'handle-times',
    title: 'Handle time (answer to end of wrap) per channel',
    marks: ['rect'],
    spec: {
      $schema: SCHEMA,
      data: { values: bins },
      facet: { row: { field: 'channel', type: 'nominal', title: null, sort: CHANNEL_ORDER } },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: WIDTH,
        height: 90,
        mark: { type: 'rect', opacity: 0.85 },
        encoding: {
          x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, title: 'handle time, s (log scale)' },
          x2: { field: 'to' },
          y: { field: 'count', type: 'quantitative', title: 'contacts' },
          color: { field: 'channel', type: 'nominal', ...channelColor(channels) },
          tooltip: [{ field: 'channel' }, { field: 'from', format: '.0f' }, { field: 'to', format: '.0f' }, { field: 'count', format: '.1f' }],
        },
      },
    },
  };
}

function sessionsChart(data: ReportData): Chart | null {
  const pairs = Object.entries(data.summary.elevations)
    .filter(([, e]) => e.mean !== null)
    .map(([pair, e]) => ({ pair, mean: e.mean!, low: e.mean! - (e.ci95 ?? 0), high: e.mean! + (e.ci95 ?? 0), target: pair.split('>')[1]! }))
    .sort((a, b) => b.mean - a.mean);
  if (pairs.length === 0) return null;
  const order = pairs.map((p) => p.pair);
  const durations = histogramRows(data, 'sessionDuration');
  return {
    name: 'sessions',
    title: 'Elevations by pair (per replication) and omnichannel session durations',
    marks: ['bar', 'rect'],
    spec: {
      $schema: SCHEMA,
      hconcat: [
        {
          width: 260,
          height: 220,
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
        {
          width: 340,
          height: 220,
          data: { values: durations },
          mark: { type: 'rect', color: '#72b7b2' },
          encoding: {
            x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, title: 'session duration, s (log scale)' },
            x2: { field: 'to' },
            y: { field: 'count', type: 'quantitative', title: 'sessions per replication' },
            tooltip: [{ field: 'from', format: '.0f' }, { field: 'to', format: '.0f' }, { field: 'count', format: '.1f' }],
          },
        },
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
            color: { field: 'channel', type: 'nominal', ...channelColor(channels) },
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
            color: { field: 'channel', type: 'nominal', ...channelColor(channels) },
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

function capacityChart(data: ReportData): Chart | null {
  const planned = data.capacity.filter((r) => r['planned'] === 'true');
  if (planned.length === 0) return null;
  const values = planned.flatMap((r) => [
    { start: String(r['start']), interval: r['interval'] as number, group: String(r['group']), estimate: 'Erlang C, channel by channel', agents: r['erlangC'] as number },
    { start: String(r['start']), interval: r['interval'] as number, group: String(r['group']), estimate: 'simulated (required)', agents: r['required'] as number },
    { start: String(r['start']), interval: r['interval'] as number, group: String(r['group']), estimate: 'scheduled (with shrinkage)', agents: r['scheduled'] as number },
  ]);
  const groups = [...new Set(planned.map((r) => String(r['group'])))];
  return {
    name: 'capacity',
    title: 'Agents needed per interval: Erlang C channel by channel against the simulated plan',
    marks: ['line'],
    spec: {
      $schema: SCHEMA,
      data: { values },
      facet: { row: { field: 'group', type: 'nominal', title: null, sort: groups } },
      spec: {
        width: WIDTH,
        height: 180,
        mark: { type: 'line', interpolate: 'step-after', point: values.length <= 200 },
        encoding: {
          x: intervalAxis(data),
          y: { field: 'agents', type: 'quantitative', title: 'agents' },
          color: {
            field: 'estimate',
            type: 'nominal',
            scale: { domain: ['Erlang C, channel by channel', 'simulated (required)', 'scheduled (with shrinkage)'], range: ['#9d755d', '#4c78a8', '#54a24b'] },
            title: null,
          },
          strokeDash: { field: 'estimate', type: 'nominal', scale: { domain: ['Erlang C, channel by channel', 'simulated (required)', 'scheduled (with shrinkage)'], range: [[5, 3], [1, 0], [2, 2]] }, legend: null },
          tooltip: [{ field: 'group' }, { field: 'start' }, { field: 'estimate' }, { field: 'agents' }],
        },
      },
    },
  };
}

export function buildCharts(data: ReportData): Chart[] {
  const charts: (Chart | null)[] = [
    capacityChart(data),
    serviceLevelChart(data),
    waitsChart(data),
    volumesChart(data),
    staffingChart(data),
    chatResponseChart(data),
    handleTimesChart(data),
    sessionsChart(data),
    timelineChart(data),
  ];
  return charts.filter((c): c is Chart => c !== null);
}
