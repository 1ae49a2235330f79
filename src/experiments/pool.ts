// A small pool of worker threads for independent tasks (replications, sweep variants): tasks
// go to idle workers in order, results come back in task order, so the output never depends
// on the number of workers or their speed. Workers are started once and reused batch after
// batch until `close()`. A worker that throws or dies fails the whole batch with its message
// instead of hanging. Exports `WorkerPool` and the message shapes.
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

interface Batch<I, O, P> {
  readonly inputs: readonly I[];
  readonly outputs: O[];
  next: number;
  done: number;
  readonly onProgress: ((task: number, progress: P) => void) | undefined;
  readonly onDone: ((task: number, output: O) => void) | undefined;
  readonly resolve: (outputs: O[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Runs one task in the calling thread (the main thread works too, see `WorkerPool`); a runner
 * that returns a promise lets the thread answer other events (signals) while it works.
 */
export type LocalRunner<I, O, P> = (input: I, progress: (progress: P) => void) => O | Promise<O>;

/**
 * `size` executors: the calling thread is one of them (the local runner) and size − 1 worker
 * threads the others, so a batch of short tasks does not wait for extra threads to
 * start and warm up. A worker keeps a second task queued (it never idles waiting for the
 * calling thread to hand it the next) only while more tasks than executors are unassigned:
 * a task queued behind a running one at the end of a batch makes the batch wait for a whole
 * task while the calling thread idles. (A week of 10 replications on 2 threads took 46 s, not
 * 40 s, once the calling thread ran its share in slices and so became slightly slower than
 * the worker: 4 + 6 replications instead of 5 + 5.)
 */
export class WorkerPool<I, O, P = unknown> {
  private readonly workers: Worker[] = [];
  /** Tasks sent to each worker and not yet answered. */
  private readonly assigned = new Map<Worker, number>();
  private batch: Batch<I, O, P> | null = null;
  private closed = false;

  /**
   * `local` null: every task goes to `size` worker threads and the calling thread stays free
   * (a server that must keep answering while replications run).
   */
  constructor(
    private readonly script: URL,
    private readonly size: number,
    private readonly local: LocalRunner<I, O, P> | null,
  ) {}

  /** True once closed or aborted: a closed pool runs nothing more. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Runs every input on the workers and resolves with the outputs in input order. One batch
   * at a time. `onProgress` receives workers' progress messages with the task index.
   */
  run(inputs: readonly I[], onProgress?: (task: number, progress: P) => void, onDone?: (task: number, output: O) => void): Promise<O[]> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (this.batch !== null) return Promise.reject(new Error('worker pool is busy with another batch'));
    if (inputs.length === 0) return Promise.resolve([]);
    return new Promise<O[]>((resolve, reject) => {
      const batch: Batch<I, O, P> = { inputs, outputs: new Array<O>(inputs.length), next: 0, done: 0, onProgress, onDone, resolve, reject };
      this.batch = batch;
      const threads = this.local === null ? this.size : this.size - 1;
      while (this.workers.length < Math.min(threads, inputs.length)) this.workers.push(this.start());
      for (const worker of this.workers) this.assigned.set(worker, 0);
      for (const worker of this.workers) this.feed(worker);
      if (this.local !== null) this.runLocally(batch, this.local);
    });
  }

  /** The calling thread's share: one task at a time, yielding between tasks for the workers. */
  private runLocally(batch: Batch<I, O, P>, local: LocalRunner<I, O, P>): void {
    if (this.batch !== batch || batch.next >= batch.inputs.length) return;
    const id = batch.next++;
    let output: O | Promise<O>;
    try {
      output = local(batch.inputs[id]!, (progress) => batch.onProgress?.(id, progress));
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (output instanceof Promise) {
      output.then(
        (done) => {
          // An aborted or failed batch keeps nothing its local task finished afterwards.
          if (this.batch !== batch) return;
          this.finish(batch, id, done);
          setImmediate(() => this.runLocally(batch, local));
        },
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    this.finish(batch, id, output);
    setImmediate(() => this.runLocally(batch, local));
  }

  private finish(batch: Batch<I, O, P>, id: number, output: O): void {
    batch.outputs[id] = output;
    try {
      batch.onDone?.(id, output);
    } catch (error) {
      // A caller's failure (a checkpoint that cannot be saved) fails the batch, never the process.
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (++batch.done === batch.inputs.length) {
      this.batch = null;
      batch.resolve(batch.outputs);
    }
  }

  /** Stops every worker now (finished work is kept; running tasks are abandoned). */
  close(): void {
    this.closed = true;
    for (const worker of this.workers) void worker.terminate();
    this.assigned.clear();
    this.workers.length = 0;
  }

  /** Stops the batch under way: it rejects with `reason`, its workers are stopped and the pool closed. */
  abort(reason: Error): void {
    this.fail(reason);
  }

  private start(): Worker {
    const worker = new Worker(this.script);
    worker.on('message', (message: WorkerMessage<O, P>) => this.receive(worker, message));
    worker.on('error', (error) => this.fail(new WorkerTaskError(error.name, `a worker thread crashed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed && this.batch !== null) this.fail(new WorkerTaskError('WorkerExit', `a worker thread exited with code ${code} before finishing its task`));
    });
    return worker;
  }

  /** Gives the worker a task to run, and a second to queue while the batch's tail is far. */
  private feed(worker: Worker): void {
    const batch = this.batch;
    if (batch === null) return;
    let held = this.assigned.get(worker) ?? 0;
    while (batch.next < batch.inputs.length && (held === 0 || (held === 1 && batch.inputs.length - batch.next > this.size))) {
      const id = batch.next++;
      const message: TaskMessage<I> = { id, input: batch.inputs[id]! };
      worker.postMessage(message);
      held++;
    }
    this.assigned.set(worker, held);
  }

  private receive(worker: Worker, message: WorkerMessage<O, P>): void {
    const batch = this.batch;
    if (batch === null) return;
    if (message.kind === 'progress') {
      batch.onProgress?.(message.id, message.progress);
      return;
    }
    if (message.kind === 'error') {
      this.fail(new WorkerTaskError(message.name, message.message));
      return;
    }
    this.assigned.set(worker, (this.assigned.get(worker) ?? 1) - 1);
    this.finish(batch, message.id, message.output);
    if (this.batch === batch) this.feed(worker);
  }

  private fail(error: Error): void {
    const batch = this.batch;
    this.batch = null;
    this.close();
    batch?.reject(error);
  }
}
