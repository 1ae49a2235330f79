// Names of figures, as users write them in expectations, sweeps and comparisons:
// `voice.serviceLevel`, `all.abandonRate`, `groups.blended.occupancy`, `sessions.sessionDuration`,
// `elevations.chat>voice`, per skill `skills.voice-sales.asa`, and per interval
// `voice.serviceLevel@09:30` or `@every`.
// Exports `parseMetricPath`, `metricEstimates`, `confidenceBounds`; names are checked in experiments/figures.ts.
import { studentTQuantile } from './student.js';
import type { RunSummary, TableSummary } from './summary.js';
import { cellOffset } from './table.js';

export type IntervalSelector = { readonly kind: 'total' } | { readonly kind: 'every' } | { readonly kind: 'at'; readonly label: string };

export type MetricPath =
  | { readonly kind: 'channel'; readonly channel: string; readonly metric: string; readonly interval: IntervalSelector }
  | { readonly kind: 'group'; readonly group: string; readonly metric: string; readonly interval: IntervalSelector }
  | { readonly kind: 'skill'; readonly skill: string; readonly metric: string; readonly interval: IntervalSelector }
  | { readonly kind: 'sessions'; readonly metric: string; readonly interval: IntervalSelector }
  | { readonly kind: 'elevations'; readonly pair: string };

/** What a figure is made of: its mean over replications and the spread to put bounds on it. */
export interface FigureEstimate {
  /** `voice.serviceLevel@09:30` style name of this very figure. */
  readonly name: string;
  readonly mean: number;
  /** 95 % half-width; NaN with one replication. */
  readonly ci95: number;
  /** Replications that have the figure: the n behind ci95. */
  readonly replications: number;
}

export function parseMetricPath(text: string): MetricPath | string {
  const at = text.indexOf('@');
  const base = at < 0 ? text : text.slice(0, at);
  const suffix = at < 0 ? null : text.slice(at + 1);
  const interval: IntervalSelector = suffix === null ? { kind: 'total' } : suffix === 'every' ? { kind: 'every' } : { kind: 'at', label: suffix };
  if (suffix === '') return "an interval after '@' is missing: write @09:30 or @every";
  const parts = base.split('.');
  if (parts[0] === 'groups') {
    if (parts.length !== 3) return 'a group figure is groups.<group>.<metric>, e.g. groups.blended.occupancy';
    return { kind: 'group', group: parts[1]!, metric: parts[2]!, interval };
  }
  if (parts[0] === 'skills') {
    if (parts.length !== 3) return 'a skill figure is skills.<skill>.<metric>, e.g. skills.voice-sales.serviceLevel';
    return { kind: 'skill', skill: parts[1]!, metric: parts[2]!, interval };
  }
  if (parts[0] === 'sessions') {
    if (parts.length !== 2) return 'a session figure is sessions.<metric>, e.g. sessions.sessionDuration';
    return { kind: 'sessions', metric: parts[1]!, interval };
  }
  if (parts[0] === 'elevations') {
    if (parts.length !== 2 || suffix !== null) return 'an elevation figure is elevations.<from>><to>, e.g. elevations.chat>voice, over the whole horizon';
    return { kind: 'elevations', pair: parts[1]! };
  }
  if (parts.length !== 2) return 'a channel figure is <channel>.<metric>, e.g. voice.serviceLevel or all.abandonRate';
  return { kind: 'channel', channel: parts[0]!, metric: parts[1]!, interval };
}

/** A path that parses but names no figure of this summary (checked up front: figures.ts). */
class UnknownFigure extends Error {}

function fromTable(table: TableSummary, row: string, metric: string, interval: IntervalSelector, labels: readonly string[], prefix: string): FigureEstimate[] {
  const r = table.mean.rows.indexOf(row);
  const m = table.mean.metrics.indexOf(metric);
  if (r < 0 || m < 0) throw new UnknownFigure(`'${prefix}${row}.${metric}' is not a figure of this scenario`);
  const pick = (column: number, name: string): FigureEstimate => {
    const at = cellOffset(table.mean, r, column) + m;
    return { name, mean: table.mean.values[at]!, ci95: table.ci95.values[at]!, replications: table.count.values[at]! };
  };
  const base = `${prefix}${row}.${metric}`;
  if (interval.kind === 'total') return [pick(table.mean.columns - 1, base)];
  if (interval.kind === 'every') return labels.map((label, k) => pick(k, `${base}@${label}`));
  const k = labels.indexOf(interval.label);
  if (k < 0) throw new UnknownFigure(`'${interval.label}' is not the start of a reporting interval of this scenario`);
  return [pick(k, `${base}@${interval.label}`)];
}

/** The figures a path names: one, or one per interval for `@every`. Throws on unknown names. */
export function metricEstimates(path: MetricPath, summary: RunSummary, labels: readonly string[]): FigureEstimate[] {
  switch (path.kind) {
    case 'channel':
      return fromTable(summary.channels, path.channel, path.metric, path.interval, labels, '');
    case 'skill':
      return fromTable(summary.skills, path.skill, path.metric, path.interval, labels, 'skills.');
    case 'group': {
      const inLevels = summary.levels.mean.metrics.includes(path.metric);
      return fromTable(inLevels ? summary.levels : summary.groups, path.group, path.metric, path.interval, labels, 'groups.');
    }
    case 'sessions': {
      if (path.metric === 'elevationsDeferred' || path.metric === 'elevationsDropped') {
        if (path.interval.kind !== 'total') throw new UnknownFigure(`'sessions.${path.metric}' is counted over the whole horizon only`);
        const e = summary[path.metric];
        return [{ name: `sessions.${path.metric}`, mean: e.mean, ci95: e.halfWidth, replications: e.n }];
      }
      const metric = path.metric;
      return fromTable(summary.sessions, 'all', metric, path.interval, labels, 'sessions.').map((f) => ({ ...f, name: f.name.replace('sessions.all.', 'sessions.') }));
    }
    case 'elevations': {
      const e = summary.elevations[path.pair];
      if (e === undefined) throw new UnknownFigure(`'elevations.${path.pair}' is not an elevation pair of this scenario`);
      return [{ name: `elevations.${path.pair}`, mean: e.mean, ci95: e.halfWidth, replications: e.n }];
    }
  }
}

/** The interval at `confidence` around a figure's mean, from its 95 % half-width. */
export function confidenceBounds(figure: FigureEstimate, confidence: number): { low: number; high: number } {
  const n = figure.replications;
  if (!(n > 1) || !Number.isFinite(figure.ci95)) return { low: figure.mean, high: figure.mean };
  const standardError = figure.ci95 / studentTQuantile(0.975, n - 1);
  const half = studentTQuantile(1 - (1 - confidence) / 2, n - 1) * standardError;
  return { low: figure.mean - half, high: figure.mean + half };
}
