// A shard's folder: `shard.json` holds what its part of a run or sweep computed (every
// replication's figures, exactly), the scenario text and the options, so `osh-sim merge` can
// write, from all the parts, what the unsharded command writes. Log rows stay in part files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { fromJson, toJson } from '../stats/serialize.js';
import * as messages from './messages.js';

export const SHARD_FILE = 'shard.json';

export interface ShardRecord {
  readonly kind: 'run' | 'sweep';
  readonly version: string;
  readonly scenarioFile: string;
  /** The scenario file's absolute path: merge reads the traces it replays beside it. */
  readonly scenarioPath: string;
  readonly scenarioText: string;
  readonly scenarioSha256: string;
  /** Per channel, the replayed trace's fingerprint (null: no trace), to refuse an edited trace. */
  readonly tracesSha256: readonly (string | null)[];
  /** Command-line overrides of the scenario. */
  readonly seed: number | null;
  readonly replications: number | null;
  readonly shard: { readonly index: number; readonly count: number };
  readonly contacts: boolean;
  readonly charts: boolean;
  /** Sweep only: the --vary and --metric options as given. */
  readonly vary: readonly string[];
  readonly metrics: readonly string[];
  /** The tasks of this shard, in order, and their results. */
  readonly tasks: readonly { readonly variant: number; readonly replication: number }[];
  readonly results: readonly ReplicationResult[];
  readonly wallTimeSec: number;
}

export function writeShardFile(folder: string, record: ShardRecord): void {
  writeFileSync(join(folder, SHARD_FILE), `${JSON.stringify(toJson(record))}\n`);
}

export function readShardFile(folder: string): ShardRecord {
  let text: string;
  try {
    text = readFileSync(join(folder, SHARD_FILE), 'utf8');
  } catch {
    throw new InputError(folder, [{ path: SHARD_FILE, message: messages.notAShardFolder() }]);
  }
  try {
    return fromJson(JSON.parse(text)) as ShardRecord;
  } catch (error) {
    throw new InputError(folder, [{ path: SHARD_FILE, message: messages.notValidJson(error instanceof Error ? error.message : String(error)) }]);
  }
}
