// Capacity plans: for each reporting interval, the fewest agents per group meeting every
// target of the scenario (service level per channel, and the chat response target), found by
// simulation from the Erlang C estimate. Intervals are planned in time order; each is judged
// with the queue that the planned intervals before it leave behind (carry-over), and with its
// staffing kept one interval on so its late contacts are served as they would be. A final run
// of the whole plan checks every interval and raises any that falls short.
// Exports `planCapacity`, `erlangCStaffing`, `intervalVerdicts`.
import { agentsForServiceLevel } from '../analytic/erlang.js';
import { singleContactHandleTime } from '../center/workload.js';
import type { Scenario } from '../scenario/model.js';
import type { Trace } from '../scenario/trace.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { meanAndHalfWidth } from '../stats/student.js';
import { tableValue } from '../stats/table.js';
import * as messages from './messages.js';

/** Runs a scenario's replications; `full` for the final plan's report, `figures` for the search. */
/** No staffing the search may try meets the targets in an interval: the targets are bad input. */
export class TargetsUnreachable extends Error {
  constructor(
    readonly interval: number,
    readonly targets: readonly string[],
    tried: readonly number[],
  ) {
    super(messages.noStaffingMeetsTargets(interval, tried, targets));
    this.name = 'TargetsUnreachable';
  }
}

export type Evaluate = (scenario: Scenario, detail: 'figures' | 'full') => Promise<ReplicationResult[]>;

export interface CapacityOptions {
  /** null: the mean must meet each target; c: the whole c-confidence interval must. */
  readonly confidence: number | null;
  /** Share of paid time not spent on contacts: scheduled = required / (1 − shrinkage). */
  readonly shrinkage: number;
  /** Intervals of history simulated before the interval being planned (carry-over). */
  readonly lookback?: number;
}

export interface Achieved {
  readonly channel: string;
  readonly metric: 'serviceLevel' | 'responseBreachRate';
  readonly target: number;
  readonly mean: number;
  readonly ci95: number;
  readonly met: boolean;
}

export interface CapacityPlan {
  /** Agents per group (rows) and interval (columns). */
  readonly erlangC: number[][];
  readonly required: number[][];
  readonly scheduled: number[][];
  /** Groups planned (their channels carry targets); the others keep the scenario's staffing. */
  readonly planned: readonly boolean[];
  /** The whole plan's run, and each interval's figures against target. */
  readonly scenario: Scenario;
  readonly results: ReplicationResult[];
  readonly verdicts: Achieved[][];
  readonly evaluations: number;
}

interface Target {
  readonly channel: string;
  readonly metric: 'serviceLevel' | 'responseBreachRate';
  /** For serviceLevel: at least this; for responseBreachRate: at most this. */
  readonly bound: number;
}

/** Where a target is written in the scenario file. */
function targetPath(t: Target): string {
  return t.metric === 'serviceLevel' ? `channels.${t.channel}.serviceLevel.target` : `channels.${t.channel}.responseTarget`;
}

function targetsOf(scenario: Scenario): Target[] {
  const targets: Target[] = [];
  for (const c of scenario.channels) {
    if (c.serviceLevel.target !== null) targets.push({ channel: c.name, metric: 'serviceLevel', bound: c.serviceLevel.target });
    if (c.responseTarget !== null) targets.push({ channel: c.name, metric: 'responseBreachRate', bound: 1 - c.responseTarget });
  }
  return targets;
}

/**
 * Erlang C applied channel by channel: each targeted channel's agents for its service level in
 * each interval, with its single-contact handle time, shared among the groups that take it in
 * proportion to their staffing in the scenario.
 */
export function erlangCStaffing(scenario: Scenario): number[][] {
  const intervals = scenario.horizon.intervals;
  const out = scenario.groups.map(() => new Array<number>(intervals).fill(0));
  for (const channel of scenario.channels) {
    const target = channel.serviceLevel.target;
    if (target === null) continue;
    const aht = singleContactHandleTime(channel);
    const takers = scenario.groups.map((g, i) => ({ g, i })).filter(({ g }) => g.channels.includes(channel.name));
    for (let k = 0; k < intervals; k++) {
      const rate = channel.arrivalRates[k]!;
      const agents = rate > 0 ? agentsForServiceLevel({ arrivalRate: rate, aht, thresholdSec: channel.serviceLevel.thresholdSec, target: Math.min(target, 0.999999) }) : 0;
      const weights = takers.map(({ g }) => Math.max(g.staffing[k]!, 1e-9));
      const total = weights.reduce((a, b) => a + b, 0);
      takers.forEach(({ i }, t) => (out[i]![k]! += (agents * weights[t]!) / total));
    }
  }
  return out.map((row) => row.map((x) => Math.ceil(x - 1e-9)));
}

/** The scenario cut to intervals [from, to] with the given staffing per group and interval. */
function windowScenario(scenario: Scenario, from: number, to: number, staffing: readonly (readonly number[])[]): Scenario {
  const { intervalSec, startMinute } = scenario.horizon;
  const intervals = to - from + 1;
  return {
    ...scenario,
    horizon: { intervalSec, intervals, startMinute: startMinute + (from * intervalSec) / 60, endSec: intervals * intervalSec },
    warmupSec: 0,
    channels: scenario.channels.map((c) => ({
      ...c,
      arrivalRates: c.arrivalRates.slice(from, to + 1),
      backlog: from === 0 ? c.backlog : 0,
      trace: c.trace === null ? null : traceWindow(c.trace, from * intervalSec, (to + 1) * intervalSec),
    })),
    groups: scenario.groups.map((g, i) => ({ ...g, staffing: staffing[i]!.slice(from, to + 1) })),
  };
}

/** The recorded arrivals in [start, end), on a clock that starts at `start`. */
function traceWindow(trace: Trace, start: number, end: number): Trace {
  let first = 0;
  while (first < trace.at.length && trace.at[first]! < start) first++;
  let last = first;
  while (last < trace.at.length && trace.at[last]! < end) last++;
  return {
    at: trace.at.slice(first, last).map((t) => t - start),
    handling: trace.handling.slice(first, last),
    wrap: trace.wrap.slice(first, last),
    patience: trace.patience.slice(first, last),
    exchanges: trace.exchanges.slice(first, last),
  };
}

/** Each target's figure in interval `column` over the replications, and whether it holds. */
export function intervalVerdicts(scenario: Scenario, results: readonly ReplicationResult[], column: number, confidence: number | null): Achieved[] {
  return targetsOf(scenario).map((t) => {
    const values = results.map((r) => tableValue(r.channels, t.channel, column, t.metric));
    const level = confidence ?? 0.95;
    const estimate = meanAndHalfWidth(values, level);
    const ci95 = meanAndHalfWidth(values, 0.95).halfWidth;
    if (estimate.n === 0) return { channel: t.channel, metric: t.metric, target: t.bound, mean: Number.NaN, ci95, met: true };
    const half = confidence === null || !Number.isFinite(estimate.halfWidth) ? 0 : estimate.halfWidth;
    const met = t.metric === 'serviceLevel' ? estimate.mean - half >= t.bound - 1e-12 : estimate.mean + half <= t.bound + 1e-12;
    return { channel: t.channel, metric: t.metric, target: t.bound, mean: estimate.mean, ci95, met };
  });
}

export async function planCapacity(scenario: Scenario, evaluate: Evaluate, options: CapacityOptions): Promise<CapacityPlan> {
  const intervals = scenario.horizon.intervals;
  const lookback = options.lookback ?? 2;
  const targets = targetsOf(scenario);
  const targetChannels = new Set(targets.map((t) => t.channel));
  const planned = scenario.groups.map((g) => g.channels.some((c) => targetChannels.has(c)));
  const erlangC = erlangCStaffing(scenario);
  const staffing = scenario.groups.map((g, i) => (planned[i] ? new Array<number>(intervals).fill(0) : [...g.staffing]));
  let evaluations = 0;
  const cache = new Map<string, boolean>();

  const meetsAt = async (k: number, counts: readonly number[]): Promise<boolean> => {
    const key = `${k}|${counts.join(',')}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const last = Math.min(k + 1, intervals - 1);
    const trial = staffing.map((row, g) => {
      if (!planned[g]) return row;
      const copy = [...row];
      for (let j = k; j <= last; j++) copy[j] = counts[g]!;
      return copy;
    });
    const from = Math.max(0, k - lookback);
    const results = await evaluate(windowScenario(scenario, from, last, trial), 'figures');
    evaluations++;
    const ok = intervalVerdicts(scenario, results, k - from, options.confidence).every((v) => v.met);
    cache.set(key, ok);
    return ok;
  };

  for (let k = 0; k < intervals; k++) {
    const start = erlangC.map((row, g) => (planned[g] ? Math.max(row[k]!, 0) : 0));
    let counts = [...start];
    if (targets.length > 0 && planned.some(Boolean)) {
      // Grow or shrink all planned groups together from the Erlang C estimate (one scale),
      // then trim each group alone while the targets still hold.
      const scaled = (m: number) => start.map((e, g) => (planned[g] ? Math.ceil((m * Math.max(e, 1)) / 8) : 0));
      let low = 0;
      let high = 8;
      while (!(await meetsAt(k, scaled(high)))) {
        low = high;
        high *= 2;
        if (high > 8 * 4096) throw new TargetsUnreachable(k, targets.map(targetPath), scaled(low));
      }
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (await meetsAt(k, scaled(mid))) high = mid;
        else low = mid;
      }
      counts = scaled(high);
      for (let g = 0; g < counts.length; g++) {
        if (!planned[g]) continue;
        let lo = -1;
        let hi = counts[g]!;
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          const trial = [...counts];
          trial[g] = mid;
          if (await meetsAt(k, trial)) hi = mid;
          else lo = mid;
        }
        counts[g] = hi;
      }
    }
    counts.forEach((n, g) => {
      if (planned[g]) staffing[g]![k] = n;
    });
  }

  // The whole plan, run as a plain run would (its warm-up included, every figure its report
  // shows); raise the intervals that fall short and run again. The last run is the plan's own.
  const planScenario = (): Scenario => ({ ...windowScenario(scenario, 0, intervals - 1, staffing), warmupSec: scenario.warmupSec, horizon: scenario.horizon });
  let finalScenario = planScenario();
  let results = await evaluate(finalScenario, 'full');
  evaluations++;
  for (let round = 0; round < 50; round++) {
    let short = false;
    for (let k = 0; k < intervals; k++) {
      const failing = intervalVerdicts(scenario, results, k, options.confidence).filter((v) => !v.met).map((v) => v.channel);
      if (failing.length === 0) continue;
      short = true;
      for (let g = 0; g < staffing.length; g++) {
        if (planned[g] && scenario.groups[g]!.channels.some((c) => failing.includes(c))) staffing[g]![k]! += 1;
      }
    }
    if (!short) break;
    finalScenario = planScenario();
    results = await evaluate(finalScenario, 'full');
    evaluations++;
  }
  const verdicts = Array.from({ length: intervals }, (_, k) => intervalVerdicts(scenario, results, k, options.confidence));
  const scheduled = staffing.map((row, g) => row.map((n) => (planned[g] ? Math.ceil(n / (1 - options.shrinkage) - 1e-9) : n)));
  return { erlangC, required: staffing, scheduled, planned, scenario: finalScenario, results, verdicts, evaluations };
}
