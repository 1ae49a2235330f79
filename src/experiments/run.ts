// Command-line overrides of a scenario (--seed, --replications). Exports `withOverrides`.
import { InputError } from '../errors.js';
import type { Scenario } from '../scenario/model.js';
import { replicationFiguresLimit } from '../scenario/messages.js';
import { LIMITS } from '../scenario/schema.js';

export interface Overrides {
  readonly seed?: number | undefined;
  readonly replications?: number | undefined;
}

/**
 * The scenario with command-line overrides applied. More replications than the scenario's
 * are held to the same bound on replications × intervals (refused before any work).
 */
export function withOverrides(scenario: Scenario, overrides: Overrides): Scenario {
  const replications = overrides.replications ?? scenario.replications;
  if (replications * scenario.horizon.intervals > LIMITS.replicationIntervals) {
    throw new InputError('--replications', [{ path: '', message: replicationFiguresLimit(replications, scenario.horizon.intervals, LIMITS.replicationIntervals) }]);
  }
  return { ...scenario, seed: overrides.seed ?? scenario.seed, replications };
}
