// A scenario's expectations judged on its figures: each names a figure (all intervals for
// `@every`), a comparator and a bound, and is judged on the mean over replications or, with a
// confidence, on the whole interval at that confidence. Exports `expectationIssues`,
// `judgeExpectations`.
import type { InputIssue } from '../errors.js';
import type { ExpectationModel, Scenario } from '../scenario/model.js';
import { type FigureEstimate, type MetricPath, confidenceBounds, metricEstimates, parseMetricPath } from '../stats/metric-path.js';
import type { RunSummary } from '../stats/summary.js';
import { figureIssue, figureNames } from './figures.js';

/** Expectations naming no figure of the scenario, each with the nearest valid name. */
export function expectationIssues(scenario: Scenario): InputIssue[] {
  const issues: InputIssue[] = [];
  if (scenario.expect.length === 0) return issues;
  const known = figureNames(scenario);
  for (const e of scenario.expect) {
    const problem = figureIssue(e.metric, known);
    if (problem !== null) issues.push({ path: `expect[${e.index}].metric`, message: problem });
  }
  return issues;
}

export interface Verdict {
  readonly expectation: ExpectationModel;
  /** The figure judged (`voice.serviceLevel@09:30` for one interval of `@every`). */
  readonly figure: FigureEstimate;
  /** What was compared with the bound: the mean, or the interval at the confidence. */
  readonly low: number;
  readonly high: number;
  readonly passed: boolean;
  /** `>= 0.8`, `== 0.5 ± 0.01`. */
  readonly requirement: string;
}

function requirement(e: ExpectationModel): string {
  return e.comparator === '==' ? `== ${e.bound} ± ${e.tolerance}` : `${e.comparator} ${e.bound}`;
}

export function judgeExpectations(scenario: Scenario, summary: RunSummary, labels: readonly string[]): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const e of scenario.expect) {
    const path = parseMetricPath(e.metric) as MetricPath;
    let figures = metricEstimates(path, summary, labels);
    // An interval with nothing to measure cannot break an expectation on every interval.
    if (path.kind !== 'elevations' && path.interval.kind === 'every') figures = figures.filter((f) => Number.isFinite(f.mean));
    for (const figure of figures) {
      const { low, high } = e.confidence === null ? { low: figure.mean, high: figure.mean } : confidenceBounds(figure, e.confidence);
      let passed: boolean;
      if (!Number.isFinite(figure.mean)) passed = false;
      else if (e.comparator === '>=') passed = low >= e.bound;
      else if (e.comparator === '<=') passed = high <= e.bound;
      else passed = low >= e.bound - e.tolerance && high <= e.bound + e.tolerance;
      verdicts.push({ expectation: e, figure, low, high, passed, requirement: requirement(e) });
    }
  }
  return verdicts;
}
