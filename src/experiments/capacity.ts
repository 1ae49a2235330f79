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

/**
 * Runs a scenario's replications; `full` for the final plan's report, `figures` for the search.
 * With `replications`, only those (in that order): the sequential search asks for batches.
 */
export type Evaluate = (scenario: Scenario, detail: 'figures' | 'full', replications?: readonly number[]) => Promise<ReplicationResult[]>;

/**
 * The sequential search: a candidate staffing is judged on its first `minimum` replications,
 * and more are run, `step` at a time, only while its verdict is unclear (some target's 95 %
 * interval still straddles the target). It stops at `maximum` (judged as the fixed search
 * judges) or, with `halfWidth`, as soon as every target figure is that precise. Every
 * candidate uses the same replications (common random numbers), so candidates far from a
 * target cost `minimum` replications and only the close ones cost more.
 */
export interface SequentialSearch {
  readonly minimum: number;
  readonly step: number;
  /** The cap: the scenario's replications, or --max-replications with --precision. */
  readonly maximum: number;
  /** With --precision: per target (`voice.serviceLevel`), the half-width that is precise enough. */
  readonly halfWidth?: ReadonlyMap<string, { readonly value: number; readonly relative: boolean }>;
}

export interface CapacityOptions {
  /** null: the mean must meet each target; c: the whole c-confidence interval must. */
  readonly confidence: number | null;
  /** Share of paid time not spent on contacts: scheduled = required / (1 − shrinkage). */
  readonly shrinkage: number;
  /** Intervals of history simulated before the interval being planned (carry-over). */
  readonly lookback?: number;
  /** Judge candidates on as few replications as make their verdict clear (see SequentialSearch). */
  readonly sequential?: SequentialSearch;
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
  /** Replications simulated by the search and the plan's runs (a search window's count as one each). */
  readonly replicationsRun: number;
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
  for (const c of scenario.skills) {
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
  for (const channel of scenario.skills) {
    const target = channel.serviceLevel.target;
    if (target === null) continue;
    const takers = scenario.groups.map((g, i) => ({ g, i })).filter(({ g }) => g.channels.includes(channel.name));
    for (let k = 0; k < intervals; k++) {
      const rate = channel.arrivalRates[k]!;
      const aht = singleContactHandleTime(channel, k);
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
    horizon: { ...scenario.horizon, intervals, startMinute: startMinute + (from * intervalSec) / 60, endSec: intervals * intervalSec },
    warmupSec: 0,
    skills: scenario.skills.map((c) => ({
      ...c,
      arrivalRates: c.arrivalRates.slice(from, to + 1),
      backlog: from === 0 ? c.backlog : 0,
      handlingMeanByInterval: c.handlingMeanByInterval?.slice(from, to + 1) ?? null,
      trace: c.trace === null ? null : traceWindow(c.trace, from * intervalSec, (to + 1) * intervalSec),
    })),
    groups: scenario.groups.map((g, i) => ({ ...g, staffing: staffing[i]!.slice(from, to + 1), shrinkage: g.shrinkage?.slice(from, to + 1) ?? null })),
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

/**
 * A candidate's verdict once it is clear, else null. Clear: some target is missed by its whole
 * 95 % interval (fails), or every target is met by its whole 95 % interval (and by the
 * `confidence` interval when one is asked); or, with a precision, every target figure's
 * half-width is within it, and the candidate is judged as the fixed search would judge it.
 */
export function sequentialVerdict(scenario: Scenario, results: readonly ReplicationResult[], column: number, confidence: number | null, rule: SequentialSearch): boolean | null {
  const level = Math.max(confidence ?? 0.95, 0.95);
  let allClear = true;
  let allPrecise = rule.halfWidth !== undefined;
  for (const t of targetsOf(scenario)) {
    const values = results.map((r) => tableValue(r.channels, t.channel, column, t.metric));
    const e = meanAndHalfWidth(values, level);
    if (e.n === 0) continue;
    if (!Number.isFinite(e.halfWidth)) {
      allClear = false;
      allPrecise = false;
      continue;
    }
    const clearlyMet = t.metric === 'serviceLevel' ? e.mean - e.halfWidth >= t.bound - 1e-12 : e.mean + e.halfWidth <= t.bound + 1e-12;
    const clearlyMissed = t.metric === 'serviceLevel' ? e.mean + e.halfWidth < t.bound - 1e-12 : e.mean - e.halfWidth > t.bound + 1e-12;
    if (clearlyMissed) return false;
    if (!clearlyMet) allClear = false;
    const wanted = rule.halfWidth?.get(`${t.channel}.${t.metric}`);
    const ci95 = meanAndHalfWidth(values, 0.95).halfWidth;
    if (wanted === undefined || !(ci95 <= (wanted.relative ? wanted.value * Math.abs(e.mean) : wanted.value))) allPrecise = false;
  }
  if (allClear) return true;
  if (allPrecise) return intervalVerdicts(scenario, results, column, confidence).every((v) => v.met);
  return null;
}

/**
 * The least x in [lowest, highest] with `holds(x)`, for `holds` false below some point and
 * true from it on; searched from `from` outward (steps 1, 2, 4, …), then by bisection. Null
 * when even `highest` does not hold.
 */
export async function leastFrom(from: number, lowest: number, highest: number, holds: (x: number) => Promise<boolean>): Promise<number | null> {
  let lo: number;
  let hi: number;
  if (await holds(from)) {
    hi = from;
    lo = lowest - 1;
    for (let step = 1; hi - step > lo; step *= 2) {
      if (await holds(hi - step)) hi -= step;
      else {
        lo = hi - step;
        break;
      }
    }
  } else {
    lo = from;
    for (let step = 1; ; step *= 2) {
      const x = Math.min(lo + step, highest);
      if (x <= lo) return null;
      if (await holds(x)) {
        hi = x;
        break;
      }
      lo = x;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
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

  let replicationsRun = 0;
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
    const window = windowScenario(scenario, from, last, trial);
    const ok = options.sequential === undefined ? await judgeFixed(window, k - from) : await judgeSequential(window, k - from, options.sequential);
    evaluations++;
    cache.set(key, ok);
    return ok;
  };
  const judgeFixed = async (window: Scenario, column: number): Promise<boolean> => {
    const results = await evaluate(window, 'figures');
    replicationsRun += results.length;
    return intervalVerdicts(scenario, results, column, options.confidence).every((v) => v.met);
  };
  const judgeSequential = async (window: Scenario, column: number, rule: SequentialSearch): Promise<boolean> => {
    const results: ReplicationResult[] = [];
    let next = Math.min(rule.minimum, rule.maximum);
    for (;;) {
      const batch = Array.from({ length: next - results.length }, (_, i) => results.length + i);
      results.push(...(await evaluate(window, 'figures', batch)));
      replicationsRun += batch.length;
      const verdict = sequentialVerdict(scenario, results, column, options.confidence, rule);
      if (verdict !== null) return verdict;
      if (results.length >= rule.maximum) return intervalVerdicts(scenario, results, column, options.confidence).every((v) => v.met);
      next = Math.min(rule.maximum, results.length + rule.step);
    }
  };

  for (let k = 0; k < intervals; k++) {
    // Start from the interval before, scaled as Erlang C scales from it (plans move smoothly
    // from one interval to the next, so the answer is usually within an agent of the start),
    // or from Erlang C itself in the first interval or after an empty one.
    const start = erlangC.map((row, g) => {
      if (!planned[g]) return 0;
      const before = k > 0 ? staffing[g]![k - 1]! : 0;
      return before > 0 ? Math.ceil((before * Math.max(row[k]!, 1)) / Math.max(erlangC[g]![k - 1]!, 1)) : Math.max(row[k]!, 0);
    });
    let counts = [...start];
    if (targets.length > 0 && planned.some(Boolean)) {
      // Grow or shrink all planned groups together from the start (one scale, in eighths),
      // then trim each group alone while the targets still hold; both searches step outward
      // from where they start (1, 2, 4, … then bisection), so a good start costs two or three
      // evaluations instead of a bisection over the whole range.
      const scaled = (m: number) => start.map((e, g) => (planned[g] ? Math.ceil((m * Math.max(e, 1)) / 8) : 0));
      const scale = await leastFrom(8, 0, 8 * 4096, (m) => meetsAt(k, scaled(m)));
      if (scale === null) throw new TargetsUnreachable(k, targets.map(targetPath), scaled(8 * 4096));
      counts = scaled(scale);
      for (let g = 0; g < counts.length; g++) {
        if (!planned[g]) continue;
        const trimmed = await leastFrom(counts[g]!, 0, counts[g]!, (n) => {
          const trial = [...counts];
          trial[g] = n;
          return meetsAt(k, trial);
        });
        counts[g] = trimmed!;
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
  replicationsRun += results.length;
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
    replicationsRun += results.length;
  }
  const verdicts = Array.from({ length: intervals }, (_, k) => intervalVerdicts(scenario, results, k, options.confidence));
  const scheduled = staffing.map((row, g) => row.map((n) => (planned[g] ? Math.ceil(n / (1 - options.shrinkage) - 1e-9) : n)));
  return { erlangC, required: staffing, scheduled, planned, scenario: finalScenario, results, verdicts, evaluations, replicationsRun };
}
