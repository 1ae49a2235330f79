// Worker-thread entry: runs one replication per task and posts its figures back. With a log
// requested it writes the replication's rows into part files of the staging folder, which
// the main thread joins in replication order, so any number of workers gives the same bytes.
import { parentPort } from 'node:worker_threads';
import { simulate } from '../center/simulate.js';
import type { TaskMessage, WorkerMessage } from '../experiments/pool.js';
import { LogFiles } from '../report/logs.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';

export interface ReplicationTask {
  readonly scenario: Scenario;
  readonly replication: number;
  /** Part files for this replication's logs, or null for no logs. */
  readonly logs: { readonly contacts: string | null; readonly sessions: string } | null;
}

export interface ReplicationProgress {
  readonly simulatedSec: number;
  readonly events: number;
}

const port = parentPort;
if (port === null) throw new Error('replication-worker.js runs only as a worker thread');

port.on('message', (task: TaskMessage<ReplicationTask>) => {
  const send = (message: WorkerMessage<ReplicationResult, ReplicationProgress>) => port.postMessage(message);
  try {
    const { scenario, replication, logs } = task.input;
    const log = logs === null ? undefined : new LogFiles(logs.contacts, logs.sessions, false);
    const output = simulate(scenario, replication, {
      log,
      onProgress: (simulatedSec, events) => send({ id: task.id, kind: 'progress', progress: { simulatedSec, events } }),
    });
    log?.close();
    send({ id: task.id, kind: 'result', output });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ id: task.id, kind: 'error', name: e.name, message: e.message });
  }
});
