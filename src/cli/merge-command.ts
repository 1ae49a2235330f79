// `osh-sim merge <dirs…>`: the shards of one run or sweep (written with --shard i/n) become
// exactly what the unsharded command writes: their replications' figures are put back in
// order and summarised once, their log parts joined in replication order.
import { join } from 'node:path';
import { InputError, type InputIssue } from '../errors.js';
import { type Task, sweepTasks } from '../experiments/sweep.js';
import { joinParts } from '../report/csv.js';
import { SESSION_COLUMNS, contactColumns, logPartPaths } from '../report/logs.js';
import { inStagedFolder } from './staged.js';
import { type ShardRecord, readShardFile } from '../report/shard-file.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { defaultFolder, loadScenarioText, traceFingerprints, writeRunReport } from './run-command.js';
import type { Scenario } from '../scenario/model.js';
import { planSweepCommand, writeSweepReport } from './sweep-command.js';
import * as messages from './messages.js';

export interface MergeOutcome {
  readonly folder: string;
  readonly kind: 'run' | 'sweep';
  readonly shards: number;
  readonly tasks: number;
}

function checkShards(dirs: readonly string[], shards: readonly ShardRecord[]): void {
  const issues: InputIssue[] = [];
  const first = shards[0]!;
  shards.forEach((s, i) => {
    const where = dirs[i]!;
    if (s.kind !== first.kind) issues.push({ path: where, message: messages.shardOfOtherKind(s.kind, dirs[0]!, first.kind) });
    if (s.scenarioSha256 !== first.scenarioSha256) issues.push({ path: where, message: messages.shardOfOtherScenario(dirs[0]!) });
    else if (JSON.stringify(s.tracesSha256) !== JSON.stringify(first.tracesSha256)) issues.push({ path: where, message: messages.shardOfOtherTraces(dirs[0]!) });
    if (s.shard.count !== first.shard.count) issues.push({ path: where, message: messages.shardOfOtherCount(s.shard.index, s.shard.count, dirs[0]!, first.shard.count) });
    if (JSON.stringify([s.seed, s.replications, s.vary, s.metrics, s.contacts]) !== JSON.stringify([first.seed, first.replications, first.vary, first.metrics, first.contacts])) {
      issues.push({ path: where, message: messages.shardWithOtherOptions(dirs[0]!) });
    }
  });
  const seen = new Map<number, string>();
  shards.forEach((s, i) => {
    const before = seen.get(s.shard.index);
    if (before !== undefined) issues.push({ path: dirs[i]!, message: messages.shardTwice(s.shard.index, s.shard.count, before) });
    seen.set(s.shard.index, dirs[i]!);
  });
  for (let i = 1; i <= first.shard.count; i++) if (!seen.has(i)) issues.push({ path: '', message: messages.shardMissing(i, first.shard.count) });
  if (issues.length > 0) throw new InputError('osh-sim merge', issues);
}

/** The traces read now beside the scenario must be those the shards replayed. */
function checkTraces(shard: ShardRecord, scenario: Scenario): void {
  if (JSON.stringify(traceFingerprints(scenario)) !== JSON.stringify(shard.tracesSha256)) {
    throw new InputError(shard.scenarioPath, [{ path: 'channels', message: messages.traceChangedSinceShards() }]);
  }
}

export async function mergeShards(dirs: readonly string[], options: { out?: string; charts?: boolean; traceRoot?: string[] }, command: string): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new InputError('osh-sim merge', [{ path: '', message: messages.mergeNeedsFolders() }]);
  const shards = dirs.map(readShardFile);
  checkShards(dirs, shards);
  const order = shards.map((s, i) => ({ s, dir: dirs[i]! })).sort((a, b) => a.s.shard.index - b.s.shard.index);
  const first = order[0]!.s;
  const overrides = { seed: first.seed ?? undefined, replications: first.replications ?? undefined, traceRoot: options.traceRoot };
  const charts = first.charts && options.charts !== false;
  const tasks: Task[] = order.flatMap(({ s }) => s.tasks);
  const results: ReplicationResult[] = order.flatMap(({ s }) => s.results);
  const wallTimeSec = order.reduce((sum, { s }) => sum + s.wallTimeSec, 0);

  if (first.kind === 'run') {
    // Traces are read beside the scenario's absolute path; the report names it as the shards did.
    const loaded = { ...loadScenarioText(first.scenarioPath, first.scenarioText, overrides), file: first.scenarioFile };
    checkTraces(first, loaded.scenario);
    const expected = Array.from({ length: loaded.scenario.replications }, (_, r) => r);
    if (JSON.stringify(tasks.map((t) => t.replication)) !== JSON.stringify(expected)) {
      throw new InputError('osh-sim merge', [{ path: '', message: messages.shardsMissReplications(expected.length) }]);
    }
    const destination = options.out ?? defaultFolder(loaded.scenario, 'run');
    await inStagedFolder(destination, 'merge', async (staged) => {
      const partsOf = (kind: 'contacts' | 'sessions') =>
        order.flatMap(({ s, dir }) => s.tasks.map((t) => logPartPaths((name) => join(dir, name), t.replication, true)[kind]!));
      if (first.contacts) joinParts(staged.path('contacts.csv'), contactColumns(loaded.scenario.skillsWritten), partsOf('contacts'));
      joinParts(staged.path('sessions.csv'), SESSION_COLUMNS, partsOf('sessions'));
      await writeRunReport(staged, loaded, results, { command, jobs: 0, wallTimeSec, charts });
    }, undefined, dirs);
    return { folder: destination, kind: 'run', shards: shards.length, tasks: tasks.length };
  }

  const plan = { ...planSweepCommand(first.scenarioPath, first.scenarioText, first.vary, first.metrics, overrides), file: first.scenarioFile };
  checkTraces(first, plan.variants[0]!.scenario);
  const expected = sweepTasks(plan.variants.length, plan.replications);
  if (JSON.stringify(tasks) !== JSON.stringify(expected)) {
    throw new InputError('osh-sim merge', [{ path: '', message: messages.shardsMissSweepTasks() }]);
  }
  const destination = options.out ?? defaultFolder(plan.variants[0]!.scenario, 'sweep');
  await inStagedFolder(destination, 'merge', async (staged) => {
    await writeSweepReport((n) => staged.path(n), plan, tasks, results, charts);
  }, undefined, dirs);
  return { folder: destination, kind: 'sweep', shards: shards.length, tasks: tasks.length };
}
