// Coverage of --precision's final intervals: replications stopped by the sequential rule (first
// check after PRECISION_MINIMUM, then batches it decides) must still give 95 % intervals that
// cover the true value 95 % of the time. Over RUNS independent seeds of M/M/2 at load 0.6 (the
// service level at 20 s against Erlang C), the number of intervals covering the truth must not
// fall below what a 95 % coverage gives with probability 0.999 (a one-sided binomial bound,
// computed here). Stopping early on a lucky small variance is the known way such rules fail.
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import { simulate } from '../../src/center/simulate.js';
import { PRECISION_CAP, PRECISION_MINIMUM, figureWidths, replicateToPrecision, resolvePrecision } from '../../src/experiments/precision.js';
import { parsePrecision, type PrecisionBound } from '../../src/experiments/precision-bound.js';
import { intervalLabels } from '../../src/scenario/model.js';
import { summarizeRun } from '../../src/stats/summary.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

const RUNS = 100;
const AGENTS = 2;
const LOAD = 0.6;
const AHT = 60;
const NOMINAL = 0.95;
const ALPHA = 0.001;

/** The largest k with P(X <= k) <= alpha for X ~ Binomial(n, p): fewer covering than k + 1 fails. */
function binomialLowerBound(n: number, p: number, alpha: number): number {
  let cumulative = 0;
  let k = -1;
  for (let x = 0; x <= n; x++) {
    let logTerm = 0;
    for (let i = 1; i <= x; i++) logTerm += Math.log((n - x + i) / i);
    cumulative += Math.exp(logTerm + x * Math.log(p) + (n - x) * Math.log(1 - p));
    if (cumulative > alpha) break;
    k = x;
  }
  return k;
}

describe('--precision intervals keep their coverage', () => {
  it(`cover Erlang C's service level at least as often as 95 % allows over ${RUNS} seeds`, async () => {
    const truth = erlangC({ agents: AGENTS, arrivalRate: (LOAD * AGENTS) / AHT, aht: AHT, thresholdSec: 20 }).serviceLevel;
    // A replication's service level has a spread of about 0.06 over 4 hours: this bound stops
    // most runs after one to three checks, where an early stop on a small variance would show.
    const bound = parsePrecision('voice.serviceLevel=0.03') as PrecisionBound;
    let covered = 0;
    const stoppedAt: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const scenario = scenarioOf(mmc({ agents: AGENTS, load: LOAD, aht: AHT, hours: 4, warmupHours: 0.25, seed: 7000 + run }));
      const { resolved } = resolvePrecision([bound], scenario);
      const labels = intervalLabels(scenario);
      const outcome = await replicateToPrecision(
        { minimum: PRECISION_MINIMUM, maximum: PRECISION_CAP },
        async (from, to) => Array.from({ length: to - from }, (_, i) => simulate(scenario, from + i, { detail: 'figures' })),
        (results) => figureWidths(resolved, summarizeRun(results), labels),
      );
      expect(outcome.met).toBe(true);
      const { figure } = outcome.widths[0]!;
      expect(figure.ci95).toBeLessThanOrEqual(0.03);
      if (Math.abs(figure.mean - truth) <= figure.ci95) covered++;
      stoppedAt.push(outcome.results.length);
    }
    const least = binomialLowerBound(RUNS, NOMINAL, ALPHA) + 1;
    expect(covered, `${covered} of ${RUNS} intervals covered ${truth.toFixed(4)} (stopped after ${Math.min(...stoppedAt)}–${Math.max(...stoppedAt)} replications)`).toBeGreaterThanOrEqual(least);
    // The rule did stop at different points: the test exercises the sequential part.
    expect(new Set(stoppedAt).size).toBeGreaterThan(1);
  });
});
