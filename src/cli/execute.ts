// Runs replications — of one scenario, or of a sweep's variants — in this thread (--jobs 1) or
// on a pool of worker threads, with the same results and the same log bytes either way:
// results come back in task order, logs are written per replication and joined in order.
import { availableParallelism } from 'node:os';
import { simulateInSlices } from '../center/simulate.js';
import { WorkerPool, type WorkerStart } from '../experiments/pool.js';
import { LogFiles, joinLogParts, logPartPaths } from '../report/logs.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { whenInterrupted } from './interrupts.js';
import { REPLICATION_WORKER, type ReplicationProgress, type ReplicationTask, runReplicationTaskInSlices } from '../experiments/replication-task.js';

export interface LogRequest {
  /** Path of a file in the (staging) report folder. */
  readonly folder: (name: string) => string;
  readonly contacts: boolean;
  /** Join the replications' rows into contacts.csv and sessions.csv, or keep one part each (a shard). */
  readonly join: boolean;
}

export interface SimulationTask {
  readonly scenario: Scenario;
  readonly replication: number;
  /** `figures` for sweeps and capacity: tables only (see simulate). */
  readonly detail?: 'full' | 'figures';
}

export interface ExecuteOptions {
  readonly jobs?: number | undefined;
  /** When a pool made for this call starts its workers (at once unless said). */
  readonly workerStart?: WorkerStart | undefined;
  /** Told, once the tasks are done, how many threads ran them (workers that never started not counted). */
  readonly onThreads?: ((threads: number) => void) | undefined;
  /** A pool kept across calls (capacity searches run many small batches); else one per call. */
  readonly pool?: ReplicationPool | undefined;
  readonly logs: LogRequest | null;
  readonly onProgress?: ((task: number, simulatedSec: number, events: number) => void) | undefined;
  readonly onTaskDone?: ((task: number, result: ReplicationResult) => void) | undefined;
  /** Aborting it stops the replications under way; the call rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Every replication on a worker thread, none on this one (a server keeps answering meanwhile). */
  readonly workersOnly?: boolean | undefined;
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** The worker threads a run uses: no more than asked, than cores, or than tasks. */
export function jobsFor(requested: number | undefined, tasks: number): number {
  return Math.max(1, Math.min(requested ?? defaultJobs(), defaultJobs(), tasks));
}

export type ReplicationPool = WorkerPool<ReplicationTask, ReplicationResult, ReplicationProgress>;

/**
 * `jobs` executors: this thread and jobs − 1 worker threads, or (`workersOnly`) jobs worker
 * threads. The workers start at once when the threads were asked for (`--jobs`); by default,
 * when the work left is worth their start (the default day's ten replications are not).
 */
export function replicationPool(jobs: number, workersOnly = false, workerStart: WorkerStart = 'at-once'): ReplicationPool {
  // The main thread's share runs in slices: Ctrl-C and SIGTERM are heard mid-replication.
  return new WorkerPool<ReplicationTask, ReplicationResult, ReplicationProgress>(
    REPLICATION_WORKER,
    jobs,
    workersOnly ? null : runReplicationTaskInSlices,
    workerStart,
  );
}

/** When the workers of a run's pool start: at once if `--jobs` asked for them, else when worth it. */
export function workerStartFor(requested: number | undefined): WorkerStart {
  return requested === undefined ? 'when-worth-it' : 'at-once';
}

export async function executeTasks(tasks: readonly SimulationTask[], options: ExecuteOptions): Promise<ReplicationResult[]> {
  const jobs = jobsFor(options.jobs, tasks.length);
  const logs = options.logs;
  options.signal?.throwIfAborted();
  if (jobs === 1 && options.workersOnly !== true) {
    const results = await runHere(tasks, options);
    options.onThreads?.(1);
    return results;
  }
  const inputs: ReplicationTask[] = tasks.map((task) => ({
    scenario: task.scenario,
    replication: task.replication,
    logs: logs === null ? null : logPartPaths(logs.folder, task.replication, logs.contacts),
    detail: task.detail ?? 'full',
  }));
  const pool = options.pool ?? replicationPool(jobs, options.workersOnly === true, options.workerStart);
  const forget = whenInterrupted(() => pool.close());
  const signal = options.signal;
  const abort = () => pool.abort(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
  signal?.addEventListener('abort', abort, { once: true });
  let results: ReplicationResult[];
  let threads: number;
  try {
    results = await pool.run(
      inputs,
      (task, progress) => options.onProgress?.(task, progress.simulatedSec, progress.events),
      (task, output) => options.onTaskDone?.(task, output),
    );
    // Counted before a pool made for this call is closed (its workers gone).
    threads = pool.threads;
  } finally {
    forget();
    signal?.removeEventListener('abort', abort);
    if (options.pool === undefined) pool.close();
  }
  if (logs !== null && logs.join) joinLogParts(logs.folder, tasks.map((t) => t.replication), logs.contacts, tasks[0]?.scenario.skillsWritten === true);
  options.onThreads?.(threads);
  return results;
}

/** In this thread, one replication after another, yielding between them so Ctrl-C is heard. */
async function runHere(tasks: readonly SimulationTask[], options: ExecuteOptions): Promise<ReplicationResult[]> {
  const logs = options.logs;
  // Joined logs are written straight into their files; a shard keeps one part per replication.
  const skills = tasks[0]?.scenario.skillsWritten === true;
  const shared = logs !== null && logs.join ? new LogFiles(logs.contacts ? logs.folder('contacts.csv') : null, logs.folder('sessions.csv'), true, skills) : null;
  const results: ReplicationResult[] = [];
  try {
    for (let index = 0; index < tasks.length; index++) {
      const task = tasks[index]!;
      if (index > 0) await new Promise((resolve) => setImmediate(resolve));
      options.signal?.throwIfAborted();
      let own: LogFiles | null = null;
      if (logs !== null && !logs.join) {
        const parts = logPartPaths(logs.folder, task.replication, logs.contacts);
        own = new LogFiles(parts.contacts, parts.sessions, false, skills);
      }
      // In slices, so Ctrl-C, SIGTERM and a cancelled run are heard within milliseconds.
      const result = await simulateInSlices(
        task.scenario,
        task.replication,
        {
          log: shared ?? own ?? undefined,
          detail: task.detail,
          onProgress: options.onProgress === undefined ? undefined : (t, events) => options.onProgress!(index, t, events),
        },
        async () => {
          await new Promise((resolve) => setImmediate(resolve));
          options.signal?.throwIfAborted();
        },
      );
      own?.close();
      results.push(result);
      options.onTaskDone?.(index, result);
    }
  } finally {
    shared?.close();
  }
  return results;
}
