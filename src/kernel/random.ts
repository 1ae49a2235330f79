// Named random streams: every draw in a replication comes from a stream keyed by
// (scenario seed, replication index, stream name), so adding a channel or a policy never
// shifts another stream's numbers, and any replication can be rerun alone anywhere.
// Exports `RandomStream`, `streamKey` and `createStream`.
import xor4096 from 'seedrandom/lib/xor4096.js';

/** A source of uniform numbers in (0, 1) with 53 bits of resolution. */
export interface RandomStream {
  readonly name: string;
  next(): number;
}

/** The key a stream is seeded from; printed in `run.json` so a user can recreate any stream. */
export function streamKey(seed: number, replication: number, name: string): string {
  return `${seed}:${replication}:${name}`;
}

/**
 * Brent's xor4096 (xorgens) as seedrandom defines it: a long period and good equidistribution.
 * seedrandom seeds it from the stream key and hands over its state; the draws then run here,
 * on a typed array, and are seedrandom's own `double()` number for number (a test compares
 * them). seedrandom's generator is a closure per stream, which V8 calls but cannot inline
 * where several streams meet, so every draw was a call and a boxed number; this one class is
 * inlined into the distributions' samplers.
 */
class Xor4096Stream implements RandomStream {
  readonly name: string;
  private readonly x: Int32Array;
  private i: number;
  private w: number;

  constructor(name: string, state: { readonly i: number; readonly w: number; readonly X: readonly number[] }) {
    this.name = name;
    this.x = Int32Array.from(state.X);
    this.i = state.i;
    this.w = state.w;
  }

  /** One 32-bit output (signed), as seedrandom's `int32()`. */
  private int32(): number {
    const x = this.x;
    const w = (this.w = (this.w + 0x61c88647) | 0);
    let v = x[(this.i + 34) & 127]!;
    const i = (this.i = (this.i + 1) & 127);
    let t = x[i]!;
    v ^= v << 13;
    t ^= t << 17;
    v ^= v >>> 15;
    t ^= t >>> 12;
    v = x[i] = v ^ t;
    return (v + (w ^ (w >>> 16))) | 0;
  }

  next(): number {
    for (;;) {
      const top = this.int32() >>> 11;
      const bottom = (this.int32() >>> 0) / 0x100000000;
      const result = (top + bottom) / (1 << 21);
      if (result !== 0) return result;
    }
  }
}

export function createStream(seed: number, replication: number, name: string): RandomStream {
  return new Xor4096Stream(name, xor4096(streamKey(seed, replication, name), { state: true }).state());
}
