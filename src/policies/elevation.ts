// Elevation policies compiled for lookup: for a contact kind and a decision point (the end of
// its talk or work, or after its k-th chat reply), the policies to draw for, in scenario
// order. Declarative data only; nothing from a scenario is evaluated as code. Exports the
// policy's normalised shape (`ElevationPolicy`, which the scenario model uses), `planElevations`
// and `originNext`.
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
