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
import { executeTasks, jobsFor, replicationPool } from './execute.js';
import { checkScenarioLabel } from './messages.js';
import { ProgressBar } from './progress.js';
import { type LoadedScenario, loadScenario } from './run-command.js';
import { intervalLabels } from '../scenario/model.js';
import * as messages from './messages.js';

export interface CheckOptions {
  junit?: string;
  seed?: number;
  replications?: number;
  jobs?: number;
  quiet?: boolean;
}

export interface ScenarioVerdicts {
  readonly loaded: LoadedScenario;
  readonly verdicts: readonly Verdict[];
  /** This scenario's own wall time: its replications' batch on the pool. */
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

/** `scenario` names the scenario and its file (see checkScenarioLabel): two files may share a name. */
export function verdictLine(scenario: string, v: Verdict): string {
  const f = v.figure;
  const interval = Number.isFinite(f.ci95) ? ` ± ${formatValue(f.ci95)}` : '';
  const judged = v.expectation.confidence === null ? '' : ` (${Math.round(v.expectation.confidence * 100)} % interval [${formatValue(v.low)}, ${formatValue(v.high)}])`;
  return `${v.passed ? 'pass' : 'FAIL'}  ${terminalText(scenario)}: ${f.name} = ${formatValue(f.mean)}${interval}${judged}, expected ${v.requirement}`;
}

export async function runCheck(paths: readonly string[], options: CheckOptions, write: (line: string) => void): Promise<{ passed: number; failed: number; results: ScenarioVerdicts[] }> {
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
  const tasks = loaded.flatMap((l, s) => Array.from({ length: l.scenario.replications }, (_, replication) => ({ scenario: l.scenario, replication, detail: 'figures' as const, s })));
  const started = performance.now();
  const progress = new ProgressBar({ total: tasks.length, horizonSec: Math.max(...loaded.map((l) => l.scenario.horizon.endSec)), label: 'check', quiet: options.quiet });
  // One batch per scenario on one pool, so each scenario's own wall time is measured (its
  // JUnit testsuite time); the pool's threads start once for all of them.
  const jobs = jobsFor(options.jobs, tasks.length);
  const pool = jobs > 1 ? replicationPool(jobs) : undefined;
  const results: ReplicationResult[] = [];
  const scenarioTimeSec: number[] = [];
  try {
    for (let s = 0; s < loaded.length; s++) {
      const offset = results.length;
      const batch = tasks.filter((task) => task.s === s);
      const batchStarted = performance.now();
      results.push(
        ...(await executeTasks(batch, {
          jobs,
          pool,
          logs: null,
          onProgress: (task, t, events) => progress.update(offset + task, t, events),
          onTaskDone: (task, result) => progress.taskDone(offset + task, result.events),
        })),
      );
      scenarioTimeSec.push((performance.now() - batchStarted) / 1000);
    }
  } finally {
    pool?.close();
  }
  progress.finish();
  const wallTimeSec = (performance.now() - started) / 1000;
  const byScenario: ReplicationResult[][] = loaded.map(() => []);
  tasks.forEach((task, i) => byScenario[task.s]!.push(results[i]!));
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
  write(`${passed} passed, ${failed} failed (${loaded.length} scenario${loaded.length === 1 ? '' : 's'}, ${tasks.length} replications, ${wallTimeSec.toFixed(1)} s)`);
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
