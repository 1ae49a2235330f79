// A run: the scenario's replications, each a pure `simulate` call, and their summary. The
// replications are independent (own random streams), so the order they run in, or the
// machine, changes nothing. Exports `runReplications`, `withOverrides`.
import { simulate } from '../center/simulate.js';
import type { Scenario } from '../scenario/model.js';
import type { ReplicationResult } from '../stats/metrics.js';
import type { RecordSink } from '../stats/records.js';

export interface RunOptions {
  /** Receives contact and session records; one sink per replication, opened in order. */
  readonly openLog?: ((replication: number) => RecordSink) | undefined;
  readonly closeLog?: ((replication: number) => void) | undefined;
  /** Replication indices to run (all by default). */
  readonly only?: readonly number[] | undefined;
  readonly onReplicationDone?: ((done: number, total: number, result: ReplicationResult) => void) | undefined;
  readonly onProgress?: ((replication: number, simulatedSec: number, events: number) => void) | undefined;
}

export interface Overrides {
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
}

/** The scenario with command-line overrides applied. */
export function withOverrides(scenario: Scenario, overrides: Overrides): Scenario {
  return {
    ...scenario,
    seed: overrides.seed ?? scenario.seed,
    replications: overrides.replications ?? scenario.replications,
  };
}

export function runReplications(scenario: Scenario, options: RunOptions = {}): ReplicationResult[] {
  const indices = options.only ?? Array.from({ length: scenario.replications }, (_, i) => i);
  const results: ReplicationResult[] = [];
  for (const replication of indices) {
    const log = options.openLog?.(replication);
    const onProgress = options.onProgress;
    results.push(
      simulate(scenario, replication, {
        log,
        onProgress: onProgress === undefined ? undefined : (t, events) => onProgress(replication, t, events),
      }),
    );
    options.closeLog?.(replication);
    options.onReplicationDone?.(results.length, indices.length, results[results.length - 1]!);
  }
  return results;
}
