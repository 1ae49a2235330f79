// What a group's profile means for its figures, from the scenario alone: the channels it is
// routed, how many concurrency levels its agents can reach (elevated contacts included) and
// its capacity for utilization. The running center and the figures' layout both read it here.
// Exports `GroupShape`, `groupShapes`.
import { CHANNELS } from '../osh/channels.js';
import { type CompiledProfile, compileProfile, holdsSeveral } from '../osh/profile.js';
import type { Scenario } from '../scenario/model.js';

/** Concurrency levels tracked when a profile sets no finite bound ("64 or more" beyond). */
const LEVEL_CAP = 64;

export interface GroupShape {
  readonly profile: CompiledProfile;
  /** Channel indices the group is routed. */
  readonly channels: readonly number[];
  /** Concurrency levels 0 … levels − 1 tracked for the group's agents. */
  readonly levels: number;
  /** Contacts (or capacity units) an agent can hold of routed work: utilization's denominator. */
  readonly capacity: number;
  readonly usesUnits: boolean;
  /** OSH on: its agents elevate (a group with OSH off never does). */
  readonly elevates: boolean;
}

function unitBound(budget: number, units: number): number {
  return units > 0 ? Math.floor(budget / units) : Infinity;
}

export function groupShapes(scenario: Scenario): GroupShape[] {
  const elevationTargets = new Set(scenario.elevation.policies.map((p) => CHANNELS.indexOf(p.to)));
  return scenario.groups.map((model) => {
    const profile = compileProfile(model.profile);
    const channels = model.channels.map((c) => CHANNELS.indexOf(c));
    const usesUnits = Number.isFinite(profile.budget);
    const elevates = holdsSeveral(profile);
    let levelBound = 0;
    for (const c of new Set(elevates ? [...channels, ...elevationTargets] : channels)) levelBound += Math.min(profile.max[c]!, profile.maxTotal, unitBound(profile.budget, profile.units[c]!));
    let skillBound = 0;
    for (const c of channels) skillBound += Math.min(profile.max[c]!, unitBound(profile.budget, profile.units[c]!));
    return {
      profile,
      channels,
      levels: Math.min(levelBound, LEVEL_CAP) + 1,
      capacity: usesUnits ? profile.budget : Math.min(profile.maxTotal, skillBound),
      usesUnits,
      elevates,
    };
  });
}
