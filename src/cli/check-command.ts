// `osh-sim check <scenario or folder…>`: the CI regression gate. Runs every scenario's
// replications together on the worker pool, judges each expectation, prints one line per
// judged figure and `N passed, M failed`; writes JUnit XML on request. Exit 0 when all pass,
// 1 when one fails, 2 on bad input (a scenario, or an expectation naming no figure).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import { type Verdict, judgeExpectations } from '../experiments/expectations.js';
import { writeJunit } from '../report/junit.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { summarizeRun } from '../stats/summary.js';
import { terminalText } from './console.js';
import { executeTasks, jobsFor } from './execute.js';
import type { PrecisionBound } from '../experiments/precision-bound.js';
import { figureWidths, precisionSummary, replicateEachToPrecision, resolvePrecision } from '../experiments/precision.js';
import { type PrecisionRequest, precisionRequest } from './precision.js';
import { ProgressBar } from './progress.js';
import { type LoadedScenario, loadScenario, range } from './run-command.js';
import { intervalLabels } from '../scenario/model.js';

export interface CheckOptions {
  junit?: string;
  precision?: PrecisionBound[];
  maxReplications?: number;
  seed?: number;
  replications?: number;
  jobs?: number;
  quiet?: boolean;
}

export interface ScenarioVerdicts {
  readonly loaded: LoadedScenario;
  readonly verdicts: readonly Verdict[];
  readonly wallTimeSec: number;
}

/** Scenario files named directly, and every .yaml/.yml/.json under the folders named (sorted). */
export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/i.test(name)) files.push(path);
    }
  };
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      isFolder = false;
    }
    if (isFolder) walk(path);
    else files.push(path);
  }
  return files;
}

function formatValue(x: number): string {
  if (!Number.isFinite(x)) return 'no figure';
  const abs = Math.abs(x);
  return abs !== 0 && abs < 0.001 ? x.toExponential(2) : Number(x.toPrecision(4)).toString();
}

export function verdictLine(scenario: string, v: Verdict): string {
  const f = v.figure;
  const interval = Number.isFinite(f.ci95) ? ` ± ${formatValue(f.ci95)}` : '';
  const judged = v.expectation.confidence === null ? '' : ` (${Math.round(v.expectation.confidence * 100)} % interval [${formatValue(v.low)}, ${formatValue(v.high)}])`;
  return `${v.passed ? 'pass' : 'FAIL'}  ${terminalText(scenario)}: ${f.name} = ${formatValue(f.mean)}${interval}${judged}, expected ${v.requirement}`;
}

function writeVerdictsJunit(file: string, out: readonly ScenarioVerdicts[], wallTimeSec: number): void {
  writeJunit(
    file,
    out.map(({ loaded: l, verdicts }) => ({
      name: l.scenario.name,
      file: l.file,
      timeSec: wallTimeSec,
      cases: verdicts.map((v) => ({
        name: `${v.figure.name} ${v.requirement}`,
        classname: `osh-sim.${l.scenario.name}`,
        failure: v.passed ? null : `${v.figure.name} = ${formatValue(v.figure.mean)}, expected ${v.requirement}`,
        output: verdictLine(l.scenario.name, v),
      })),
    })),
  );
}

/** Judges every scenario's expectations on its replications, printing a line per judged figure. */
function judgeAll(loaded: readonly LoadedScenario[], byScenario: readonly (readonly ReplicationResult[])[], wallTimeSec: number, options: CheckOptions, write: (line: string) => void): { passed: number; failed: number; out: ScenarioVerdicts[] } {
  let passed = 0;
  let failed = 0;
  const out: ScenarioVerdicts[] = [];
  loaded.forEach((l, s) => {
    if (l.scenario.expect.length === 0) {
      if (!options.quiet) write(`----  ${terminalText(l.scenario.name)}: no expectations (${l.file})`);
      out.push({ loaded: l, verdicts: [], wallTimeSec });
      return;
    }
    const verdicts = judgeExpectations(l.scenario, summarizeRun(byScenario[s]!), intervalLabels(l.scenario));
    for (const v of verdicts) {
      // --quiet: the failures and the summary line only.
      if (!v.passed || !options.quiet) write(verdictLine(l.scenario.name, v));
      if (v.passed) passed++;
      else failed++;
    }
    out.push({ loaded: l, verdicts, wallTimeSec });
  });
  return { passed, failed, out };
}

/**
 * check --precision: each scenario's replications in batches until the named figures it has
 * are precise enough (a bound naming a figure no scenario has is bad input), all scenarios'
 * batches sharing the worker pool.
 */
async function checkToPrecision(loaded: readonly LoadedScenario[], precision: PrecisionRequest, options: CheckOptions, write: (line: string) => void): Promise<{ passed: number; failed: number; results: ScenarioVerdicts[] }> {
  const perScenario = loaded.map((l) => resolvePrecision(precision.bounds, l.scenario));
  const named = new Set(perScenario.flatMap((p) => p.resolved.map((r) => r.bound.text)));
  const unknown = precision.bounds.filter((b) => !named.has(b.text));
  if (unknown.length > 0) {
    const problems = unknown.map((b) => perScenario[0]!.problems.find((p) => p.startsWith(`${b.text}:`)) ?? b.text);
    throw new InputError('--precision', problems.map((message) => ({ path: '', message })));
  }
  const started = performance.now();
  const labels = loaded.map((l) => intervalLabels(l.scenario));
  const outcomes = await replicateEachToPrecision(
    loaded.length,
    precision.rule,
    async (batches) => {
      const tasks = batches.flatMap((b) => range(b.from, b.to).map((replication) => ({ scenario: loaded[b.run]!.scenario, replication, detail: 'figures' as const })));
      const progress = new ProgressBar({ total: tasks.length, horizonSec: Math.max(...loaded.map((l) => l.scenario.horizon.endSec)), label: 'check', quiet: options.quiet });
      const results = await executeTasks(tasks, {
        jobs: jobsFor(options.jobs, tasks.length),
        logs: null,
        onProgress: (task, t, events) => progress.update(task, t, events),
        onTaskDone: (task, result) => progress.taskDone(task, result.events),
      });
      progress.finish();
      let at = 0;
      return batches.map((b) => results.slice(at, (at += b.to - b.from)));
    },
    (s, results) => figureWidths(perScenario[s]!.resolved, summarizeRun(results), labels[s]!),
  );
  const wallTimeSec = (performance.now() - started) / 1000;
  const precise = loaded.map((l, s) => ({ ...l, scenario: { ...l.scenario, replications: outcomes[s]!.results.length } }));
  const { passed, failed, out } = judgeAll(precise, outcomes.map((o) => o.results), wallTimeSec, options, write);
  outcomes.forEach((o, s) => {
    if (!o.met) write(`${terminalText(loaded[s]!.scenario.name)}: ${precisionSummary(o, precision.rule)}`);
  });
  const replications = outcomes.reduce((n, o) => n + o.results.length, 0);
  write(`${passed} passed, ${failed} failed (${loaded.length} scenario${loaded.length === 1 ? '' : 's'}, ${replications} replications to precision, ${wallTimeSec.toFixed(1)} s)`);
  if (options.junit) writeVerdictsJunit(options.junit, out, wallTimeSec);
  return { passed, failed, results: out };
}

export async function runCheck(paths: readonly string[], options: CheckOptions, write: (line: string) => void): Promise<{ passed: number; failed: number; results: ScenarioVerdicts[] }> {
  const files = scenarioFiles(paths);
  if (files.length === 0) throw new InputError(paths.join(' '), [{ path: '', message: 'holds no scenario file (.yaml, .yml or .json)' }]);
  const loaded: LoadedScenario[] = [];
  const problems: InputError[] = [];
  for (const file of files) {
    try {
      loaded.push(loadScenario(file, options));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length > 0) throw new InputErrors(problems);
  const precision = precisionRequest(options);
  if (precision !== null) return checkToPrecision(loaded, precision, options, write);
  const tasks = loaded.flatMap((l, s) => Array.from({ length: l.scenario.replications }, (_, replication) => ({ scenario: l.scenario, replication, detail: 'figures' as const, s })));
  const started = performance.now();
  const progress = new ProgressBar({ total: tasks.length, horizonSec: Math.max(...loaded.map((l) => l.scenario.horizon.endSec)), label: 'check', quiet: options.quiet });
  const results = await executeTasks(tasks, {
    jobs: jobsFor(options.jobs, tasks.length),
    logs: null,
    onProgress: (task, t, events) => progress.update(task, t, events),
    onTaskDone: (task, result) => progress.taskDone(task, result.events),
  });
  progress.finish();
  const wallTimeSec = (performance.now() - started) / 1000;
  const byScenario: ReplicationResult[][] = loaded.map(() => []);
  tasks.forEach((task, i) => byScenario[task.s]!.push(results[i]!));
  const { passed, failed, out } = judgeAll(loaded, byScenario, wallTimeSec, options, write);
  write(`${passed} passed, ${failed} failed (${loaded.length} scenario${loaded.length === 1 ? '' : 's'}, ${tasks.length} replications, ${wallTimeSec.toFixed(1)} s)`);
  if (options.junit) writeVerdictsJunit(options.junit, out, wallTimeSec);
  return { passed, failed, results: out };
}
