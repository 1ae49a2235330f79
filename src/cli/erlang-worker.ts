// Worker-thread entry of `osh-sim erlang --target`: a staffing search on a huge load (Erlang A
// with long patience) can take minutes of one synchronous call, so it runs here and the main
// thread stays free to hear Ctrl-C and SIGTERM and end it at once.
import { parentPort, workerData } from 'node:worker_threads';
import { type ErlangOptions, erlangReport } from './erlang-command.js';

export type ErlangWorkerMessage = { readonly text: string } | { readonly error: { readonly name: string; readonly message: string } };

const port = parentPort;
if (port === null) throw new Error('erlang-worker.js runs only as a worker thread');
let message: ErlangWorkerMessage;
try {
  message = { text: erlangReport(workerData as ErlangOptions) };
} catch (error) {
  const e = error instanceof Error ? error : new Error(String(error));
  message = { error: { name: e.name, message: e.message } };
}
port.postMessage(message);
