// Command-line overrides of a scenario (--seed, --replications). Exports `withOverrides`.
import type { Scenario } from '../scenario/model.js';

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
