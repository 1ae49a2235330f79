// One replication as a task, the same wherever it runs (a worker thread or the main thread):
// simulate, writing the replication's log rows into its part files (through report/'s
// writer) when asked. Exports `runReplicationTask`, its message shapes and `REPLICATION_WORKER`,
// the worker-thread entry that runs it.
import { simulate, simulateInSlices } from '../center/simulate.js';
import { LogFiles } from '../report/logs.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';

export interface ReplicationTask {
  readonly scenario: Scenario;
  readonly replication: number;
  /** Part files for this replication's logs, or null for no logs. */
  readonly logs: { readonly contacts: string | null; readonly sessions: string } | null;
  readonly detail?: 'full' | 'figures';
}

/** The compiled worker entry beside this module (dist/experiments/replication-worker.js). */
export const REPLICATION_WORKER = new URL('./replication-worker.js', import.meta.url);

export interface ReplicationProgress {
  readonly simulatedSec: number;
  readonly events: number;
}

export function runReplicationTask(task: ReplicationTask, progress: (p: ReplicationProgress) => void): ReplicationResult {
  const { scenario, replication, logs } = task;
  const log = logs === null ? undefined : new LogFiles(logs.contacts, logs.sessions, false, scenario.skillsWritten);
  try {
    return simulate(scenario, replication, { log, detail: task.detail, onProgress: (simulatedSec, events) => progress({ simulatedSec, events }) });
  } finally {
    log?.close();
  }
}

/** Lets the event loop run (signal handlers, workers' messages) between slices of a replication. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The same task in slices, for the main thread: it keeps hearing Ctrl-C and SIGTERM, and the
 * workers' messages, while its replication runs.
 */
export async function runReplicationTaskInSlices(task: ReplicationTask, progress: (p: ReplicationProgress) => void): Promise<ReplicationResult> {
  const { scenario, replication, logs } = task;
  const log = logs === null ? undefined : new LogFiles(logs.contacts, logs.sessions, false, scenario.skillsWritten);
  try {
    return await simulateInSlices(scenario, replication, { log, detail: task.detail, onProgress: (simulatedSec, events) => progress({ simulatedSec, events }) }, pause);
  } finally {
    log?.close();
  }
}
