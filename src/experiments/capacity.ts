// Capacity plans: for each reporting interval, the fewest agents per group meeting every
// target of the scenario (service level per channel or skill, the chat response target, an
// occupancy cap per group) and never fewer than a group's minimum, found by simulation from
// the Erlang C estimate. Intervals are planned in time order; each is judged with the queue
// that the planned intervals before it leave behind (carry-over), and with its staffing kept
// one interval on so its late contacts are served as they would be. A final run of the whole
// plan checks every interval and raises any that falls short; one more run of the plan with
// OSH off splits the saving against Erlang C into pooling and concurrency.
// Exports `planCapacity`, `erlangCStaffing`, `intervalVerdicts`, `targetsOf`. Agents, shares.
import { agentsForServiceLevel } from '../analytic/erlang.js';
import { singleContactHandleTime } from '../center/workload.js';
import type { Scenario } from '../scenario/model.js';
import { withOshOff } from '../scenario/normalize.js';
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
  /** Shrinkage of groups that give none of their own: required = on-phone / (1 − shrinkage). */
  readonly shrinkage: number;
  /** Occupancy cap of planned groups that give no `maxOccupancy` of their own; null: none. */
  readonly maxOccupancy?: number | null;
  /** Intervals of history simulated before the interval being planned (carry-over). */
  readonly lookback?: number;
  /** Judge candidates on as few replications as make their verdict clear (see SequentialSearch). */
  readonly sequential?: SequentialSearch;
}

export type TargetMetric = 'serviceLevel' | 'responseBreachRate' | 'occupancy';

export interface Achieved {
  /** The figure judged: `voice.serviceLevel`, `skills.chat-billing.serviceLevel`, `groups.blended.occupancy`. */
  readonly figure: string;
  /** Its row: a channel, a skill or a group. */
  readonly channel: string;
  readonly metric: TargetMetric;
  readonly target: number;
  readonly mean: number;
  readonly ci95: number;
  readonly met: boolean;
}

/** What set a group's requirement in an interval: a target's figure, `minimum`, or '' (no agents needed). */
export type Binding = string;
export const MINIMUM_BINDS = 'minimum';

/** The plan's agent-intervals, and what the saving against Erlang C is made of. */
export interface SavingSplit {
  /** Σ over planned groups and intervals: Erlang C channel by channel, the plan, the plan with OSH off (estimated). */
  readonly erlangC: number;
  readonly required: number;
  readonly oshOff: number;
  /** erlangC − oshOff: what routing several channels and skills to one group buys. */
  readonly pooling: number;
  /** oshOff − required: what handling several contacts at once buys. */
  readonly concurrency: number;
  /** Per group and interval: the agents one contact at a time would need (estimated; planned groups only). */
  readonly oshOffAgents: readonly (readonly number[])[];
  /** Each target over the whole horizon in the run of the plan with OSH off (its mean). */
  readonly oshOffFigures: readonly { readonly figure: string; readonly mean: number; readonly target: number }[];
}

export interface CapacityPlan {
  /** Agents per group (rows) and interval (columns). */
  readonly erlangC: number[][];
  /** On-phone agents the simulation needs (logged in, taking contacts). */
  readonly required: number[][];
  /** Agents to schedule: required / (1 − shrinkage), rounded up. */
  readonly scheduled: number[][];
  /** The shrinkage applied per group and interval. */
  readonly shrinkage: number[][];
  /** What set each group's requirement in each interval (see Binding). */
  readonly binding: Binding[][];
  /** Groups planned (they hold a targeted skill or have an occupancy cap); the others keep the scenario's staffing. */
  readonly planned: readonly boolean[];
  /** The whole plan's run, and each interval's figures against target. */
  readonly scenario: Scenario;
  readonly results: ReplicationResult[];
  readonly verdicts: Achieved[][];
  /** The saving against Erlang C split into pooling and concurrency; null when no group has OSH. */
  readonly split: SavingSplit | null;
  readonly evaluations: number;
  /** Replications simulated by the search and the plan's runs (a search window's count as one each). */
  readonly replicationsRun: number;
}

export interface Target {
  /** The figure's name (also its `--precision` key and its column in capacity.csv). */
  readonly figure: string;
  /** Where the target is written in the scenario file. */
  readonly path: string;
  readonly table: 'channels' | 'skills' | 'groups';
  readonly row: string;
  readonly metric: TargetMetric;
  /** At least this (serviceLevel); at most this (responseBreachRate, occupancy). */
  readonly bound: number;
  /** Groups whose staffing moves the figure: those holding the skill, or the group itself. */
  readonly groups: readonly number[];
}

function isUpperBound(metric: TargetMetric): boolean {
  return metric !== 'serviceLevel';
}

/**
 * Every target capacity plans for: per skill (a `channels:` entry is its channel's skill, and
 * its figures are the channel's), and an occupancy cap per planned group.
 */
export function targetsOf(scenario: Scenario, maxOccupancy: number | null = null): Target[] {
  const targets: Target[] = [];
  scenario.skills.forEach((skill, s) => {
    const holders = scenario.groups.flatMap((g, i) => (g.skills.some((h) => h.skill === s) ? [i] : []));
    const perSkill = scenario.skillsWritten;
    const figure = (metric: string) => (perSkill ? `skills.${skill.name}.${metric}` : `${skill.channel}.${metric}`);
    const written = skill.name === skill.channel ? `channels.${skill.name}` : `skills.${skill.name}`;
    const common = { table: perSkill ? ('skills' as const) : ('channels' as const), row: perSkill ? skill.name : skill.channel, groups: holders };
    if (skill.serviceLevel.target !== null) {
      targets.push({ ...common, figure: figure('serviceLevel'), path: `${written}.serviceLevel.target`, metric: 'serviceLevel', bound: skill.serviceLevel.target });
    }
    if (skill.responseTarget !== null) {
      targets.push({ ...common, figure: figure('responseBreachRate'), path: `${written}.responseTarget`, metric: 'responseBreachRate', bound: 1 - skill.responseTarget });
    }
  });
  const served = new Set(targets.flatMap((t) => t.groups));
  scenario.groups.forEach((g, i) => {
    const cap = g.maxOccupancy ?? (served.has(i) ? maxOccupancy : null);
    if (cap === null) return;
    targets.push({ figure: `groups.${g.name}.occupancy`, path: g.maxOccupancy === null ? '--max-occupancy' : `agents[${i}].maxOccupancy`, table: 'groups', row: g.name, metric: 'occupancy', bound: cap, groups: [i] });
  });
  return targets;
}

function figureOf(result: ReplicationResult, t: Target, column: number): number {
  return tableValue(result[t.table], t.row, column, t.metric);
}

/**
 * Erlang C applied skill by skill (channel by channel): each targeted skill's agents for its service level in
 * each interval, with its single-contact handle time, shared among the groups that hold it in
 * proportion to their staffing in the scenario.
 */
export function erlangCStaffing(scenario: Scenario): number[][] {
  const intervals = scenario.horizon.intervals;
  const out = scenario.groups.map(() => new Array<number>(intervals).fill(0));
  scenario.skills.forEach((channel, s) => {
    const target = channel.serviceLevel.target;
    if (target === null) return;
    const takers = scenario.groups.map((g, i) => ({ g, i })).filter(({ g }) => g.skills.some((h) => h.skill === s));
    for (let k = 0; k < intervals; k++) {
      const rate = channel.arrivalRates[k]!;
      const aht = singleContactHandleTime(channel, k);
      const agents = rate > 0 ? agentsForServiceLevel({ arrivalRate: rate, aht, thresholdSec: channel.serviceLevel.thresholdSec, target: Math.min(target, 0.999999) }) : 0;
      const weights = takers.map(({ g }) => Math.max(g.staffing[k]!, 1e-9));
      const total = weights.reduce((a, b) => a + b, 0);
      takers.forEach(({ i }, t) => (out[i]![k]! += (agents * weights[t]!) / total));
    }
  });
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
    groups: scenario.groups.map((g, i) => ({ ...g, staffing: staffing[i]!.slice(from, to + 1), shrinkage: g.shrinkage?.slice(from, to + 1) ?? null, minAgents: g.minAgents?.slice(from, to + 1) ?? null })),
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
export function intervalVerdicts(targets: readonly Target[], results: readonly ReplicationResult[], column: number, confidence: number | null): Achieved[] {
  return targets.map((t) => {
    const values = results.map((r) => figureOf(r, t, column));
    const level = confidence ?? 0.95;
    const estimate = meanAndHalfWidth(values, level);
    const ci95 = meanAndHalfWidth(values, 0.95).halfWidth;
    const base = { figure: t.figure, channel: t.row, metric: t.metric, target: t.bound, ci95 };
    if (estimate.n === 0) return { ...base, mean: Number.NaN, met: true };
    const half = confidence === null || !Number.isFinite(estimate.halfWidth) ? 0 : estimate.halfWidth;
    const met = isUpperBound(t.metric) ? estimate.mean + half <= t.bound + 1e-12 : estimate.mean - half >= t.bound - 1e-12;
    return { ...base, mean: estimate.mean, met };
  });
}

/** Of the targets an interval misses, the one missed by most (relative to its bound): it binds. */
function worstMiss(verdicts: readonly Achieved[]): string | null {
  let worst: string | null = null;
  let by = -Infinity;
  for (const v of verdicts) {
    if (v.met || Number.isNaN(v.mean)) continue;
    const shortfall = (isUpperBound(v.metric) ? v.mean - v.target : v.target - v.mean) / Math.max(Math.abs(v.target), 1e-9);
    if (shortfall > by) {
      by = shortfall;
      worst = v.figure;
    }
  }
  return worst;
}

/**
 * A candidate's verdict once it is clear, else null. Clear: some target is missed by its whole
 * 95 % interval (fails), or every target is met by its whole 95 % interval (and by the
 * `confidence` interval when one is asked); or, with a precision, every target figure's
 * half-width is within it, and the candidate is judged as the fixed search would judge it.
 */
export function sequentialVerdict(targets: readonly Target[], results: readonly ReplicationResult[], column: number, confidence: number | null, rule: SequentialSearch): boolean | null {
  const level = Math.max(confidence ?? 0.95, 0.95);
  let allClear = true;
  let allPrecise = rule.halfWidth !== undefined;
  for (const t of targets) {
    const values = results.map((r) => figureOf(r, t, column));
    const e = meanAndHalfWidth(values, level);
    if (e.n === 0) continue;
    if (!Number.isFinite(e.halfWidth)) {
      allClear = false;
      allPrecise = false;
      continue;
    }
    const upper = isUpperBound(t.metric);
    const clearlyMet = upper ? e.mean + e.halfWidth <= t.bound + 1e-12 : e.mean - e.halfWidth >= t.bound - 1e-12;
    const clearlyMissed = upper ? e.mean - e.halfWidth > t.bound + 1e-12 : e.mean + e.halfWidth < t.bound - 1e-12;
    if (clearlyMissed) return false;
    if (!clearlyMet) allClear = false;
    const wanted = rule.halfWidth?.get(t.figure);
    const ci95 = meanAndHalfWidth(values, 0.95).halfWidth;
    if (wanted === undefined || !(ci95 <= (wanted.relative ? wanted.value * Math.abs(e.mean) : wanted.value))) allPrecise = false;
  }
  if (allClear) return true;
  if (allPrecise) return intervalVerdicts(targets, results, column, confidence).every((v) => v.met);
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
  const targets = targetsOf(scenario, options.maxOccupancy ?? null);
  const planned = scenario.groups.map((_, g) => targets.some((t) => t.groups.includes(g)));
  const minimum = (g: number, k: number) => (planned[g] ? (scenario.groups[g]!.minAgents?.[k] ?? 0) : 0);
  const erlangC = erlangCStaffing(scenario);
  const staffing = scenario.groups.map((g, i) => (planned[i] ? new Array<number>(intervals).fill(0) : [...g.staffing]));
  const binding: Binding[][] = scenario.groups.map(() => new Array<Binding>(intervals).fill(''));
  let evaluations = 0;
  /** Per candidate: null when it meets every target, else the target it misses worst. */
  const cache = new Map<string, string | null>();

  let replicationsRun = 0;
  const missAt = async (k: number, counts: readonly number[]): Promise<string | null> => {
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
    const results = options.sequential === undefined ? await judgeFixed(window) : await judgeSequential(window, k - from, options.sequential);
    const verdicts = intervalVerdicts(targets, results.results, k - from, options.confidence);
    // A sequential "no" may rest on a target missed only at 95 %; the worst miss by the mean then names it.
    const miss = results.ok ?? verdicts.every((v) => v.met) ? null : (worstMiss(verdicts) ?? worstMiss(intervalVerdicts(targets, results.results, k - from, null)) ?? targets[0]!.figure);
    evaluations++;
    cache.set(key, miss);
    return miss;
  };
  const meetsAt = async (k: number, counts: readonly number[]) => (await missAt(k, counts)) === null;
  const judgeFixed = async (window: Scenario): Promise<{ results: ReplicationResult[]; ok: boolean | null }> => {
    const results = await evaluate(window, 'figures');
    replicationsRun += results.length;
    return { results, ok: null };
  };
  const judgeSequential = async (window: Scenario, column: number, rule: SequentialSearch): Promise<{ results: ReplicationResult[]; ok: boolean | null }> => {
    const results: ReplicationResult[] = [];
    let next = Math.min(rule.minimum, rule.maximum);
    for (;;) {
      const batch = Array.from({ length: next - results.length }, (_, i) => results.length + i);
      results.push(...(await evaluate(window, 'figures', batch)));
      replicationsRun += batch.length;
      const verdict = sequentialVerdict(targets, results, column, options.confidence, rule);
      if (verdict !== null) return { results, ok: verdict };
      if (results.length >= rule.maximum) return { results, ok: null };
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
      const from = before > 0 ? Math.ceil((before * Math.max(row[k]!, 1)) / Math.max(erlangC[g]![k - 1]!, 1)) : Math.max(row[k]!, 0);
      return Math.max(from, minimum(g, k));
    });
    let counts = [...start];
    if (targets.length > 0 && planned.some(Boolean)) {
      // Grow or shrink all planned groups together from the start (one scale, in eighths),
      // then trim each group alone while the targets still hold; both searches step outward
      // from where they start (1, 2, 4, … then bisection), so a good start costs two or three
      // evaluations instead of a bisection over the whole range. No group goes below its minimum.
      const scaled = (m: number) => start.map((e, g) => (planned[g] ? Math.max(Math.ceil((m * Math.max(e, 1)) / 8), minimum(g, k)) : 0));
      const scale = await leastFrom(8, 0, 8 * 4096, (m) => meetsAt(k, scaled(m)));
      if (scale === null) throw new TargetsUnreachable(k, targets.map((t) => t.path), scaled(8 * 4096));
      counts = scaled(scale);
      for (let g = 0; g < counts.length; g++) {
        if (!planned[g]) continue;
        const lowest = minimum(g, k);
        const misses = new Map<number, string | null>();
        const trimmed = (await leastFrom(counts[g]!, lowest, counts[g]!, async (n) => {
          const trial = [...counts];
          trial[g] = n;
          const miss = await missAt(k, trial);
          misses.set(n, miss);
          return miss === null;
        }))!;
        counts[g] = trimmed;
        // What binds: the minimum where the trim stopped at it, else the target missed with one
        // agent fewer (always tried: the trim steps down from where it starts).
        binding[g]![k] = trimmed === 0 ? '' : trimmed === lowest ? MINIMUM_BINDS : (misses.get(trimmed - 1) ?? '');
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
      const verdicts = intervalVerdicts(targets, results, k, options.confidence);
      const failing = targets.filter((_, t) => !verdicts[t]!.met);
      if (failing.length === 0) continue;
      short = true;
      const worst = worstMiss(verdicts);
      for (let g = 0; g < staffing.length; g++) {
        const missed = failing.filter((t) => t.groups.includes(g));
        if (!planned[g] || missed.length === 0) continue;
        staffing[g]![k]! += 1;
        binding[g]![k] = missed.some((t) => t.figure === worst) ? worst! : missed[0]!.figure;
      }
    }
    if (!short) break;
    finalScenario = planScenario();
    results = await evaluate(finalScenario, 'full');
    evaluations++;
    replicationsRun += results.length;
  }
  const verdicts = Array.from({ length: intervals }, (_, k) => intervalVerdicts(targets, results, k, options.confidence));
  const shrinkage = scenario.groups.map((g) => Array.from({ length: intervals }, (_, k) => g.shrinkage?.[k] ?? options.shrinkage));
  const scheduled = staffing.map((row, g) => row.map((n, k) => (planned[g] ? Math.max(0, Math.ceil(n / (1 - shrinkage[g]![k]!) - 1e-9)) : n)));

  let split: SavingSplit | null = null;
  if (scenario.groups.some((g, i) => planned[i] && g.profile.maxTotal > 1)) {
    const offResults = await evaluate(withOshOff(finalScenario), 'figures');
    evaluations++;
    replicationsRun += offResults.length;
    split = savingSplit(targets, planned, erlangC, staffing, results, offResults, intervals, scenario.horizon.intervalSec);
  }
  return { erlangC, required: staffing, scheduled, shrinkage, binding, planned, scenario: finalScenario, results, verdicts, split, evaluations, replicationsRun };
}

/**
 * The agents the plan would need with OSH off, estimated from one run of the plan's staffing
 * with OSH off. That run gives each group's agent-time per contact one at a time (answer to
 * end of wrap, think time included: it does not grow with the load, so an overloaded run still
 * measures it). The contacts the group finishes in each interval with OSH, at that time each,
 * are the agent-time OSH off needs; scaled to the plan's occupancy (its agent-time busy with
 * OSH), that is the agents. Pooling is Erlang C's agents less these; concurrency these less the plan's.
 */
function savingSplit(
  targets: readonly Target[],
  planned: readonly boolean[],
  erlangC: readonly (readonly number[])[],
  required: readonly (readonly number[])[],
  withOsh: readonly ReplicationResult[],
  oshOff: readonly ReplicationResult[],
  intervals: number,
  intervalLength: number,
): SavingSplit {
  const average = (results: readonly ReplicationResult[], figure: (r: ReplicationResult) => number) => {
    const values = results.map(figure).filter((v) => Number.isFinite(v));
    return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  };
  const busy = (group: string, k: number) => average(withOsh, (r) => tableValue(r.groups, group, k, 'agents') * tableValue(r.groups, group, k, 'occupancy'));
  const finished = (group: string, k: number) => average(withOsh, (r) => tableValue(r.groups, group, k, 'handled'));
  let erlang = 0;
  let plan = 0;
  let off = 0;
  const groups = withOsh[0]?.groups.rows ?? [];
  const whole = withOsh[0] === undefined ? 0 : withOsh[0].channels.columns - 1;
  const perContactOff = groups.map((group) => average(oshOff, (r) => tableValue(r.groups, group, whole, 'busyTimePerContact')));
  const oshOffAgents = planned.map((isPlanned, g) =>
    Array.from({ length: intervals }, (_, k) => {
      const n = required[g]![k]!;
      if (!isPlanned) return n;
      const on = busy(groups[g]!, k);
      const needed = (finished(groups[g]!, k) * perContactOff[g]!) / intervalLength;
      const agents = on > 0 ? Math.max(n, Math.ceil((n * needed) / on - 1e-9)) : n;
      erlang += erlangC[g]![k]!;
      plan += n;
      off += agents;
      return agents;
    }),
  );
  const figures = targets.map((t) => {
    const values = oshOff.map((r) => figureOf(r, t, whole)).filter((v) => Number.isFinite(v));
    return { figure: t.figure, mean: values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length, target: t.bound };
  });
  return { erlangC: erlang, required: plan, oshOff: off, pooling: erlang - off, concurrency: off - plan, oshOffAgents, oshOffFigures: figures };
}
