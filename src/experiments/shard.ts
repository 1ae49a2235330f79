// Shards: the i-th of n contiguous parts of a run's replications or a sweep's tasks, for
// running one command across machines (`--shard i/n`, combined by `osh-sim merge`). Kept apart
// from sweep planning so the command line can parse `--shard` without loading the scenario reader.
// Exports `Shard`, `parseShard`, `shardOf`.
import { InputError } from '../errors.js';
import * as messages from './messages.js';

export interface Shard {
  /** 1-based, as written on the command line. */
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || !(count >= 1) || !(index >= 1) || index > count || count > 10_000) {
    throw new InputError('--shard', [{ path: '', message: messages.notShard(text) }]);
  }
  return { index, count };
}

/** The i-th of n contiguous, nearly equal parts of `items`. */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const to = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(from, to);
}
