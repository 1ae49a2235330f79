// `osh-sim capacity <scenario>`: the fewest agents per group and interval meeting every target,
// by simulation from the Erlang C estimate, then the whole plan run as a plain run: its report
// folder (with capacity.csv, a chart of both curves and a capacity line in report.html).
import { InputError } from '../errors.js';
import { type CapacityPlan, type SequentialSearch, TargetsUnreachable, planCapacity, targetsOf } from '../experiments/capacity.js';
import { PRECISION_STEP } from '../experiments/precision.js';
import { precisionRequest, resolvedBounds } from './precision.js';
import type { SimulatingOptions } from './options.js';
import { writeCapacityFile } from '../report/capacity-files.js';
import { type Scenario, intervalDates, intervalLabels } from '../scenario/model.js';
import { executeTasks, jobsFor, replicationPool, workerStartFor } from './execute.js';
import { type LoadedScenario, defaultFolder, writeRunReport } from './run-command.js';
import { inStagedFolder } from './staged.js';
import * as messages from './messages.js';

export interface CapacityCommandOptions extends SimulatingOptions {
  confidence?: number;
  shrinkage?: number;
  maxOccupancy?: number;
}

export interface CapacityOutcome {
  readonly folder: string;
  readonly plan: CapacityPlan;
  readonly wallTimeSec: number;
}

/** Replications a search candidate is first judged on (fewer if the scenario asks for fewer). */
const SEARCH_MINIMUM = 5;

/**
 * The search judges each candidate on as few replications as make its verdict clear, up to
 * the scenario's replications; with --precision, up to --max-replications or until the named
 * target figures are that precise.
 */
export function sequentialSearch(scenario: Scenario, options: CapacityCommandOptions): SequentialSearch {
  const request = precisionRequest(options);
  if (request === null) return { minimum: Math.min(SEARCH_MINIMUM, scenario.replications), step: PRECISION_STEP, maximum: scenario.replications };
  const resolved = resolvedBounds(request, scenario, '--precision');
  const halfWidth = new Map<string, { value: number; relative: boolean }>();
  for (const r of resolved) for (const figure of r.figures) halfWidth.set(figure, { value: r.bound.value, relative: r.bound.relative });
  return { minimum: request.rule.minimum, step: PRECISION_STEP, maximum: request.rule.maximum, halfWidth };
}

export async function runCapacity(loaded: LoadedScenario, options: CapacityCommandOptions, command: string): Promise<CapacityOutcome> {
  const scenario = loaded.scenario;
  if (targetsOf(scenario, options.maxOccupancy ?? null).length === 0) {
    throw new InputError(loaded.file, [{ path: 'channels', message: messages.noTargetToPlanFor() }]);
  }
  const sequential = sequentialSearch(scenario, options);
  const destination = options.out ?? defaultFolder(scenario, 'capacity');
  return inStagedFolder(destination, 'capacity', async (staged) => {
    const started = performance.now();
    const jobs = jobsFor(options.jobs, scenario.replications);
    const pool = jobs > 1 ? replicationPool(jobs, false, workerStartFor(options.jobs)) : undefined;
    const evaluate = (candidate: Scenario, detail: 'figures' | 'full', replications?: readonly number[]) =>
      executeTasks(
        (replications ?? Array.from({ length: candidate.replications }, (_, r) => r)).map((replication) => ({ scenario: candidate, replication, detail })),
        { jobs, logs: null, pool },
      );
    let plan: CapacityPlan;
    try {
      plan = await planCapacity(scenario, evaluate, {
        confidence: options.confidence ?? null,
        shrinkage: options.shrinkage ?? 0,
        maxOccupancy: options.maxOccupancy ?? null,
        sequential,
      });
    } catch (error) {
      if (error instanceof TargetsUnreachable) {
        const at = intervalLabels(scenario)[error.interval];
        throw new InputError(loaded.file, error.targets.map((path) => ({ path, message: messages.targetsUnreachable(String(at), error.message) })));
      }
      throw error;
    } finally {
      pool?.close();
    }
    const wallTimeSec = (performance.now() - started) / 1000;
    writeCapacityFile((name) => staged.path(name), {
      labels: intervalLabels(scenario),
      dates: intervalDates(scenario),
      groups: scenario.groups.map((g) => g.name),
      erlangC: plan.erlangC,
      required: plan.required,
      scheduled: plan.scheduled,
      planned: plan.planned,
      verdicts: plan.verdicts,
      binding: plan.binding,
      shrinkage: plan.shrinkage,
      rostered: scenario.groups.map((g) => g.staffing),
      oshOff: plan.split?.oshOffAgents ?? null,
    });
    await writeRunReport(staged, { ...loaded, scenario: plan.scenario }, plan.results, { command, jobs, wallTimeSec, charts: options.charts !== false });
    return { folder: destination, plan, wallTimeSec };
  });
}
