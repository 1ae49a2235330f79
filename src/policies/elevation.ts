// Elevation policies compiled for lookup: for a contact kind and a decision point (the end of
// its talk or work, or after its k-th chat reply), the policies to draw for, in scenario
// order. Declarative data only; nothing from a scenario is evaluated as code. Exports the
// policy's normalised shape (`ElevationPolicy`, which the scenario model uses), `planElevations`
// and `originNext`; also the two guards against endless chains: `certainElevationCycles` (read
// time) and `MAX_ELEVATION_DEPTH` with `mayElevateAtDepth` (run time).
import { CONTACT_KINDS, type ChannelName, type ContactKind, type ElevationTarget, channelOfKind, directionOfKind } from '../osh/channels.js';

/** What the origin contact does once an elevation from it is decided (the scenario's `origin`). */
export const ORIGIN_BEHAVIOURS = ['waitThenWrap', 'continue', 'wrapNow'] as const;
export type OriginBehaviour = (typeof ORIGIN_BEHAVIOURS)[number];

/** One elevation policy as the simulation reads it: numbered, every default filled. */
export interface ElevationPolicy {
  readonly index: number;
  readonly from: ChannelName;
  readonly to: ElevationTarget;
  readonly probability: number;
  /** 0: at the end of talk or work; k: after the k-th chat reply. */
  readonly afterExchange: number;
  /** Written `origin` in a scenario file; named apart from the origin contact's id. */
  readonly originAfterElevation: OriginBehaviour;
  readonly direction: 'any' | 'inbound' | 'outbound';
}

export interface ElevationPlan {
  /** By contact kind index: the policies decided at the end of talk or work. */
  readonly atEnd: readonly (readonly ElevationPolicy[])[];
  /** By contact kind index, then exchange k: policies decided after the k-th reply. */
  readonly afterExchange: readonly (readonly (readonly ElevationPolicy[] | undefined)[])[];
  readonly any: boolean;
}

function applies(policy: ElevationPolicy, kind: ContactKind): boolean {
  if (policy.from !== channelOfKind(kind)) return false;
  return policy.direction === 'any' || policy.direction === directionOfKind(kind);
}

/**
 * Elevations in one chain at most: a contact elevated from an elevated contact … this many
 * times deep. An elevation that would go deeper is dropped (and counted as dropped), so a
 * chain of likely-but-not-certain policies (voice > email > voice …) always ends.
 */
export const MAX_ELEVATION_DEPTH = 10;

/** Whether a contact at `depth` (0 for an arriving contact, 1 for one it elevated, …) may elevate. */
export function mayElevateAtDepth(depth: number): boolean {
  return depth < MAX_ELEVATION_DEPTH;
}

/**
 * Cycles of policies that elevate with probability 1 at the end of talk or work: each would
 * elevate forever, contact after contact. Returns each cycle once, as the policies' indexes in
 * scenario order (e.g. [0, 1] for voice > email and email > voice); empty when there is none.
 * A contact kind leads to the outbound kind of each certain policy applying to it.
 */
export function certainElevationCycles(policies: readonly ElevationPolicy[]): number[][] {
  const certain = policies.filter((p) => p.probability >= 1 && p.afterExchange === 0);
  const target = (p: ElevationPolicy): ContactKind => (p.to === 'voice' ? 'outbound-voice' : 'outbound-email');
  const cycles: number[][] = [];
  const seen = new Set<string>();
  // Only outbound kinds are elevation targets, so every cycle runs through them alone.
  const walk = (kind: ContactKind, path: ElevationPolicy[], visited: readonly ContactKind[]): void => {
    for (const p of certain) {
      if (!applies(p, kind)) continue;
      const next = target(p);
      const at = visited.indexOf(next);
      if (at >= 0) {
        const cycle = [...path.slice(at), p].map((q) => q.index).sort((a, b) => a - b);
        const key = cycle.join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
        continue;
      }
      walk(next, [...path, p], [...visited, next]);
    }
  };
  for (const kind of ['outbound-voice', 'outbound-email'] as const) walk(kind, [], [kind]);
  return cycles;
}

export function planElevations(policies: readonly ElevationPolicy[]): ElevationPlan {
  const atEnd = CONTACT_KINDS.map((kind) => policies.filter((p) => p.afterExchange === 0 && applies(p, kind)));
  const afterExchange = CONTACT_KINDS.map((kind) => {
    const byExchange: ElevationPolicy[][] = [];
    for (const p of policies) {
      if (p.afterExchange > 0 && applies(p, kind)) (byExchange[p.afterExchange] ??= []).push(p);
    }
    return byExchange;
  });
  return { atEnd, afterExchange, any: policies.length > 0 };
}

/** What the origin does after the elevations decided at one point. */
export type OriginNext = 'continue' | 'wait' | 'wrapNow';

/**
 * Several policies may fire at one point: the origin waits while any waitThenWrap elevation is
 * pending; otherwise any wrapNow sends it to wrap; otherwise it continues.
 */
export function originNext(waiting: number, anyWrapNow: boolean): OriginNext {
  if (waiting > 0) return 'wait';
  return anyWrapNow ? 'wrapNow' : 'continue';
}
