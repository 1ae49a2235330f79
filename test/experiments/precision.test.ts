// The sequential stopping rule of --precision: parsing bounds, judging widths, the batch sizes
// it decides, and that it runs replications 0..n-1 in order and stops exactly when every figure
// is within its bound (or at the cap), from replications 1..n alone.
import { describe, expect, it } from 'vitest';
import { precisionMessages } from '../../src/experiments/messages.js';
import { parsePrecision } from '../../src/experiments/precision-bound.js';
import {
  type FigureWidth,
  PRECISION_STEP,
  figureWidths,
  nextReplications,
  precisionSummary,
  replicateToPrecision,
  resolvePrecision,
} from '../../src/experiments/precision.js';
import type { PrecisionBound } from '../../src/experiments/precision-bound.js';
import { intervalLabels } from '../../src/scenario/model.js';
import { simulate } from '../../src/center/simulate.js';
import { summarizeRun } from '../../src/stats/summary.js';
import { meanAndHalfWidth } from '../../src/stats/student.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

const bound = (text: string): PrecisionBound => {
  const parsed = parsePrecision(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

/** A width as the rule sees it: a figure with this half-width against this allowance. */
function width(ci95: number, allowed: number): FigureWidth {
  return { bound: bound('voice.asa=1'), figure: { name: 'voice.asa', mean: 10, ci95, replications: 10 }, allowed, met: ci95 <= allowed };
}

describe('--precision bounds', () => {
  it('parse absolute and relative bounds', () => {
    expect(parsePrecision('voice.serviceLevel=0.01')).toEqual({ text: 'voice.serviceLevel=0.01', figure: 'voice.serviceLevel', relative: false, value: 0.01 });
    expect(parsePrecision('asa=5%')).toEqual({ text: 'asa=5%', figure: 'asa', relative: true, value: 0.05 });
    expect(parsePrecision('voice.serviceLevel@09:30=0.02')).toMatchObject({ figure: 'voice.serviceLevel@09:30', value: 0.02 });
  });

  it('refuse what is not FIGURE=BOUND with a positive bound', () => {
    expect(parsePrecision('voice.serviceLevel')).toBe(precisionMessages.notFigureEqualsBound('voice.serviceLevel'));
    expect(parsePrecision('=0.1')).toBe(precisionMessages.notFigureEqualsBound('=0.1'));
    for (const text of ['asa=0', 'asa=-1', 'asa=x', 'asa=', 'asa=%', 'asa=NaN']) expect(parsePrecision(text)).toBe(precisionMessages.badBound(text));
    expect(parsePrecision('asa=100%')).toBe(precisionMessages.relativeTooLarge('asa=100%'));
  });

  it('tie a bare metric to every channel and refuse names that are no figure', () => {
    const scenario = scenarioOf(mmc({ agents: 2, load: 0.5, hours: 2 }));
    const { resolved, problems } = resolvePrecision([bound('asa=5%'), bound('voice.serviceLvl=0.01')], scenario);
    expect(resolved.map((r) => r.figures)).toEqual([['voice.asa']]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("did you mean 'voice.serviceLevel'");
  });

  it('judge each figure against its absolute or relative allowance', () => {
    const scenario = scenarioOf(mmc({ agents: 3, load: 0.8, hours: 24, seed: 5 }));
    const results = Array.from({ length: 6 }, (_, r) => simulate(scenario, r));
    const summary = summarizeRun(results);
    const labels = intervalLabels(scenario);
    const { resolved } = resolvePrecision([bound('voice.asa=10%'), bound('voice.serviceLevel=1')], scenario);
    const [asa, sl] = figureWidths(resolved, summary, labels);
    expect(asa!.allowed).toBeCloseTo(0.1 * asa!.figure.mean, 12);
    expect(asa!.met).toBe(asa!.figure.ci95 <= asa!.allowed);
    expect(sl!.allowed).toBe(1);
    expect(sl!.met).toBe(true);
  });
});

describe('the stopping rule', () => {
  const rule = { minimum: 10, maximum: 100 };

  it('aims the next check where the widest figure would be within, adding at least a step and at most doubling', () => {
    // Width 1.2 × allowed at n = 20: about 20 × 1.44 = 28.8 → 9 more.
    expect(nextReplications(20, [width(1.2, 1), width(0.5, 1)], rule)).toBe(29);
    // Barely wide: still at least PRECISION_STEP more.
    expect(nextReplications(20, [width(1.01, 1)], rule)).toBe(20 + PRECISION_STEP);
    // Far off: at most double.
    expect(nextReplications(20, [width(10, 1)], rule)).toBe(40);
    // No interval yet (one replication had the figure): double.
    expect(nextReplications(10, [width(Number.NaN, 1)], rule)).toBe(20);
    // Never past the cap.
    expect(nextReplications(90, [width(10, 1)], rule)).toBe(100);
  });

  /** Replication r's value: a fixed pseudo-random sequence, so the test knows every check. */
  const value = (r: number) => Math.sin(r * 12.9898) * 10;

  function widthsOf(values: readonly number[], allowed: number): FigureWidth[] {
    const e = meanAndHalfWidth(values);
    return [{ bound: bound('voice.asa=1'), figure: { name: 'voice.asa', mean: e.mean, ci95: e.halfWidth, replications: e.n }, allowed, met: e.halfWidth <= allowed }];
  }

  it('runs replications in order, checks only at batch ends and stops at the first check within bounds', async () => {
    const calls: [number, number][] = [];
    const outcome = await replicateToPrecision(
      rule,
      async (from, to) => {
        calls.push([from, to]);
        return Array.from({ length: to - from }, (_, i) => value(from + i));
      },
      (values) => widthsOf(values, 2.5),
    );
    // Batches are contiguous from replication 0, and each check is where the last batch ended.
    expect(calls[0]).toEqual([0, 10]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBe(calls[i - 1]![1]);
    expect(outcome.checks).toEqual(calls.map((c) => c[1]));
    expect(outcome.results).toEqual(Array.from({ length: outcome.results.length }, (_, r) => value(r)));
    // Stopped at the first check within the bound, and no earlier check was.
    expect(outcome.met).toBe(true);
    expect(meanAndHalfWidth(outcome.results).halfWidth).toBeLessThanOrEqual(2.5);
    for (const n of outcome.checks.slice(0, -1)) expect(meanAndHalfWidth(outcome.results.slice(0, n)).halfWidth).toBeGreaterThan(2.5);
    expect(outcome.checks.length).toBeGreaterThan(1);
  });

  it('stops at the cap and names the figure still wide, with by how much', async () => {
    const capped = { minimum: 10, maximum: 30 };
    const outcome = await replicateToPrecision(
      capped,
      async (from, to) => Array.from({ length: to - from }, (_, i) => value(from + i)),
      (values) => widthsOf(values, 0.01),
    );
    expect(outcome.met).toBe(false);
    expect(outcome.results).toHaveLength(30);
    const w = outcome.widths[0]!;
    expect(precisionSummary(outcome, capped)).toBe(precisionMessages.capReached(30, [{ name: 'voice.asa', halfWidth: w.figure.ci95, allowed: 0.01 }]));
    expect(precisionSummary(outcome, capped)).toContain('voice.asa');
  });

  it('decides the same batches however the replications are delivered (the rule sees only 1..n)', async () => {
    const run = async (from: number, to: number) => {
      // Finishing order scrambled, delivered in replication order as executeTasks does.
      const order = Array.from({ length: to - from }, (_, i) => from + i).reverse();
      const done = new Map(order.map((r) => [r, value(r)]));
      return Array.from({ length: to - from }, (_, i) => done.get(from + i)!);
    };
    const a = await replicateToPrecision(rule, run, (v) => widthsOf(v, 2));
    const b = await replicateToPrecision(rule, async (from, to) => Array.from({ length: to - from }, (_, i) => value(from + i)), (v) => widthsOf(v, 2));
    expect(a.checks).toEqual(b.checks);
    expect(a.results).toEqual(b.results);
  });
});
