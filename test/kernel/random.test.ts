import xor4096 from 'seedrandom/lib/xor4096.js';
import { describe, expect, it } from 'vitest';
import { createStream, streamKey } from '../../src/kernel/random.js';

describe('random streams', () => {
  it("draw seedrandom's xor4096 doubles number for number, for any stream key", () => {
    for (const [seed, replication, name] of [
      [12345, 0, 'arrivals:voice'],
      [1, 7, 'contact:chat-billing'],
      [2 ** 31 - 1, 199, ''],
      [0, 0, 'x'.repeat(300)],
    ] as const) {
      const ours = createStream(seed, replication, name);
      const theirs = xor4096(streamKey(seed, replication, name));
      expect(ours.name).toBe(name);
      for (let i = 0; i < 100_000; i++) {
        const a = ours.next();
        const b = theirs.double();
        if (a !== b) expect({ draw: i, value: a }).toEqual({ draw: i, value: b });
      }
    }
  });

  it('keep streams apart: another name, seed or replication draws another sequence', () => {
    const first = (seed: number, replication: number, name: string) => createStream(seed, replication, name).next();
    const base = first(5, 0, 'reply:chat');
    expect(first(5, 0, 'reply:chat')).toBe(base);
    expect(first(5, 0, 'reply:email')).not.toBe(base);
    expect(first(6, 0, 'reply:chat')).not.toBe(base);
    expect(first(5, 1, 'reply:chat')).not.toBe(base);
  });
});
