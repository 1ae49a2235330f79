// The availability heap against a sorted reference under random inserts, key changes and
// removals; and its cost: heap steps per operation stay logarithmic in the number of agents.
import { describe, expect, it } from 'vitest';
import { AvailableAgents } from '../../src/center/agent-index.js';
import { createStream } from '../../src/kernel/random.js';

describe('AvailableAgents', () => {
  it('always tops with the least (primary, secondary, index)', () => {
    const heap = new AvailableAgents(200, 4);
    const keys = new Map<number, [number, number]>();
    const stream = createStream(11, 0, 'heap-test');
    for (let step = 0; step < 20_000; step++) {
      const agent = Math.floor(stream.next() * 200);
      if (stream.next() < 0.3) {
        heap.remove(agent);
        keys.delete(agent);
      } else {
        const key: [number, number] = [Math.floor(stream.next() * 3), Math.floor(stream.next() * 50)];
        heap.upsert(agent, key[0], key[1]);
        keys.set(agent, key);
      }
      expect(heap.size).toBe(keys.size);
      const best = [...keys.entries()].sort((a, b) => a[1][0] - b[1][0] || a[1][1] - b[1][1] || a[0] - b[0])[0];
      expect(heap.top()).toBe(best?.[0] ?? -1);
      if (best) expect([heap.topPrimary(), heap.topSecondary()]).toEqual(best[1]);
    }
  });

  it('costs O(log n) steps per operation, not O(n)', () => {
    for (const n of [100, 10_000]) {
      const heap = new AvailableAgents(n);
      for (let a = 0; a < n; a++) heap.upsert(a, 0, a);
      heap.steps = 0;
      const stream = createStream(3, 0, 'heap-cost');
      const operations = 5000;
      for (let i = 0; i < operations; i++) {
        const agent = Math.floor(stream.next() * n);
        heap.remove(agent);
        heap.upsert(agent, 0, n + i);
      }
      expect(heap.steps / operations).toBeLessThan(4 * Math.log2(n));
    }
  });
});
