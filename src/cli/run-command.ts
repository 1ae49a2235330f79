// `osh-sim run <scenario>`: replications → reports/<name>/ (or --out), written into a staged
// folder that replaces the destination only when complete. With --shard i/n, only that part
// of the replications, kept as a shard folder for `osh-sim merge`.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { timelineWindow } from '../center/timeline.js';
import { InputError } from '../errors.js';
import { expectationIssues } from '../experiments/expectations.js';
import { type Shard, shardOf } from '../experiments/sweep.js';
import { withOverrides } from '../experiments/run.js';
import { inStagedFolder } from './staged.js';
import type { SimulatingOptions } from './options.js';
import { StagedFolder, folderName } from '../report/folder.js';
import { type ShardRecord, writeShardFile } from '../report/shard-file.js';
import { type PrecisionReport, type ReportInput, type RunInfo, writeRunJson, writeSummaryFiles } from '../report/summary-files.js';
import { type Scenario, intervalDates, intervalLabel, intervalLabels } from '../scenario/model.js';
import { readScenarioText, scenarioFromText } from '../scenario/read.js';
import { scenarioWarning } from '../scenario/messages.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { type RunSummary, summarizeRun } from '../stats/summary.js';
import { renderRunSummary } from './console.js';
import { figureWidths, precisionSummary, replicateToPrecision } from '../experiments/precision.js';
import { joinLogParts } from '../report/logs.js';
import type { ChartHelper } from '../report/render.js';
import { precisionRequest, resolvedBounds } from './precision.js';
import { type ReplicationPool, executeTasks, jobsFor, workerStartFor } from './execute.js';
import { ProgressBar } from './progress.js';
import { VERSION } from './version.js';
import * as messages from './messages.js';

export interface SimulationOptions extends SimulatingOptions {
  contacts?: boolean;
  shard?: Shard;
}

export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly scenario: Scenario;
}

export function loadScenario(file: string, options: Pick<SimulationOptions, 'seed' | 'replications' | 'traceRoot'>): LoadedScenario {
  const text = readScenarioText(file);
  return loadScenarioText(file, text, options);
}

/** Reads and checks a scenario, its expectations' figure names included. Throws InputError. */
export function loadScenarioText(file: string, text: string, options: Pick<SimulationOptions, 'seed' | 'replications' | 'traceRoot'>): LoadedScenario {
  const scenario = withOverrides(scenarioFromText(text, file, options.traceRoot), { seed: options.seed, replications: options.replications });
  const issues = expectationIssues(scenario);
  if (issues.length > 0) throw new InputError(file, issues);
  for (const warning of scenario.warnings) process.stderr.write(`${scenarioWarning(file, warning)}\n`);
  return { file, text, scenario };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Per channel, a fingerprint of the trace it replays (null: none): part of what a run was made from. */
export function traceFingerprints(scenario: Scenario): (string | null)[] {
  return scenario.skills.map((c) => (c.trace === null ? null : sha256(JSON.stringify(c.trace))));
}

/** Where a shard's scenario came from, for `osh-sim merge` to rebuild and check it. */
export function shardSource(file: string, text: string, scenario: Scenario): Pick<ShardRecord, 'scenarioFile' | 'scenarioPath' | 'scenarioText' | 'scenarioSha256' | 'tracesSha256'> {
  return { scenarioFile: file, scenarioPath: resolve(file), scenarioText: text, scenarioSha256: sha256(text), tracesSha256: traceFingerprints(scenario) };
}

export function reportInput(scenario: Scenario, summary: RunSummary): ReportInput {
  const target = (c: Scenario['skills'][number]) => ({
    serviceLevelTarget: c.serviceLevel.target,
    serviceLevelThresholdSec: c.serviceLevel.thresholdSec,
    responseThresholdSec: Number.isFinite(c.responseThresholdSec) ? c.responseThresholdSec : null,
  });
  // A channel's target is its skill's when it has one skill; several skills each have their own.
  const single = scenario.skills.filter((c) => scenario.skills.filter((o) => o.channel === c.channel).length === 1);
  const targets: ReportInput['targets'] = Object.fromEntries(single.map((c) => [c.channel, target(c)]));
  const skillTargets: ReportInput['skillTargets'] = scenario.skillsWritten ? Object.fromEntries(scenario.skills.map((c) => [c.name, { ...target(c), channel: c.channel }])) : {};
  const window = timelineWindow(scenario);
  const hours = (window.to - window.from) / 3600;
  return {
    scenario: scenario.name,
    description: scenario.description,
    timeline: {
      from: window.from,
      to: window.to,
      label: `${intervalLabel(scenario, Math.floor(window.from / scenario.horizon.intervalSec))}, ${hours === 1 ? 'one hour' : `${Math.round(hours * 60)} minutes`}`,
    },
    seed: scenario.seed,
    replications: scenario.replications,
    intervalLabels: intervalLabels(scenario),
    intervalDates: intervalDates(scenario),
    targets,
    skillTargets,
    summary,
  };
}

export interface RunOutcome {
  readonly folder: string;
  readonly summary: RunSummary | null;
  readonly wallTimeSec: number;
  readonly results: readonly ReplicationResult[];
  /** With --precision: the closing line (replications used, or the figures left wide) and whether all were met. */
  readonly precision?: { readonly line: string; readonly met: boolean };
}

/** Contacts a replication simulated: every arrival (warm-up included) and every elevated contact. */
export function contactsOf(result: ReplicationResult): number {
  return result.ledger.arrived.reduce((a, b) => a + b, 0) + result.ledger.outboundCreated;
}

/** A shard with nothing to run is a mistake in --shard (more shards than work). */
export function emptyShard(shard: Shard, total: number, what: string): InputError {
  return new InputError('--shard', [{ path: '', message: messages.emptyShard(shard.index, shard.count, total, what) }]);
}

/**
 * Where a command writes when --out is not given: `reports/<name>`, `<name>.sweep` or
 * `<name>.capacity`, with `.shard-i-of-n` for a shard; the name only through `folderName`.
 */
export function defaultFolder(scenario: Scenario, kind: 'run' | 'sweep' | 'capacity', shard?: Shard): string {
  const name = folderName(scenario.name) + (kind === 'run' ? '' : `.${kind}`);
  return join('reports', shard ? `${name}.shard-${shard.index}-of-${shard.count}` : name);
}

/** What a caller other than the terminal (the workbench server) adds to a run. */
export interface RunHooks {
  /** A replication finished: `done` of `total`. */
  readonly onReplicationDone?: (done: number, total: number) => void;
  /** Progress inside the replications: the simulated time a replication has reached, s. */
  readonly onProgress?: (replication: number, simulatedSec: number) => void;
  readonly signal?: AbortSignal;
  /** A pool kept across runs; its replications run on worker threads only. */
  readonly pool?: ReplicationPool;
}

export async function runScenario(loaded: LoadedScenario, options: SimulationOptions, command: string, hooks: RunHooks = {}): Promise<RunOutcome> {
  const { scenario } = loaded;
  const shard = options.shard;
  const precision = precisionRequest(options);
  const bounds = precision === null ? [] : resolvedBounds(precision, scenario, loaded.file);
  const destination = options.out ?? defaultFolder(scenario, 'run', shard);
  // A thread that loads vega while the run simulates, then draws a share of its charts (not in
  // the workbench, whose runs share the process with others).
  const drawing = options.charts !== false && shard === undefined && hooks.pool === undefined;
  const helper = drawing ? ((await import('../report/render.js')).ChartHelper.start() ?? undefined) : undefined;
  try {
    return await inStagedFolder(destination, 'run', async (staged) => {
      const started = performance.now();
      const logs = (join: boolean) => ({ folder: (name: string) => staged.path(name), contacts: options.contacts === true, join });
      /** Replications `replications`, in order, with a progress bar of their own. */
      let done = 0;
      // run.json's `jobs`: the threads the replications ran on (by default workers start only when worth it).
      let threads = 1;
      const runBatch = async (replications: readonly number[], join: boolean, jobs: number) => {
        const progress = new ProgressBar({ total: replications.length, horizonSec: scenario.horizon.endSec, label: scenario.name, quiet: options.quiet });
        const results = await executeTasks(
          replications.map((replication) => ({ scenario, replication })),
          {
            jobs,
            workerStart: workerStartFor(options.jobs),
            onThreads: (used) => (threads = Math.max(threads, used)),
            pool: hooks.pool,
            workersOnly: hooks.pool !== undefined,
            signal: hooks.signal,
            logs: logs(join),
            onProgress: (task, simulatedSec, events) => {
              progress.update(task, simulatedSec, events);
              hooks.onProgress?.(task, simulatedSec);
            },
            onTaskDone: (task, result) => {
              progress.taskDone(task, result.events);
              // With a precision rule the total grows batch by batch; the scenario's count is a floor.
              hooks.onReplicationDone?.(++done, Math.max(done, replications.length));
            },
          },
        );
        progress.finish();
        return results;
      };
      if (precision !== null) {
        // Each batch keeps one log part per replication; all are joined in order at the end.
        const labels = intervalLabels(scenario);
        const outcome = await replicateToPrecision(
          precision.rule,
          (from, to) => runBatch(range(from, to), false, jobsFor(options.jobs, to - from)),
          (results) => figureWidths(bounds, summarizeRun(results), labels),
        );
        const results = outcome.results;
        joinLogParts((name) => staged.path(name), range(0, results.length), options.contacts === true, scenario.skillsWritten);
        const wallTimeSec = (performance.now() - started) / 1000;
        staged.removeParts();
        const precise = { ...loaded, scenario: { ...scenario, replications: results.length } };
        const report: PrecisionReport = {
          bounds: precision.bounds.map((b) => b.text),
          minimum: precision.rule.minimum,
          maximum: precision.rule.maximum,
          checks: outcome.checks,
          met: outcome.met,
          figures: outcome.widths.map((w) => ({ figure: w.figure.name, mean: w.figure.mean, ci95: w.figure.ci95, allowed: w.allowed, met: w.met })),
        };
        const summary = await writeRunReport(staged, precise, results, { command, jobs: threads, wallTimeSec, charts: options.charts !== false, precision: report, helper });
        return { folder: destination, summary, wallTimeSec, results, precision: { line: precisionSummary(outcome, precision.rule), met: outcome.met } };
      }
      const all = range(0, scenario.replications);
      const replications = shard ? shardOf(all, shard) : all;
      if (replications.length === 0) throw emptyShard(shard!, all.length, 'replications');
      const jobs = jobsFor(options.jobs, replications.length);
      if (options.charts !== false && shard === undefined) void import('../report/render.js').then((renderer) => renderer.preloadRenderer(), () => undefined);
      const results = await runBatch(replications, shard === undefined, jobs);
      const wallTimeSec = (performance.now() - started) / 1000;
      if (shard !== undefined) {
        writeShardFile(staged.staging, {
          kind: 'run',
          version: VERSION,
          ...shardSource(loaded.file, loaded.text, scenario),
          seed: options.seed ?? null,
          replications: options.replications ?? null,
          shard,
          contacts: options.contacts === true,
          charts: options.charts !== false,
          vary: [],
          metrics: [],
          tasks: replications.map((replication) => ({ variant: 0, replication })),
          results,
          wallTimeSec,
        });
        return { folder: destination, summary: null, wallTimeSec, results };
      }
      staged.removeParts();
      const summary = await writeRunReport(staged, loaded, results, { command, jobs: threads, wallTimeSec, charts: options.charts !== false, helper });
      return { folder: destination, summary, wallTimeSec, results };
    });
  } finally {
    await helper?.close();
  }
}

/** Replication indices from … to − 1. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Figures, run.json and (unless asked not to) charts and report.html, from all replications. */
export async function writeRunReport(
  staged: StagedFolder,
  loaded: LoadedScenario,
  results: readonly ReplicationResult[],
  run: { command: string; jobs: number; wallTimeSec: number; charts: boolean; precision?: PrecisionReport; helper?: ChartHelper | undefined },
): Promise<RunSummary> {
  const { scenario } = loaded;
  const summary = summarizeRun(results);
  const input = reportInput(scenario, summary);
  writeSummaryFiles((name) => staged.path(name), input);
  const info: RunInfo = {
    version: VERSION,
    scenarioFile: loaded.file,
    scenarioSha256: sha256(loaded.text),
    seed: scenario.seed,
    replications: scenario.replications,
    command: run.command,
    wallTimeSec: Math.round(run.wallTimeSec * 1000) / 1000,
    eventsSimulated: summary.events,
    node: process.version,
    jobs: run.jobs,
    contactsSimulated: results.reduce((sum, r) => sum + contactsOf(r), 0),
    peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(run.precision === undefined ? {} : { precision: run.precision }),
  };
  writeRunJson((name) => staged.path(name), info);
  if (!results.some((r) => r.ledger.sessionsOpened > 0)) staged.removeFile('sessions.csv');
  if (run.charts) {
    // The chart renderer (vega, vega-lite) loads only when a chart is drawn.
    const [{ renderReportFolder }, { runTables }] = await Promise.all([import('../report/render-report.js'), import('../report/run-tables.js')]);
    // The per-interval tables go over from memory: no parsing back of the CSV files just written.
    await renderReportFolder(staged.staging, { tables: runTables(summary, input.intervalLabels), helper: run.helper });
  }
  return summary;
}

export function printRun(outcome: RunOutcome, scenario: Scenario, write: (text: string) => void): void {
  if (outcome.summary === null) {
    write(`${messages.runShardWritten(scenario.name, outcome.results.length, outcome.folder)}\n`);
    return;
  }
  write(renderRunSummary(scenario, { folder: outcome.folder, summary: outcome.summary, wallTimeSec: outcome.wallTimeSec }));
  if (outcome.precision?.met === true) write(`${outcome.precision.line}\n`);
}
