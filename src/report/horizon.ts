// The report's clock: where each interval sits in time (hours from midnight of the first day),
// read from the interval labels (`08:30`, `d2 08:30`), and the day-level views of a long
// horizon: figures per day, the average day, and the busiest day. Exports `horizonOf`,
// `dayFigures`, `dayTableFigures`, `dailyFigures`, `averageDay`, `busiestDay`, `axisTicks`,
// `clockLabelExpr`. Units: hours.
import type { ReportData, Row } from './folder-data.js';

export interface Horizon {
  /** Interval length, hours. */
  readonly intervalHours: number;
  /** Start of each interval (by index), hours from midnight of the first day. */
  readonly startHours: readonly number[];
  /** Days the horizon touches (1 for a day within one calendar day). */
  readonly days: number;
  /** True when the horizon spans more than two days: charts show days, not intervals. */
  readonly long: boolean;
  /** Readable name of the interval, plural: `half hours`, `hours`, `15-minute intervals`. */
  readonly intervalName: string;
}

/** Hours from midnight of day 1 of a label such as `08:30` or `d12 08:30`; NaN if unreadable. */
export function labelHours(label: string): number {
  const match = /^(?:d(\d+) )?(\d{1,2}):(\d{2})$/.exec(label.trim());
  if (!match) return Number.NaN;
  const day = match[1] === undefined ? 0 : Number(match[1]) - 1;
  return day * 24 + Number(match[2]) + Number(match[3]) / 60;
}

export function intervalName(minutes: number, plural = true): string {
  const s = plural ? 's' : '';
  if (minutes === 30) return `half hour${s}`;
  if (minutes === 60) return `hour${s}`;
  if (minutes === 15) return `quarter hour${s}`;
  if (minutes === 1440) return `day${s}`;
  return `${Number(minutes.toFixed(2))}-minute interval${s}`;
}

/**
 * The horizon of a report folder, from its interval labels in order (`intervalMinutes` when
 * summary.json records it, else the step between the first two labels; a lone interval of
 * unknown length counts as an hour).
 */
export function horizonOf(labels: readonly string[], intervalMinutes?: number): Horizon {
  const parsed = labels.map(labelHours);
  const step = intervalMinutes !== undefined ? intervalMinutes / 60 : parsed.length > 1 && parsed[1]! > parsed[0]! ? parsed[1]! - parsed[0]! : 1;
  // Unreadable labels fall back to the index: the axis still reads as time from the start.
  const startHours = parsed.every(Number.isFinite) ? parsed : labels.map((_, k) => k * step);
  const first = startHours[0] ?? 0;
  const end = (startHours[startHours.length - 1] ?? 0) + step;
  const days = Math.max(1, Math.ceil(end / 24 - 1e-9) - Math.floor(first / 24));
  return { intervalHours: step, startHours, days, long: end - first > 48 + 1e-9, intervalName: intervalName(Math.round(step * 60 * 100) / 100) };
}

export function dayOf(hours: number): number {
  return Math.floor(hours / 24 + 1e-9);
}

/** Evenly spaced tick values over [from, to] hours, at most about `most` of them. */
export function axisTicks(from: number, to: number, most = 14): number[] {
  const span = to - from;
  const step = [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 168].find((s) => span / s <= most) ?? Math.ceil(span / most / 168) * 168;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step - 1e-9) * step; t <= to + 1e-9; t += step) ticks.push(Number(t.toFixed(6)));
  return ticks;
}

/** A vega expression labelling hours from midnight of day 1 as `08:30`, or `d2 08:30` past day 1. */
export function clockLabelExpr(withDay: boolean): string {
  const clock = "format(floor(datum.value % 24), '02d') + ':' + format(round((datum.value % 1) * 60) % 60, '02d')";
  return withDay ? `(datum.value >= 24 ? 'd' + (floor(datum.value / 24) + 1) + ' ' : '') + ${clock}` : clock;
}

/**
 * A weighted mean with its 95 % half-width, the intervals' half-widths combined as independent
 * (root of the sum of squares): interval figures come from separate arrivals, and the report
 * folder holds no per-replication day totals to do better.
 */
function weighted(parts: readonly { weight: number; value: number; half: number }[]) {
  let w = 0;
  let v = 0;
  let h2 = 0;
  for (const p of parts) {
    if (!Number.isFinite(p.value) || !(p.weight > 0)) continue;
    w += p.weight;
    v += p.weight * p.value;
    const h = Number.isFinite(p.half) ? p.half : 0;
    h2 += (p.weight * h) ** 2;
  }
  return w > 0 ? { value: v / w, half: Math.sqrt(h2) / w, weight: w } : null;
}

export interface DayFigure {
  readonly day: number;
  readonly key: string;
  readonly measure: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** Figures summed per day, and the columns of their half-widths. */
const DAY_MEASURES = [
  ['offered', 'offeredCi95'],
  ['handled', 'handledCi95'],
  ['abandoned', 'abandonedCi95'],
] as const;

/**
 * Rows grouped by a numeric slot (day, time of day) and channel (or skill: `keyColumn`), in the
 * order each group first appears: numeric keys per channel, no key text built per row (a month
 * has thousands of rows).
 */
function groupRows<T>(rows: readonly Row[], channels: readonly string[], slotOf: (row: Row) => number, part: (row: Row) => T, keyColumn = 'channel') {
  const byChannel = new Map<string, Map<number, { readonly slot: number; readonly channel: string; readonly parts: T[] }>>();
  const groups: { readonly slot: number; readonly channel: string; readonly parts: T[] }[] = [];
  for (const row of rows) {
    const channel = String(row[keyColumn]);
    if (!channels.includes(channel)) continue;
    let slots = byChannel.get(channel);
    if (slots === undefined) byChannel.set(channel, (slots = new Map()));
    const slot = slotOf(row);
    let group = slots.get(slot);
    if (group === undefined) {
      slots.set(slot, (group = { slot, channel, parts: [] }));
      groups.push(group);
    }
    group.parts.push(part(row));
  }
  return groups;
}

/**
 * Per day and channel (or skill, from skills.csv's rows: `keyColumn` 'skill'): service level
 * (offered-weighted over the day's intervals) and the offered, handled and abandoned totals,
 * each with a 95 % band from the intervals' half-widths combined as independent.
 */
export function dailyFigures(rows: readonly Row[], horizon: Horizon, channels: readonly string[], keyColumn = 'channel'): readonly DayFigure[] {
  // The per-day chart and the page's table of days read the same figures.
  const channelsKey = `${keyColumn}\u0001${channels.join('\u0000')}`;
  const kept = dailyFiguresKept.get(rows);
  if (kept !== undefined && kept.horizon === horizon && kept.channelsKey === channelsKey) return kept.figures;
  const out: DayFigure[] = [];
  for (const { slot, channel, parts: list } of groupRows(rows, channels, (row) => dayOf(horizon.startHours[row['interval'] as number] ?? 0), (row) => row, keyColumn)) {
    const day = slot + 1;
    const sl = weighted(list.map((r) => ({ weight: r['offered'] as number, value: r['serviceLevel'] as number, half: r['serviceLevelCi95'] as number })));
    if (sl) out.push({ day, key: channel, measure: 'service level', value: sl.value, low: Math.max(0, sl.value - sl.half), high: Math.min(1, sl.value + sl.half) });
    for (const [measure, ciColumn] of DAY_MEASURES) {
      let value = 0;
      let squares = 0;
      for (const r of list) {
        const v = r[measure] as number;
        if (!Number.isFinite(v)) continue;
        value += v;
        const h = r[ciColumn] as number;
        if (Number.isFinite(h)) squares += h * h;
      }
      const half = Math.sqrt(squares);
      out.push({ day, key: channel, measure, value, low: Math.max(0, value - half), high: value + half });
    }
  }
  const figures = out.sort((a, b) => a.day - b.day);
  dailyFiguresKept.set(rows, { horizon, channelsKey, figures });
  return figures;
}

/**
 * Per day and channel (or skill) from a per-day table (days.csv, skills-days.csv): each figure
 * the day's own in every replication, averaged, its band the 95 % half-width over replications.
 */
export function dayTableFigures(rows: readonly Row[], keys: readonly string[], keyColumn: string): readonly DayFigure[] {
  const out: DayFigure[] = [];
  for (const row of rows) {
    const key = String(row[keyColumn]);
    if (!keys.includes(key)) continue;
    const day = row['day'] as number;
    const band = (column: string) => {
      const half = row[`${column}Ci95`] as number;
      return Number.isFinite(half) ? half : 0;
    };
    const sl = row['serviceLevel'] as number;
    if (Number.isFinite(sl)) out.push({ day, key, measure: 'service level', value: sl, low: Math.max(0, sl - band('serviceLevel')), high: Math.min(1, sl + band('serviceLevel')) });
    for (const [measure] of DAY_MEASURES) {
      const value = row[measure] as number;
      if (!Number.isFinite(value)) continue;
      out.push({ day, key, measure, value, low: Math.max(0, value - band(measure)), high: value + band(measure) });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}

/**
 * The report's per-day figures of channels (or skills: `keyColumn` 'skill'): from the folder's
 * per-day table, or, in a folder written before there was one, from its intervals, where a
 * day's service level is the offered-weighted mean of its intervals' (higher than the day's own
 * when small intervals swing: an interval's level averages its replications' levels alike, the
 * replication where it was busy, and answered late, weighing no more than one where it was quiet).
 */
export function dayFigures(data: Pick<ReportData, 'intervals' | 'skills' | 'days' | 'skillDays'>, horizon: Horizon, keys: readonly string[], keyColumn: 'channel' | 'skill'): { readonly figures: readonly DayFigure[]; readonly ownDays: boolean } {
  const rows = keyColumn === 'channel' ? data.days : data.skillDays;
  if (rows.length > 0) return { figures: dayTableFigures(rows, keys, keyColumn), ownDays: true };
  return { figures: dailyFigures(keyColumn === 'channel' ? data.intervals : data.skills, horizon, keys, keyColumn), ownDays: false };
}

const dailyFiguresKept = new WeakMap<readonly Row[], { readonly horizon: Horizon; readonly channelsKey: string; readonly figures: readonly DayFigure[] }>();

export interface TimeOfDayFigure {
  readonly hour: number;
  readonly key: string;
  readonly value: number;
  /** Lowest and highest day at this time of day. */
  readonly low: number;
  readonly high: number;
}

/** Each interval's time of day in hours (to six decimals), per horizon: the average day reads it for every row. */
const timesOfDay = new WeakMap<Horizon, readonly number[]>();

function timeOfDay(horizon: Horizon): readonly number[] {
  let hours = timesOfDay.get(horizon);
  if (hours === undefined) timesOfDay.set(horizon, (hours = horizon.startHours.map((h) => Number((h % 24).toFixed(6)))));
  return hours;
}

/** Each time of day averaged over the days (service level offered-weighted), with the range over days. */
export function averageDay(rows: readonly Row[], horizon: Horizon, metric: string, channels: readonly string[]): TimeOfDayFigure[] {
  const hourOf = timeOfDay(horizon);
  const weightedBy = metric === 'serviceLevel';
  const groups = groupRows(
    rows,
    channels,
    (row) => hourOf[row['interval'] as number] ?? 0,
    (row) => ({ weight: weightedBy ? (row['offered'] as number) : 1, value: row[metric] as number, half: 0 }),
  );
  const out: TimeOfDayFigure[] = [];
  for (const { slot: hour, channel, parts } of groups) {
    const mean = weighted(parts);
    if (!mean) continue;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const p of parts) {
      if (!Number.isFinite(p.value) || !(p.weight > 0)) continue;
      if (p.value < low) low = p.value;
      if (p.value > high) high = p.value;
    }
    out.push({ hour, key: channel, value: mean.value, low, high });
  }
  return out.sort((a, b) => a.hour - b.hour);
}

/** The day (1-based) with the most contacts offered over the given channels. */
export function busiestDay(rows: readonly Row[], horizon: Horizon, channels: readonly string[]): { day: number; offered: number } {
  const totals = new Map<number, number>();
  for (const row of rows) {
    if (!channels.includes(String(row['channel']))) continue;
    const offered = row['offered'] as number;
    if (!Number.isFinite(offered)) continue;
    const day = dayOf(horizon.startHours[row['interval'] as number] ?? 0) + 1;
    totals.set(day, (totals.get(day) ?? 0) + offered);
  }
  let best = { day: dayOf(horizon.startHours[0] ?? 0) + 1, offered: 0 };
  for (const [day, offered] of [...totals].sort((a, b) => a[0] - b[0])) if (offered > best.offered) best = { day, offered };
  return best;
}
