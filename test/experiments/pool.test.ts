import { describe, expect, it } from 'vitest';
import { WORKER_START_SEC, WorkerPool } from '../../src/experiments/pool.js';

const WORKER = new URL('./fixtures/gated-worker.mjs', import.meta.url);

interface GatedTask {
  readonly task: number;
  readonly gates: SharedArrayBuffer;
}

/** Waits (polling the event loop) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

/** A pool of the calling thread and one gated worker; the test opens gates and finishes local tasks. */
function gatedPool(tasks: number) {
  const gates = new SharedArrayBuffer(4 * tasks);
  const cells = new Int32Array(gates);
  const local: number[] = [];
  const finishLocal: (() => void)[] = [];
  const done: string[] = [];
  const pool = new WorkerPool<GatedTask, string>(WORKER, 2, (input) => {
    local.push(input.task);
    return new Promise<string>((resolve) => finishLocal.push(() => resolve(`local:${input.task}`)));
  });
  const inputs = Array.from({ length: tasks }, (_, task) => ({ task, gates }));
  const result = pool.run(inputs, undefined, (_, output) => done.push(output));
  const openGate = (task: number) => {
    Atomics.store(cells, task, 1);
    Atomics.notify(cells, task);
  };
  return { pool, local, finishLocal, done, result, openGate };
}

describe('WorkerPool', () => {
  it('returns outputs in task order whoever ran them', async () => {
    const { pool, finishLocal, result, openGate } = gatedPool(4);
    try {
      for (let task = 0; task < 4; task++) openGate(task);
      await until(() => finishLocal.length > 0);
      while (finishLocal.length > 0) {
        finishLocal.shift()!();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const outputs = await result;
      expect(outputs.map((o) => o.split(':')[1])).toEqual(['0', '1', '2', '3']);
    } finally {
      pool.close();
    }
  });

  it('leaves the tail of a batch to the calling thread rather than queue it behind a busy worker', async () => {
    // Six tasks. The worker starts with 0 and 1 queued; the calling thread runs 2. Task 0 ends:
    // the worker queues 3. Task 2 ends: the calling thread runs 4. Task 1 ends while only task 5
    // is unassigned: it must not queue behind 3 (still running), so the calling thread,
    // finishing 4, takes it; the batch then waits for one task on each thread, not two in a row.
    const { pool, local, finishLocal, done, result, openGate } = gatedPool(6);
    try {
      await until(() => local.length === 1);
      expect(local).toEqual([2]);
      openGate(0);
      await until(() => done.includes('worker:0'));
      finishLocal.shift()!();
      await until(() => local.length === 2);
      expect(local).toEqual([2, 4]);
      openGate(1);
      await until(() => done.includes('worker:1'));
      finishLocal.shift()!();
      await until(() => local.length === 3);
      expect(local).toEqual([2, 4, 5]);
      finishLocal.shift()!();
      openGate(3);
      const outputs = await result;
      expect(outputs).toEqual(['worker:0', 'worker:1', 'local:2', 'worker:3', 'local:4', 'local:5']);
    } finally {
      pool.close();
    }
  });

  describe('starting its workers when worth it', () => {
    /**
     * A pool whose workers start when worth it; the calling thread's task t takes `localMs(t)`,
     * or (Infinity) until the test calls `release`.
     */
    function lazyPool(tasks: number, localMs: (task: number) => number) {
      const gates = new SharedArrayBuffer(4 * tasks);
      const cells = new Int32Array(gates);
      const local: number[] = [];
      const done: string[] = [];
      const held: (() => void)[] = [];
      const pool = new WorkerPool<GatedTask, string>(
        WORKER,
        2,
        (input) => {
          local.push(input.task);
          return new Promise<string>((resolve) => {
            const end = () => resolve(`local:${input.task}`);
            const ms = localMs(input.task);
            if (ms === Infinity) held.push(end);
            else setTimeout(end, ms);
          });
        },
        'when-worth-it',
      );
      // Every gate open: a worker, once started, answers at once.
      for (let task = 0; task < tasks; task++) Atomics.store(cells, task, 1);
      const result = pool.run(Array.from({ length: tasks }, (_, task) => ({ task, gates })), undefined, (_, output) => done.push(output));
      return { pool, local, done, result, release: () => held.splice(0).forEach((end) => end()) };
    }

    it('runs a batch of short tasks on the calling thread alone', async () => {
      // Ten tasks: warm-up paces, then 5 ms each: 7 waiting × 5 ms is far below a worker's start.
      const { pool, result } = lazyPool(10, (task) => (task === 0 ? 60 : task === 1 ? 20 : 5));
      try {
        const outputs = await result;
        expect(outputs).toEqual(Array.from({ length: 10 }, (_, task) => `local:${task}`));
        // What a run reports as its threads (run.json's jobs): the calling thread alone.
        expect(pool.threads).toBe(1);
      } finally {
        pool.close();
      }
    });

    it('starts the workers when a task of the calling thread outlasts their start', async () => {
      // The first task runs past WORKER_START_SEC (until released): the worker starts and takes the rest.
      const { pool, local, done, result, release } = lazyPool(4, (task) => (task === 0 ? Infinity : 5));
      const began = performance.now();
      try {
        await until(() => done.some((output) => output.startsWith('worker:')));
        expect(performance.now() - began).toBeGreaterThanOrEqual(1000 * WORKER_START_SEC);
        expect(local).toEqual([0]);
        release();
        const outputs = await result;
        expect(outputs[0]).toBe('local:0');
        expect(outputs.filter((output) => output.startsWith('worker:')).length).toBeGreaterThan(0);
      } finally {
        pool.close();
      }
    });

    it('starts the workers from the third task on when the tasks waiting would take longer than their start', async () => {
      // 30 tasks of 60 ms: after three, 27 × 60 ms shared by two threads saves 0.81 s > 0.5 s.
      const { pool, local, result } = lazyPool(30, () => 60);
      try {
        const outputs = await result;
        const byWorker = outputs.filter((output) => output.startsWith('worker:'));
        expect(byWorker.length).toBeGreaterThan(0);
        expect(pool.threads).toBe(2);
        // Not before: the first three tasks ran on the calling thread, each before any worker.
        expect(local.slice(0, 3)).toEqual([0, 1, 2]);
        expect(outputs.slice(0, 3)).toEqual(['local:0', 'local:1', 'local:2']);
      } finally {
        pool.close();
      }
    });
  });
});
