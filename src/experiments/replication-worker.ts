// Worker-thread entry: runs replication tasks and posts their figures back (log rows go to
// the task's part files, joined by the main thread in replication order).
import { parentPort } from 'node:worker_threads';
import type { TaskMessage, WorkerMessage } from './pool.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { type ReplicationProgress, type ReplicationTask, runReplicationTask } from './replication-task.js';

const port = parentPort;
if (port === null) throw new Error('replication-worker.js runs only as a worker thread');

// Fault injection for the tests of how a run survives a dying worker (never set otherwise).
const fault = process.env['OSH_SIM_FAULT'];

port.on('message', (task: TaskMessage<ReplicationTask>) => {
  if (fault === 'worker-exit') process.exit(70);
  if (fault === 'worker-throw') {
    // Uncaught, outside the task's try: as a bug in a library or the runtime would surface.
    setImmediate(() => {
      throw new Error('injected fault');
    });
    return;
  }
  const send = (message: WorkerMessage<ReplicationResult, ReplicationProgress>) => port.postMessage(message);
  try {
    const output = runReplicationTask(task.input, (progress) => send({ id: task.id, kind: 'progress', progress }));
    send({ id: task.id, kind: 'result', output });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ id: task.id, kind: 'error', name: e.name, message: e.message });
  }
});
