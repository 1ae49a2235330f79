// Replications that stop when precise enough (`--precision FIGURE=BOUND`): replications run in
// batches, and after each batch every named figure's 95 % half-width is compared with its
// bound (absolute, or relative to the figure's mean); the run stops when all are within, or at
// the cap. Batches are decided from replications 1..n alone, so the replications run — and so
// every output byte — depend on the seed and the bounds, never on --jobs or finishing order.
// (The bounds themselves are parsed in precision-bound.ts, which the command line loads at start.)
// Exports `resolvePrecision`, `figureWidths`, `nextReplications`,
// `replicateToPrecision`, `PRECISION_MINIMUM`, `PRECISION_STEP`, `PRECISION_CAP`.
import type { Scenario } from '../scenario/model.js';
import { type FigureEstimate, type MetricPath, metricEstimates, parseMetricPath } from '../stats/metric-path.js';
import { CHANNEL_METRICS } from '../stats/metrics.js';
import type { RunSummary } from '../stats/summary.js';
import { figureIssue, figureNames } from './figures.js';
import { precisionMessages } from './messages.js';
import type { PrecisionBound } from './precision-bound.js';

/** Replications before the first check (unless --replications says more or fewer). */
export const PRECISION_MINIMUM = 10;
/** The fewest replications a batch after the first adds. */
export const PRECISION_STEP = 5;
/** --max-replications when not given. */
export const PRECISION_CAP = 1000;

/** A bound tied to the figures of one scenario it names (several for `asa` or `@every`). */
export interface ResolvedBound {
  readonly bound: PrecisionBound;
  /** Figure names without `@every` expanded; `metricEstimates` expands it. */
  readonly figures: readonly string[];
  readonly paths: readonly MetricPath[];
}

/** The scenario's figures each bound names; problems (unknown names) as messages. */
export function resolvePrecision(bounds: readonly PrecisionBound[], scenario: Scenario): { resolved: ResolvedBound[]; problems: string[] } {
  const known = figureNames(scenario);
  const resolved: ResolvedBound[] = [];
  const problems: string[] = [];
  for (const bound of bounds) {
    const bare = !bound.figure.includes('.') && (CHANNEL_METRICS as readonly string[]).includes(bound.figure.split('@')[0]!);
    const figures = bare ? scenario.skills.map((c) => `${c.channel}.${bound.figure}`) : [bound.figure];
    const issues = figures.map((f) => figureIssue(f, known)).filter((p): p is string => p !== null);
    if (issues.length > 0) {
      problems.push(...issues.map((issue) => precisionMessages.unknownFigure(bound.text, issue)));
      continue;
    }
    resolved.push({ bound, figures, paths: figures.map((f) => parseMetricPath(f) as MetricPath) });
  }
  return { resolved, problems };
}

/** One named figure's precision after n replications. */
export interface FigureWidth {
  readonly bound: PrecisionBound;
  readonly figure: FigureEstimate;
  /** The half-width allowed (for a relative bound, the share of this mean). */
  readonly allowed: number;
  readonly met: boolean;
}

/**
 * Each figure's 95 % half-width against its bound. A figure no replication has (nothing to
 * measure, e.g. ASA with nothing answered) holds no replication back; one with a value in a
 * single replication has no interval yet and is not within.
 */
export function figureWidths(resolved: readonly ResolvedBound[], summary: RunSummary, labels: readonly string[]): FigureWidth[] {
  const widths: FigureWidth[] = [];
  for (const r of resolved) {
    for (const path of r.paths) {
      for (const figure of metricEstimates(path, summary, labels)) {
        const allowed = r.bound.relative ? r.bound.value * Math.abs(figure.mean) : r.bound.value;
        const met = !Number.isFinite(figure.mean) || (Number.isFinite(figure.ci95) && figure.ci95 <= allowed);
        widths.push({ bound: r.bound, figure, allowed, met });
      }
    }
  }
  return widths;
}

export interface PrecisionRule {
  /** Replications before the first check. */
  readonly minimum: number;
  /** The cap (--max-replications). */
  readonly maximum: number;
}

/**
 * After a check at n replications that found some figure wide: how many replications the next
 * check is at. The widest figure's half-width shrinks about as 1/√n, so n·(width/allowed)² is
 * where it would be within; the batch aims there, but adds at least PRECISION_STEP and at most
 * n (doubling), so one unlucky early variance can neither stall nor overshoot the run.
 */
export function nextReplications(n: number, widths: readonly FigureWidth[], rule: PrecisionRule): number {
  let ratio = 0;
  for (const w of widths) {
    if (w.met) continue;
    const r = Number.isFinite(w.figure.ci95) && w.allowed > 0 ? w.figure.ci95 / w.allowed : Infinity;
    ratio = Math.max(ratio, r);
  }
  const wanted = Number.isFinite(ratio) ? Math.ceil(n * ratio * ratio - n) : n;
  const batch = Math.min(Math.max(wanted, PRECISION_STEP), Math.max(n, PRECISION_STEP));
  return Math.min(rule.maximum, n + batch);
}

export interface PrecisionOutcome<R> {
  /** Replications 0 … n − 1, in order. */
  readonly results: R[];
  /** The widths at the last check. */
  readonly widths: FigureWidth[];
  /** Replications at each check, in order (the last is the total). */
  readonly checks: number[];
  /** Every figure within its bound (false: the cap was reached first). */
  readonly met: boolean;
}

/**
 * Runs replications 0 … n − 1 in batches until every figure is within its bound or the cap is
 * reached. `run(from, to)` returns replications from … to − 1 in order; `widths` judges the
 * first n. The rule is checked only at batch ends, which depend on replications 1..n alone.
 */
export async function replicateToPrecision<R>(
  rule: PrecisionRule,
  run: (from: number, to: number) => Promise<R[]>,
  widths: (results: readonly R[]) => FigureWidth[],
): Promise<PrecisionOutcome<R>> {
  const results: R[] = [];
  const checks: number[] = [];
  let next = Math.min(rule.minimum, rule.maximum);
  for (;;) {
    results.push(...(await run(results.length, next)));
    checks.push(results.length);
    const now = widths(results);
    const met = now.every((w) => w.met);
    if (met || results.length >= rule.maximum) return { results, widths: now, checks, met };
    next = nextReplications(results.length, now, rule);
  }
}

/** What a precision-driven run says when done: one line, naming the figures left wide at the cap. */
export function precisionSummary(outcome: { widths: readonly FigureWidth[]; met: boolean; results: { length: number } }, rule: PrecisionRule): string {
  if (outcome.met) return precisionMessages.reached(outcome.results.length, outcome.widths.map((w) => w.figure.name));
  const wide = outcome.widths.filter((w) => !w.met).map((w) => ({ name: w.figure.name, halfWidth: w.figure.ci95, allowed: w.allowed }));
  return precisionMessages.capReached(rule.maximum, wide);
}

/** A batch of one of several runs judged each on its own (a sweep's variants, check's scenarios). */
export interface Batch {
  readonly run: number;
  readonly from: number;
  readonly to: number;
}

/**
 * `replicateToPrecision` for several runs at once: each run's batches are decided by its own
 * replications alone, exactly as if it ran by itself, but every round's batches of all runs
 * still wide go to `execute` together so the worker pool stays busy.
 */
export async function replicateEachToPrecision<R>(
  runs: number,
  rule: PrecisionRule,
  execute: (batches: readonly Batch[]) => Promise<R[][]>,
  widths: (run: number, results: readonly R[]) => FigureWidth[],
): Promise<PrecisionOutcome<R>[]> {
  const results: R[][] = Array.from({ length: runs }, () => []);
  const checks: number[][] = Array.from({ length: runs }, () => []);
  const outcomes: (PrecisionOutcome<R> | undefined)[] = new Array(runs).fill(undefined);
  const next = new Array<number>(runs).fill(Math.min(rule.minimum, rule.maximum));
  for (;;) {
    const batches: Batch[] = [];
    for (let run = 0; run < runs; run++) if (outcomes[run] === undefined) batches.push({ run, from: results[run]!.length, to: next[run]! });
    if (batches.length === 0) return outcomes as PrecisionOutcome<R>[];
    const done = await execute(batches);
    batches.forEach((batch, i) => {
      const own = results[batch.run]!;
      own.push(...done[i]!);
      checks[batch.run]!.push(own.length);
      const now = widths(batch.run, own);
      const met = now.every((w) => w.met);
      if (met || own.length >= rule.maximum) outcomes[batch.run] = { results: own, widths: now, checks: checks[batch.run]!, met };
      else next[batch.run] = nextReplications(own.length, now, rule);
    });
  }
}
