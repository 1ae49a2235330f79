// The command line's side of `--precision` and `--max-replications`: the options checked
// together (a cap without bounds, bounds with a shard), the stopping rule they make, and the
// bounds tied to a scenario's figures. Exports `precisionRequest`, `resolvedBounds`.
import { InputError } from '../errors.js';
import { precisionMessages } from '../experiments/messages.js';
import type { PrecisionBound } from '../experiments/precision-bound.js';
import { PRECISION_CAP, PRECISION_MINIMUM, type PrecisionRule, type ResolvedBound, resolvePrecision } from '../experiments/precision.js';
import type { Scenario } from '../scenario/model.js';
import { UsageError } from './exit.js';

export interface PrecisionRequest {
  readonly bounds: readonly PrecisionBound[];
  readonly rule: PrecisionRule;
}

/** The stopping rule the options ask for, or null for a fixed number of replications. */
export function precisionRequest(options: { precision?: PrecisionBound[] | undefined; maxReplications?: number | undefined; replications?: number | undefined; shard?: unknown }): PrecisionRequest | null {
  const bounds = options.precision ?? [];
  if (bounds.length === 0) {
    if (options.maxReplications !== undefined) throw new UsageError(precisionMessages.capOnly());
    return null;
  }
  if (options.shard !== undefined) throw new UsageError(`--shard ${precisionMessages.withShard()}`);
  const minimum = options.replications ?? PRECISION_MINIMUM;
  const maximum = options.maxReplications ?? Math.max(PRECISION_CAP, minimum);
  if (maximum < minimum) throw new UsageError(precisionMessages.maxBelowMinimum(maximum, minimum));
  return { bounds, rule: { minimum, maximum } };
}

/** The bounds tied to the scenario's figures; an unknown figure is bad input (exit 2). */
export function resolvedBounds(request: PrecisionRequest, scenario: Scenario, file: string): ResolvedBound[] {
  const { resolved, problems } = resolvePrecision(request.bounds, scenario);
  if (problems.length > 0) throw new InputError(file, problems.map((message) => ({ path: '--precision', message })));
  return resolved;
}
