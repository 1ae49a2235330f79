// Runs a scenario's replications in this thread (--jobs 1) or on a pool of worker threads,
// with the same results and the same log bytes either way: results are ordered by
// replication, logs are written per replication and joined in that order.
import { availableParallelism } from 'node:os';
import { runReplications } from '../experiments/run.js';
import { WorkerPool } from '../experiments/pool.js';
import { LogFiles, joinLogParts, logPartPaths } from '../report/logs.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';
import type { ReplicationProgress, ReplicationTask } from './replication-worker.js';

export interface LogRequest {
  /** Path of a file in the (staging) report folder. */
  readonly folder: (name: string) => string;
  readonly contacts: boolean;
}

export interface ExecuteOptions {
  readonly jobs?: number | undefined;
  readonly logs: LogRequest | null;
  readonly onProgress?: ((replication: number, simulatedSec: number, events: number) => void) | undefined;
  readonly onReplicationDone?: ((replication: number, events: number) => void) | undefined;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** The worker threads a run uses: no more than asked, than cores, or than replications. */
export function jobsFor(requested: number | undefined, tasks: number): number {
  return Math.max(1, Math.min(requested ?? defaultJobs(), tasks));
}

export async function executeReplications(scenario: Scenario, replications: readonly number[], options: ExecuteOptions): Promise<ReplicationResult[]> {
  const jobs = jobsFor(options.jobs, replications.length);
  const logs = options.logs;
  if (jobs === 1) {
    const files = logs === null ? null : new LogFiles(logs.contacts ? logs.folder('contacts.csv') : null, logs.folder('sessions.csv'));
    try {
      return runReplications(scenario, {
        only: replications,
        openLog: files === null ? undefined : () => files,
        onProgress: options.onProgress,
        onReplicationDone: (_done, _total, result) => options.onReplicationDone?.(result.replication, result.events),
      });
    } finally {
      files?.close();
    }
  }
  const tasks: ReplicationTask[] = replications.map((replication) => ({
    scenario,
    replication,
    logs: logs === null ? null : logPartPaths(logs.folder, replication, logs.contacts),
  }));
  const pool = new WorkerPool<ReplicationTask, ReplicationResult, ReplicationProgress>(new URL('./replication-worker.js', import.meta.url), jobs);
  const results = await pool.run(
    tasks,
    (task, progress) => options.onProgress?.(replications[task]!, progress.simulatedSec, progress.events),
    (task, output) => options.onReplicationDone?.(replications[task]!, output.events),
  );
  if (logs !== null) joinLogParts(logs.folder, replications, logs.contacts);
  return results;
}
