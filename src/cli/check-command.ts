// `osh-sim check <scenario or folder…>`: the CI regression gate. Runs every scenario's
// replications together on the worker pool, judges each expectation, prints one line per
// judged figure and `N passed, M failed`; writes JUnit XML on request. Exit 0 when all pass,
// 1 when one fails, 2 on bad input (a scenario, or an expectation naming no figure).
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, InputErrors } from '../errors.js';
import { type Verdict, judgeExpectations } from '../experiments/expectations.js';
import { writeJunit } from '../report/junit.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { summarizeRun } from '../stats/summary.js';
import { terminalText } from './console.js';
import { executeTasks, jobsFor, replicationPool, workerStartFor } from './execute.js';
import type { PrecisionBound } from '../experiments/precision-bound.js';
import { type ResolvedBound, figureWidths, precisionSummary, replicateToPrecision, resolvePrecision } from '../experiments/precision.js';
import { type PrecisionRequest, precisionRequest } from './precision.js';
import { checkScenarioLabel } from './messages.js';
import { ProgressBar } from './progress.js';
import { type LoadedScenario, loadScenario, range } from './run-command.js';
import { intervalLabels } from '../scenario/model.js';
import * as messages from './messages.js';

export interface CheckOptions {
  junit?: string;
  precision?: PrecisionBound[];
  maxReplications?: number;
  seed?: number;
  replications?: number;
  jobs?: number;
  quiet?: boolean;
  traceRoot?: string[];
}

export interface ScenarioVerdicts {
  readonly loaded: LoadedScenario;
  readonly verdicts: readonly Verdict[];
  /** This scenario's own wall time: its replications' batch on the pool. */
  readonly wallTimeSec: number;
}

/** Why a path cannot be walked, as a one-line problem (a loop of links, a missing target). */
function pathProblem(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === 'ELOOP' ? messages.linkLoop() : messages.unreadablePath(code === 'ENOENT' ? 'it does not exist, or is a link to nothing' : code ?? String(error));
  return new InputError(path, [{ path: '', message }]);
}

/**
 * Scenario files named directly, and every .yaml/.yml/.json under the folders named (sorted).
 * A folder reached twice (through a link back up the tree) is walked once.
 */
export function scenarioFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const walked = new Set<string>();
  const walk = (folder: string) => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      throw pathProblem(folder, error);
    }
    if (walked.has(real)) return;
    walked.add(real);
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const path = join(folder, name);
      let isFolder: boolean;
      try {
        isFolder = statSync(path).isDirectory();
      } catch (error) {
        if (!/\.(ya?ml|json)$/i.test(name) && (error as NodeJS.ErrnoException).code === 'ENOENT') continue; // A dangling link to something else.
        throw pathProblem(path, error);
      }
      if (isFolder) walk(path);
      else if (/\.(ya?ml|json)$/i.test(name)) files.push(path);
    }
  };
  for (const path of paths) {
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw pathProblem(path, error);
      isFolder = false;
    }
    if (isFolder) walk(path);
    else files.push(path);
  }
  return files;
}

/** --junit names a file to write: refused at once (before any simulation) when it is a folder. */
function checkJunitPath(path: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new InputError(path, [{ path: '', message: messages.junitIsFolder() }]);
}

function formatValue(x: number): string {
  if (!Number.isFinite(x)) return 'no figure';
  const abs = Math.abs(x);
  return abs !== 0 && abs < 0.001 ? x.toExponential(2) : Number(x.toPrecision(4)).toString();
}

/** `scenario` names the scenario and its file (see checkScenarioLabel): two files may share a name. */
export function verdictLine(scenario: string, v: Verdict): string {
  const f = v.figure;
  const interval = Number.isFinite(f.ci95) ? ` ± ${formatValue(f.ci95)}` : '';
  const judged = v.expectation.confidence === null ? '' : ` (${Math.round(v.expectation.confidence * 100)} % interval [${formatValue(v.low)}, ${formatValue(v.high)}])`;
  return `${v.passed ? 'pass' : 'FAIL'}  ${terminalText(scenario)}: ${f.name} = ${formatValue(f.mean)}${interval}${judged}, expected ${v.requirement}`;
}

/**
 * Each scenario's share of the --precision bounds: a bound applies to the scenarios that have
 * its figure; one that no scenario has is bad input (exit 2), with the nearest name.
 */
function checkBounds(loaded: readonly LoadedScenario[], precision: PrecisionRequest): ResolvedBound[][] {
  const perScenario = loaded.map((l) => resolvePrecision(precision.bounds, l.scenario));
  const named = new Set(perScenario.flatMap((p) => p.resolved.map((r) => r.bound.text)));
  const unknown = precision.bounds.filter((b) => !named.has(b.text));
  if (unknown.length > 0) {
    const problems = unknown.map((b) => perScenario[0]!.problems.find((p) => p.startsWith(`${b.text}:`)) ?? b.text);
    throw new InputError('--precision', problems.map((message) => ({ path: '', message })));
  }
  return perScenario.map((p) => p.resolved);
}

export async function runCheck(paths: readonly string[], options: CheckOptions, write: (line: string) => void): Promise<{ passed: number; failed: number; results: ScenarioVerdicts[] }> {
  if (options.junit !== undefined) checkJunitPath(options.junit);
  const files = scenarioFiles(paths);
  if (files.length === 0) throw new InputError(paths.join(' '), [{ path: '', message: messages.noScenarioFiles() }]);
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
  const bounds = precision === null ? [] : checkBounds(loaded, precision);
  const fixedTotal = loaded.reduce((n, l) => n + l.scenario.replications, 0);
  const started = performance.now();
  const horizonSec = Math.max(...loaded.map((l) => l.scenario.horizon.endSec));
  // Fixed replications: one bar for all; to a precision the total is not known, so a bar per batch.
  const shared = precision === null ? new ProgressBar({ total: fixedTotal, horizonSec, label: 'check', quiet: options.quiet }) : null;
  // One batch per scenario on one pool, so each scenario's own wall time is measured (its
  // JUnit testsuite time); the pool's threads start once for all of them.
  const jobs = jobsFor(options.jobs, precision === null ? fixedTotal : precision.rule.maximum);
  const pool = jobs > 1 ? replicationPool(jobs, false, workerStartFor(options.jobs)) : undefined;
  const byScenario: ReplicationResult[][] = [];
  const scenarioTimeSec: number[] = [];
  const unmet: string[] = [];
  let offset = 0;
  try {
    for (let s = 0; s < loaded.length; s++) {
      const scenario = loaded[s]!.scenario;
      const batchStarted = performance.now();
      const run = async (from: number, to: number): Promise<ReplicationResult[]> => {
        const progress = shared ?? new ProgressBar({ total: to - from, horizonSec, label: 'check', quiet: options.quiet });
        const at = shared === null ? 0 : offset;
        const results = await executeTasks(
          range(from, to).map((replication) => ({ scenario, replication, detail: 'figures' as const })),
          {
            jobs,
            pool,
            logs: null,
            onProgress: (task, t, events) => progress.update(at + task, t, events),
            onTaskDone: (task, result) => progress.taskDone(at + task, result.events),
          },
        );
        offset += to - from;
        if (shared === null) progress.finish();
        return results;
      };
      if (precision === null) byScenario.push(await run(0, scenario.replications));
      else {
        // Each scenario runs until the figures it has are precise enough (or the cap).
        const labels = intervalLabels(scenario);
        const outcome = await replicateToPrecision(precision.rule, run, (results) => figureWidths(bounds[s]!, summarizeRun(results), labels));
        byScenario.push(outcome.results);
        if (!outcome.met) unmet.push(`${checkScenarioLabel(scenario.name, loaded[s]!.file)}: ${precisionSummary(outcome, precision.rule)}`);
        loaded[s] = { ...loaded[s]!, scenario: { ...scenario, replications: outcome.results.length } };
      }
      scenarioTimeSec.push((performance.now() - batchStarted) / 1000);
    }
  } finally {
    pool?.close();
  }
  shared?.finish();
  const wallTimeSec = (performance.now() - started) / 1000;
  const replications = byScenario.reduce((n, r) => n + r.length, 0);
  let passed = 0;
  let failed = 0;
  const out: ScenarioVerdicts[] = [];
  loaded.forEach((l, s) => {
    const label = checkScenarioLabel(l.scenario.name, l.file);
    if (l.scenario.expect.length === 0) {
      if (!options.quiet) write(`----  ${terminalText(label)}: no expectations`);
      out.push({ loaded: l, verdicts: [], wallTimeSec: scenarioTimeSec[s]! });
      return;
    }
    const verdicts = judgeExpectations(l.scenario, summarizeRun(byScenario[s]!), intervalLabels(l.scenario));
    for (const v of verdicts) {
      // --quiet: the failures and the summary line only.
      if (!v.passed || !options.quiet) write(verdictLine(label, v));
      if (v.passed) passed++;
      else failed++;
    }
    out.push({ loaded: l, verdicts, wallTimeSec: scenarioTimeSec[s]! });
  });
  for (const line of unmet) write(terminalText(line));
  write(`${passed} passed, ${failed} failed (${loaded.length} scenario${loaded.length === 1 ? '' : 's'}, ${replications} replications${precision === null ? '' : ' to precision'}, ${wallTimeSec.toFixed(1)} s)`);
  if (options.junit) {
    writeJunit(
      options.junit,
      out.map(({ loaded: l, verdicts, wallTimeSec: timeSec }) => ({
        name: l.scenario.name,
        file: l.file,
        timeSec,
        cases: verdicts.map((v) => ({
          name: `${v.figure.name} ${v.requirement}`,
          classname: `osh-sim.${l.scenario.name}`,
          failure: v.passed ? null : `${v.figure.name} = ${formatValue(v.figure.mean)}, expected ${v.requirement}`,
          output: verdictLine(checkScenarioLabel(l.scenario.name, l.file), v),
        })),
      })),
    );
  }
  return { passed, failed, results: out };
}
