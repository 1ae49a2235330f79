// A small pool of worker threads for independent tasks (replications, sweep variants): tasks
// go to idle workers in order, results come back in task order, so the output never depends
// on the number of workers or their speed. A worker that throws or dies fails the whole
// batch with its message instead of hanging. Exports `WorkerPool` and the message shapes.
import { Worker } from 'node:worker_threads';

/** Main → worker. */
export interface TaskMessage<I> {
  readonly id: number;
  readonly input: I;
}

/** Worker → main: a result, an error, or progress while a task runs. */
export type WorkerMessage<O, P> =
  | { readonly id: number; readonly kind: 'result'; readonly output: O }
  | { readonly id: number; readonly kind: 'error'; readonly name: string; readonly message: string }
  | { readonly id: number; readonly kind: 'progress'; readonly progress: P };

/** A task's failure inside a worker, carrying the worker's error class name and message. */
export class WorkerTaskError extends Error {
  readonly errorName: string;
  constructor(errorName: string, message: string) {
    super(message);
    this.name = 'WorkerTaskError';
    this.errorName = errorName;
  }
}

export class WorkerPool<I, O, P = unknown> {
  private readonly workers: Worker[] = [];
  private closed = false;

  constructor(
    private readonly script: URL,
    private readonly size: number,
  ) {}

  /**
   * Runs every input on the workers and resolves with the outputs in input order.
   * `onProgress` receives workers' progress messages with the task index.
   */
  run(inputs: readonly I[], onProgress?: (task: number, progress: P) => void, onDone?: (task: number, output: O) => void): Promise<O[]> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const outputs = new Array<O>(inputs.length);
    let next = 0;
    let done = 0;
    return new Promise<O[]>((resolve, reject) => {
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        this.close();
        reject(error);
      };
      const feed = (worker: Worker) => {
        if (failed) return;
        if (next >= inputs.length) return;
        const id = next++;
        const message: TaskMessage<I> = { id, input: inputs[id]! };
        worker.postMessage(message);
      };
      const count = Math.max(1, Math.min(this.size, inputs.length));
      if (inputs.length === 0) {
        resolve(outputs);
        return;
      }
      for (let w = 0; w < count; w++) {
        const worker = new Worker(this.script);
        this.workers.push(worker);
        worker.on('message', (message: WorkerMessage<O, P>) => {
          if (message.kind === 'progress') {
            onProgress?.(message.id, message.progress);
            return;
          }
          if (message.kind === 'error') {
            fail(new WorkerTaskError(message.name, message.message));
            return;
          }
          outputs[message.id] = message.output;
          onDone?.(message.id, message.output);
          if (++done === inputs.length) {
            this.close();
            resolve(outputs);
          } else {
            feed(worker);
          }
        });
        worker.on('error', (error) => fail(new WorkerTaskError(error.name, `a worker thread crashed: ${error.message}`)));
        worker.on('exit', (code) => {
          if (!this.closed && done < inputs.length) fail(new WorkerTaskError('WorkerExit', `a worker thread exited with code ${code} before finishing its task`));
        });
        feed(worker);
      }
    });
  }

  /** Stops every worker now (finished work is kept; running tasks are abandoned). */
  close(): void {
    this.closed = true;
    for (const worker of this.workers) void worker.terminate();
    this.workers.length = 0;
  }
}
