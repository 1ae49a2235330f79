// A small pool of worker threads for independent tasks (replications, sweep variants): tasks
// go to idle workers in order, results come back in task order, so the output never depends
// on the number of workers or their speed. Workers are started once (at once, or when the
// work left is worth their start) and reused batch after batch until `close()`. A worker that
// throws or dies fails the whole batch with its message instead of hanging. Exports
// `WorkerPool`, `WorkerStart`, `WORKER_START_SEC` and the message shapes.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/**
 * When a pool's worker threads start: `at-once` with the first batch, or `when-worth-it`: the
 * calling thread starts the work alone, and the workers start once a task of its own has run
 * longer than a worker's start costs, or, from its third task on, once the tasks not yet
 * begun, shared among the threads at the pace of its last one, would save more than that.
 * (Its first tasks are no measure of the pace: they pay the code's warm-up, the default day's
 * first replication ten times a later one's, and a worker pays it again.)
 */
export type WorkerStart = 'at-once' | 'when-worth-it';

/**
 * What starting the worker threads costs a run, s: a thread's start, its modules, and its own
 * first task's warm-up, while it slows the calling thread on a 2-core machine. Measured there:
 * the default day's 10 replications (the first 0.27 s, the third on 0.01-0.04 s) took 0.82 s
 * on two threads against 0.60 s on one, and a month of 3 replications (0.73, 0.45, 0.26 s)
 * 2.2 s against 2.0 s.
 */
export const WORKER_START_SEC = 0.5;
/** Local tasks done before their pace is taken as the pace of the rest (the default day's: 0.27, 0.11, 0.03 s). */
const WARM_UP_TASKS = 3;

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
  /** The calling thread's finished tasks, and the last one's time, s: the pace, for `when-worth-it`. */
  private localTasks = 0;
  private lastLocalSec = 0;
  /** Wakes the pool when the running local task alone has made the workers worth starting. */
  private startTimer: NodeJS.Timeout | null = null;

  /**
   * `local` null: every task goes to `size` worker threads and the calling thread stays free
   * (a server that must keep answering while replications run); their start is then at once.
   */
  constructor(
    private readonly script: URL,
    private readonly size: number,
    private readonly local: LocalRunner<I, O, P> | null,
    private readonly workerStart: WorkerStart = 'at-once',
  ) {}

  /** Threads that have run tasks or may: the calling thread (unless `local` is null) and the workers started. */
  get threads(): number {
    return this.workers.length + (this.local === null ? 0 : 1);
  }

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
      if (this.local === null || this.workerStart === 'at-once' || this.workers.length > 0 || this.worthStarting(batch)) this.startWorkers(batch);
      if (this.local !== null) this.runLocally(batch, this.local);
    });
  }

  /** The batch's workers (started if need be) each given their first tasks. */
  private startWorkers(batch: Batch<I, O, P>): void {
    this.stopStartTimer();
    const threads = this.local === null ? this.size : this.size - 1;
    while (this.workers.length < Math.min(threads, batch.inputs.length - batch.next)) this.workers.push(this.start());
    for (const worker of this.workers) this.assigned.set(worker, 0);
    for (const worker of this.workers) this.feed(worker);
  }

  /**
   * Whether the tasks not yet begun, shared among the pool's threads at the pace of the calling
   * thread's last task, save more than starting the workers costs (from its third task on).
   */
  private worthStarting(batch: Batch<I, O, P>): boolean {
    const waiting = batch.inputs.length - batch.next;
    return this.localTasks >= WARM_UP_TASKS && waiting * this.lastLocalSec * (1 - 1 / this.size) > WORKER_START_SEC;
  }

  /** While the workers wait to start: they start if the running local task outlasts their start. */
  private armStartTimer(batch: Batch<I, O, P>): void {
    this.stopStartTimer();
    if (batch.inputs.length - batch.next === 0) return;
    this.startTimer = setTimeout(() => {
      this.startTimer = null;
      if (this.batch === batch && this.workers.length === 0 && batch.next < batch.inputs.length) this.startWorkers(batch);
    }, 1000 * WORKER_START_SEC);
  }

  private stopStartTimer(): void {
    if (this.startTimer !== null) clearTimeout(this.startTimer);
    this.startTimer = null;
  }

  /** The calling thread's share: one task at a time, yielding between tasks for the workers. */
  private runLocally(batch: Batch<I, O, P>, local: LocalRunner<I, O, P>): void {
    if (this.batch !== batch || batch.next >= batch.inputs.length) return;
    const id = batch.next++;
    const waitingForWorkers = this.workerStart === 'when-worth-it' && this.workers.length === 0;
    const began = performance.now();
    if (waitingForWorkers) this.armStartTimer(batch);
    const ended = (): void => {
      this.localTasks++;
      this.lastLocalSec = (performance.now() - began) / 1000;
      if (!waitingForWorkers) return;
      // The timer was this task's: the next local task arms its own.
      this.stopStartTimer();
      if (this.batch === batch && this.workers.length === 0 && this.worthStarting(batch)) this.startWorkers(batch);
    };
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
          ended();
          this.finish(batch, id, done);
          setImmediate(() => this.runLocally(batch, local));
        },
        (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    ended();
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
      this.stopStartTimer();
      batch.resolve(batch.outputs);
    }
  }

  /** Stops every worker now (finished work is kept; running tasks are abandoned). */
  close(): void {
    this.closed = true;
    this.stopStartTimer();
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
