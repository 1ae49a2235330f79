import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/experiments/pool.js';

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
});
