// `osh-sim capacity <scenario>`: the fewest agents per group and interval meeting every target,
// by simulation from the Erlang C estimate, then the whole plan run as a plain run: its report
// folder (with capacity.csv, a chart of both curves and a capacity line in report.html).
import { InputError } from '../errors.js';
import { type CapacityPlan, TargetsUnreachable, planCapacity } from '../experiments/capacity.js';
import type { SimulatingOptions } from './options.js';
import { writeCapacityFile } from '../report/capacity-files.js';
import { preloadRenderer } from '../report/render.js';
import { type Scenario, intervalLabels } from '../scenario/model.js';
import { executeTasks, jobsFor, replicationPool } from './execute.js';
import { type LoadedScenario, defaultFolder, writeRunReport } from './run-command.js';
import { inStagedFolder } from './staged.js';
import * as messages from './messages.js';

export interface CapacityCommandOptions extends SimulatingOptions {
  confidence?: number;
  shrinkage?: number;
}

export interface CapacityOutcome {
  readonly folder: string;
  readonly plan: CapacityPlan;
  readonly wallTimeSec: number;
}

export async function runCapacity(loaded: LoadedScenario, options: CapacityCommandOptions, command: string): Promise<CapacityOutcome> {
  const scenario = loaded.scenario;
  const hasTargets = scenario.channels.some((c) => c.serviceLevel.target !== null || c.responseTarget !== null);
  if (!hasTargets) {
    throw new InputError(loaded.file, [{ path: 'channels', message: messages.noTargetToPlanFor() }]);
  }
  const destination = options.out ?? defaultFolder(scenario, 'capacity');
  return inStagedFolder(destination, 'capacity', async (staged) => {
    const started = performance.now();
    if (options.charts !== false) preloadRenderer();
    const jobs = jobsFor(options.jobs, scenario.replications);
    const pool = jobs > 1 ? replicationPool(jobs) : undefined;
    const evaluate = (candidate: Scenario, detail: 'figures' | 'full') =>
      executeTasks(
        Array.from({ length: candidate.replications }, (_, replication) => ({ scenario: candidate, replication, detail })),
        { jobs, logs: null, pool },
      );
    let plan: CapacityPlan;
    try {
      plan = await planCapacity(scenario, evaluate, {
        confidence: options.confidence ?? null,
        shrinkage: options.shrinkage ?? 0,
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
      groups: scenario.groups.map((g) => g.name),
      erlangC: plan.erlangC,
      required: plan.required,
      scheduled: plan.scheduled,
      planned: plan.planned,
      verdicts: plan.verdicts,
    });
    await writeRunReport(staged, { ...loaded, scenario: plan.scenario }, plan.results, { command, jobs, wallTimeSec, charts: options.charts !== false });
    return { folder: destination, plan, wallTimeSec };
  });
}
