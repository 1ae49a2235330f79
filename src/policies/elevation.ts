// Elevation policies compiled for lookup: for a contact kind and a decision point (the end of
// its talk or work, or after its k-th chat reply), the policies to draw for, in scenario
// order. Declarative data only; nothing from a scenario is evaluated as code.
import { CONTACT_KINDS, type ContactKind, channelOfKind, directionOfKind } from '../osh/channels.js';

export interface ElevationPolicy {
  readonly index: number;
  readonly from: string;
  readonly to: 'voice' | 'email';
  readonly probability: number;
  /** 0: at the end of talk or work; k: after the k-th chat reply. */
  readonly afterExchange: number;
  readonly origin: 'waitThenWrap' | 'continue' | 'wrapNow';
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
