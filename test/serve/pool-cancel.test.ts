// What the workbench asks of the command line's run machinery: replications on worker threads
// only (the server's thread stays free), the same figures as in this thread, and a run that
// stops when its signal is aborted. Uses the built modules, as the worker threads need them.
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { readScenario } from '../../src/scenario/read.js';
import type * as Execute from '../../src/cli/execute.js';

const execute = (await import(`${ROOT}dist/cli/execute.js`)) as typeof Execute;
const scenario = readScenario(`${ROOT}scenarios/erlang-c.yaml`);

describe('replications for the workbench', () => {
  it('run on worker threads only, with the figures of a run in this thread', async () => {
    const tasks = [0, 1, 2].map((replication) => ({ scenario, replication, detail: 'figures' as const }));
    const here = await execute.executeTasks(tasks, { jobs: 1, logs: null });
    const pool = execute.replicationPool(1, true);
    try {
      const away = await execute.executeTasks(tasks, { jobs: 1, pool, workersOnly: true, logs: null });
      expect(away.map((r) => r.events)).toEqual(here.map((r) => r.events));
      expect(JSON.stringify(away.map((r) => r.ledger))).toBe(JSON.stringify(here.map((r) => r.ledger)));
    } finally {
      pool.close();
    }
  });

  it('stop when the signal is aborted, rejecting with its reason and closing the pool', async () => {
    const tasks = Array.from({ length: 400 }, (_, replication) => ({ scenario, replication, detail: 'figures' as const }));
    const pool = execute.replicationPool(2, true);
    const controller = new AbortController();
    let done = 0;
    const started = performance.now();
    const running = execute.executeTasks(tasks, { jobs: 2, pool, workersOnly: true, signal: controller.signal, logs: null, onTaskDone: () => ++done === 2 && controller.abort(new Error('stop here')) });
    await expect(running).rejects.toThrow('stop here');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(done).toBeLessThan(400);
    expect(pool.isClosed).toBe(true);
    await expect(execute.executeTasks(tasks.slice(0, 1), { jobs: 1, signal: controller.signal, logs: null })).rejects.toThrow('stop here');
  });
});
