// `osh-sim sweep <scenario> --vary PATH=VALUES …`: every variant of the grid, replication by
// replication on the worker pool (common random numbers across variants), then sweep.csv,
// sweep.json, a chart per chosen figure and sweep.html. With --shard i/n, only that part of
// the (variant, replication) tasks, kept for `osh-sim merge`.
import { basename, dirname, join } from 'node:path';
import { Checkpoint } from '../report/checkpoint.js';
import { withOverrides } from '../experiments/run.js';
import { figureIssue, figureNames } from '../experiments/figures.js';
import { type Shard, type Task, type Variant, type Vary, parseVary, planSweep, shardOf, sweepTasks } from '../experiments/sweep.js';
import { InputError } from '../errors.js';
import { inStagedFolder } from './staged.js';
import type { SimulatingOptions } from './options.js';
import { writeShardFile } from '../report/shard-file.js';
import { writeSweepFiles } from '../report/sweep-files.js';
import { readScenarioText, traceReaderBeside } from '../scenario/read.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { metricEstimates, parseMetricPath, type MetricPath } from '../stats/metric-path.js';
import { summarizeRun } from '../stats/summary.js';
import { executeTasks, jobsFor, workerStartFor } from './execute.js';
import { figureWidths, precisionSummary, replicateEachToPrecision } from '../experiments/precision.js';
import { precisionRequest, resolvedBounds } from './precision.js';
import { ProgressBar } from './progress.js';
import { defaultFolder, emptyShard, range, reportInput, sha256, shardSource, traceFingerprints } from './run-command.js';
import { intervalLabels } from '../scenario/model.js';
import { alignTable, terminalText } from './console.js';
import { VERSION } from './version.js';
import * as messages from './messages.js';

export interface SweepOptions extends SimulatingOptions {
  vary: string[];
  metric?: string[];
  shard?: Shard;
  /** Reuse the tasks an interrupted sweep into the same folder finished. */
  resume?: boolean;
}

export interface SweepPlan {
  readonly file: string;
  readonly text: string;
  readonly varies: readonly Vary[];
  readonly variants: readonly Variant[];
  readonly metrics: readonly string[];
  readonly replications: number;
}

/** Figures charted when --metric is not given: what a planner looks at first. */
export function defaultFigures(scenario: Scenario): string[] {
  const figures: string[] = [];
  for (const channel of scenario.skills) {
    figures.push(`${channel.channel}.serviceLevel`, `${channel.channel}.asa`);
    if (channel.patience !== null) figures.push(`${channel.channel}.abandonRate`);
    if (channel.channel === 'chat') figures.push('chat.responseBreachRate');
  }
  for (const group of scenario.groups) figures.push(`groups.${group.name}.occupancy`);
  return figures;
}

export function planSweepCommand(file: string, text: string, vary: readonly string[], metrics: readonly string[] | undefined, overrides: { seed?: number | undefined; replications?: number | undefined; traceRoot?: string[] | undefined }): SweepPlan {
  if (vary.length === 0) throw new InputError('--vary', [{ path: '', message: messages.sweepNeedsVary() }]);
  const varies = vary.map(parseVary);
  const variants = planSweep(text, file, varies, (s) => withOverrides(s, overrides), traceReaderBeside(file, overrides.traceRoot));
  const chosen = metrics && metrics.length > 0 ? [...metrics] : defaultFigures(variants[0]!.scenario);
  const known = figureNames(variants[0]!.scenario);
  // A sweep charts one value of a figure per variant: one interval, or the whole horizon.
  const everyInterval = (m: string) => (m.endsWith('@every') ? messages.sweepChartsOneValue(m) : null);
  const problems = chosen.map((m) => everyInterval(m) ?? figureIssue(m, known)).filter((p): p is string => p !== null);
  if (problems.length > 0) throw new InputError('--metric', problems.map((message) => ({ path: '', message })));
  return { file, text, varies, variants, metrics: chosen, replications: variants[0]!.scenario.replications };
}

export interface SweepOutcome {
  readonly folder: string;
  readonly variants: number;
  readonly tasks: number;
  readonly wallTimeSec: number;
  readonly sharded: boolean;
  /** The charted figures per variant (not for a shard), for the terminal's table. */
  readonly figures: SweepFigures | null;
  /** With --precision: a line per variant left wide at --max-replications. */
  readonly precisionLines?: readonly string[];
}

/** What the terminal shows of a sweep: each variant's varied values and charted figures. */
export interface SweepFigures {
  readonly varies: readonly { readonly path: string }[];
  readonly variants: readonly { readonly index: number; readonly values: readonly unknown[] }[];
  readonly charted: readonly { readonly name: string; readonly means: readonly number[] }[];
}

/** Beside the sweep's folder: the replications finished so far, kept until the sweep is written. */
export function checkpointFolder(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.checkpoint`);
}

export async function runSweep(file: string, options: SweepOptions, progressLine?: (line: string) => void): Promise<SweepOutcome> {
  const text = readScenarioText(file);
  const plan = planSweepCommand(file, text, options.vary, options.metric, options);
  const base = plan.variants[0]!.scenario;
  const shard = options.shard;
  const precision = precisionRequest(options);
  const bounds = precision === null ? [] : resolvedBounds(precision, base, file);
  const destination = options.out ?? defaultFolder(base, 'sweep', shard);
  const precisionLines: string[] = [];
  let finished = 0;
  let checkpoint: Checkpoint | undefined;
  const outcome = await inStagedFolder(
    destination,
    'sweep',
    async (staged) => {
      const started = performance.now();
      /** The tasks no checkpoint holds yet, each saved as it finishes, with a progress bar. */
      const runFresh = async (todo: readonly { t: Task }[], saved: Checkpoint): Promise<ReplicationResult[]> => {
        const progress = new ProgressBar({ total: todo.length, horizonSec: base.horizon.endSec, label: `sweep ${base.name}`, quiet: options.quiet });
        const fresh = await executeTasks(
          todo.map(({ t }) => ({ scenario: plan.variants[t.variant]!.scenario, replication: t.replication, detail: 'figures' as const })),
          {
            jobs: jobsFor(options.jobs, todo.length),
            workerStart: workerStartFor(options.jobs),
            logs: null,
            onProgress: (task, simulatedSec, events) => progress.update(task, simulatedSec, events),
            onTaskDone: (task, result) => {
              progress.taskDone(task, result.events);
              saved.save(todo[task]!.t, result);
              finished++;
            },
          },
        );
        progress.finish();
        return fresh;
      };
      if (precision !== null) {
        const saved = new Checkpoint(checkpointFolder(destination), {
          scenarioSha256: sha256(text),
          traceSha256: traceFingerprints(base),
          vary: options.vary,
          seed: options.seed ?? null,
          replications: options.replications ?? null,
          shard: null,
        }, options.resume === true);
        checkpoint = saved;
        const labels = intervalLabels(base);
        // Each variant is judged on its own replications: the same stopping points as if it
        // ran alone, whatever --jobs and whatever a resumed checkpoint already held.
        const outcomes = await replicateEachToPrecision(
          plan.variants.length,
          precision.rule,
          async (batches) => {
            const wanted = batches.flatMap((b) => range(b.from, b.to).map((replication) => ({ variant: b.run, replication })));
            const got: (ReplicationResult | undefined)[] = wanted.map((t) => saved.load(t));
            const todo = wanted.map((t, i) => ({ t, i })).filter(({ i }) => got[i] === undefined);
            const fresh = await runFresh(todo, saved);
            todo.forEach(({ i }, k) => (got[i] = fresh[k]!));
            let at = 0;
            return batches.map((b) => got.slice(at, (at += b.to - b.from)) as ReplicationResult[]);
          },
          (_variant, results) => figureWidths(bounds, summarizeRun(results), labels),
        );
        outcomes.forEach((o, v) => {
          if (!o.met) precisionLines.push(`${plan.variants[v]!.label}: ${precisionSummary(o, precision.rule)}`);
        });
        const tasks = outcomes.flatMap((o, variant) => o.results.map((_, replication) => ({ variant, replication })));
        const most = Math.max(...outcomes.map((o) => o.results.length));
        const figures = await writeSweepReport((n) => staged.path(n), { ...plan, replications: most }, tasks, outcomes.flatMap((o) => o.results), options.charts !== false);
        const wallTimeSec = (performance.now() - started) / 1000;
        return { folder: destination, variants: plan.variants.length, tasks: tasks.length, wallTimeSec, sharded: false, figures };
      }
      const all = sweepTasks(plan.variants.length, plan.replications);
      const tasks = shard ? shardOf(all, shard) : all;
      if (tasks.length === 0) throw emptyShard(shard!, all.length, '(variant, replication) tasks');
      const saved = new Checkpoint(checkpointFolder(destination), {
        scenarioSha256: sha256(text),
        // A trace the scenario replays is part of the plan too: edited, it voids the checkpoint.
        traceSha256: traceFingerprints(base),
        vary: options.vary,
        seed: options.seed ?? null,
        replications: options.replications ?? null,
        shard: shard ?? null,
      }, options.resume === true);
      checkpoint = saved;
      const results: (ReplicationResult | undefined)[] = tasks.map((t) => saved.load(t));
      const todo = tasks.map((t, i) => ({ t, i })).filter(({ i }) => results[i] === undefined);
      finished = tasks.length - todo.length;
      if (options.resume && !options.quiet) progressLine?.(messages.resuming(tasks.length - todo.length, tasks.length));
      const fresh = await runFresh(todo, saved);
      todo.forEach(({ i }, k) => (results[i] = fresh[k]!));
      const done = results as ReplicationResult[];
      const wallTimeSec = (performance.now() - started) / 1000;
      let figures: SweepFigures | null = null;
      if (shard !== undefined) {
        writeShardFile(staged.staging, {
          kind: 'sweep',
          version: VERSION,
          ...shardSource(file, text, base),
          seed: options.seed ?? null,
          replications: options.replications ?? null,
          shard,
          contacts: false,
          charts: options.charts !== false,
          vary: options.vary,
          metrics: plan.metrics,
          tasks,
          results: done,
          wallTimeSec,
        });
      } else {
        figures = await writeSweepReport((n) => staged.path(n), plan, tasks, done, options.charts !== false);
      }
      return { folder: destination, variants: plan.variants.length, tasks: tasks.length, wallTimeSec, sharded: shard !== undefined, figures };
    },
    () => (finished > 0 ? messages.replicationsKept(finished) : undefined),
  );
  // Only once the sweep's folder is in place: until then, an interrupted sweep can resume.
  checkpoint?.remove();
  return { ...outcome, precisionLines };
}

/** Groups results by variant (all replications of each), writes the sweep's files and gives back the charted figures. */
export async function writeSweepReport(folder: (name: string) => string, plan: SweepPlan, tasks: readonly Task[], results: readonly ReplicationResult[], charts: boolean): Promise<SweepFigures> {
  const byVariant: ReplicationResult[][] = plan.variants.map(() => []);
  tasks.forEach((task, i) => byVariant[task.variant]!.push(results[i]!));
  const paths: MetricPath[] = plan.metrics.map((m) => parseMetricPath(m) as MetricPath);
  const variants = plan.variants.map((variant, v) => {
    const runs = byVariant[v]!.slice().sort((a, b) => a.replication - b.replication);
    return { index: variant.index, values: variant.values, label: variant.label, input: reportInput(variant.scenario, summarizeRun(runs)) };
  });
  const labels = intervalLabels(plan.variants[0]!.scenario);
  const charted = plan.metrics.map((name, m) => ({
    name,
    figures: variants.map((v) => metricEstimates(paths[m]!, v.input.summary, labels)[0]!),
  }));
  const base = plan.variants[0]!.scenario;
  await writeSweepFiles(folder, { scenario: base.name, seed: base.seed, replications: plan.replications, vary: plan.varies, variants, charted }, charts);
  return { varies: plan.varies, variants: plan.variants.map((v) => ({ index: v.index, values: v.values })), charted: charted.map((c) => ({ name: c.name, means: c.figures.map((f) => f.mean) })) };
}

/** Figures that are shares of something, printed as percentages. */
function isShare(figure: string): boolean {
  const metric = figure.split('@')[0]!.split('.').at(-1)!;
  return /^(serviceLevel|abandonRate|responseBreachRate|occupancy|utilization|level\d+)$/.test(metric);
}

function figureCell(figure: string, mean: number): string {
  if (!Number.isFinite(mean)) return '-';
  if (isShare(figure)) return `${(mean * 100).toFixed(1)}%`;
  const size = Math.abs(mean);
  return mean.toFixed(size >= 1000 ? 0 : size >= 10 ? 1 : 2);
}

/** A varied field's column: its last two segments (`email-desk.count`), the whole path when they would clash. */
function variedHeaders(varies: SweepFigures['varies']): string[] {
  const short = varies.map((v) => v.path.split('.').slice(-2).join('.'));
  return short.map((name, i) => (short.indexOf(name) === short.lastIndexOf(name) ? name : varies[i]!.path));
}

/**
 * The terminal's table of a sweep: a column per variant (headed by its number and varied
 * values), a row per charted figure's mean; split into several tables, each repeating the
 * row names, when the variants would not fit `width` characters.
 */
export function renderSweepTable(figures: SweepFigures, width = 100): string {
  const names = [...variedHeaders(figures.varies), ...figures.charted.map((c) => terminalText(c.name))];
  const columns = figures.variants.map((v, i) => [...v.values.map((x) => terminalText(String(x))), ...figures.charted.map((c) => figureCell(c.name, c.means[i]!))]);
  const widthOf = (cells: readonly string[]) => Math.max(...cells.map((c) => c.length)) + 2;
  const nameWidth = widthOf(['variant', ...names]);
  const tables: string[] = [];
  for (let start = 0; start < columns.length; ) {
    let end = start + 1;
    let used = nameWidth + widthOf([String(figures.variants[start]!.index), ...columns[start]!]);
    while (end < columns.length && used + widthOf([String(figures.variants[end]!.index), ...columns[end]!]) <= width) {
      used += widthOf([String(figures.variants[end]!.index), ...columns[end]!]);
      end++;
    }
    const header = ['variant', ...figures.variants.slice(start, end).map((v) => String(v.index))];
    tables.push(alignTable(header, names.map((name, row) => [name, ...columns.slice(start, end).map((column) => column[row]!)])));
    start = end;
  }
  return tables.join('\n\n');
}
