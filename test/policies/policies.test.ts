import { describe, expect, it } from 'vitest';
import { AGENT_SELECTION, type AgentStanding, type SelectionKey } from '../../src/policies/agent-selection.js';
import { type WorkUnitView, focusChoice, sharingRate } from '../../src/policies/attention.js';
import { MAX_ELEVATION_DEPTH, certainElevationCycles, mayElevateAtDepth, originNext, planElevations, type ElevationPolicy } from '../../src/policies/elevation.js';
import { CONTACT_KINDS, type ChannelName } from '../../src/osh/channels.js';

function rank(policy: keyof typeof AGENT_SELECTION, agents: AgentStanding[]): number[] {
  const keys = agents.map((a, index) => {
    const key: SelectionKey = { primary: 0, secondary: 0 };
    AGENT_SELECTION[policy](a, key);
    return { index, ...key };
  });
  keys.sort((a, b) => a.primary - b.primary || a.secondary - b.secondary || a.index - b.index);
  return keys.map((k) => k.index);
}

describe('agent selection', () => {
  const agents: AgentStanding[] = [
    { held: 2, load: 68, idleSince: 0, lastAssignedAt: 10, lastAssignment: 5 },
    { held: 0, load: 0, idleSince: 50, lastAssignedAt: 40, lastAssignment: 7 },
    { held: 1, load: 34, idleSince: 0, lastAssignedAt: 30, lastAssignment: 6 },
    { held: 0, load: 0, idleSince: 20, lastAssignedAt: 15, lastAssignment: 3 },
  ];
  it('longestIdle: empty agents by idle time, then the oldest last assignment', () => {
    expect(rank('longestIdle', agents)).toEqual([3, 1, 0, 2]);
  });
  it('leastBusy: least load, then longest idle', () => {
    expect(rank('leastBusy', agents)).toEqual([3, 1, 2, 0]);
  });
  it('roundRobin: the agent whose turn came longest ago', () => {
    expect(rank('roundRobin', agents)).toEqual([3, 0, 2, 1]);
  });
});

describe('attention', () => {
  const unit = (priority: number, readyAt: number, isReply = false): WorkUnitView => ({ priority, readyAt, isReply });
  it('focus takes the highest priority, then the longest waiting', () => {
    expect(focusChoice([unit(10, 0), unit(50, 5), unit(50, 3)], -1)).toBe(2);
  });
  it('focus keeps a reply being written and keeps work unless something outranks it', () => {
    expect(focusChoice([unit(10, 0, true), unit(100, 5)], 0)).toBe(0);
    expect(focusChoice([unit(10, 0), unit(10, 5)], 1)).toBe(1);
    expect(focusChoice([unit(10, 0), unit(50, 5)], 0)).toBe(1);
    expect(focusChoice([], -1)).toBe(-1);
  });
  it('sharing splits e(n) among the units, the last value repeating', () => {
    expect(sharingRate(1, [1, 1.5, 1.8])).toBe(1);
    expect(sharingRate(2, [1, 1.5, 1.8])).toBe(0.75);
    expect(sharingRate(4, [1, 1.5, 1.8])).toBe(0.45);
    expect(sharingRate(3, [1, 2, 3])).toBe(1);
    expect(sharingRate(0, [1])).toBe(0);
  });
});

describe('elevation plans', () => {
  const policy = (p: Partial<ElevationPolicy>): ElevationPolicy => ({
    index: 0, from: 'chat', to: 'voice', probability: 1, afterExchange: 0, originAfterElevation: 'waitThenWrap', direction: 'any', ...p,
  });
  it('files policies by contact kind and decision point, outbound kinds included', () => {
    const plan = planElevations([
      policy({ index: 0, from: 'chat', to: 'voice', afterExchange: 3 }),
      policy({ index: 1, from: 'voice', to: 'email' }),
      policy({ index: 2, from: 'voice', to: 'email', direction: 'inbound' }),
    ]);
    const kind = (k: string) => CONTACT_KINDS.indexOf(k as (typeof CONTACT_KINDS)[number]);
    expect(plan.afterExchange[kind('chat')]![3]!.map((p) => p.index)).toEqual([0]);
    expect(plan.atEnd[kind('chat')]).toEqual([]);
    expect(plan.atEnd[kind('voice')]!.map((p) => p.index)).toEqual([1, 2]);
    expect(plan.atEnd[kind('outbound-voice')]!.map((p) => p.index)).toEqual([1]);
  });
  it('an origin waits while a waitThenWrap elevation is open, else wraps now or continues', () => {
    expect(originNext(1, true)).toBe('wait');
    expect(originNext(0, true)).toBe('wrapNow');
    expect(originNext(0, false)).toBe('continue');
  });
});

describe('endless elevation chains', () => {
  const policy = (index: number, from: ChannelName, to: 'voice' | 'email', extra: Partial<ElevationPolicy> = {}): ElevationPolicy => ({
    index,
    from,
    to,
    probability: 1,
    afterExchange: 0,
    originAfterElevation: 'waitThenWrap',
    direction: 'any',
    ...extra,
  });

  it('finds voice > email and email > voice, both certain at the end, as one cycle', () => {
    expect(certainElevationCycles([policy(0, 'voice', 'email'), policy(1, 'email', 'voice')])).toEqual([[0, 1]]);
    expect(certainElevationCycles([policy(0, 'chat', 'voice'), policy(1, 'voice', 'email', { direction: 'outbound' }), policy(2, 'email', 'voice')])).toEqual([[1, 2]]);
  });

  it('sees no cycle when a link is uncertain, applies to inbound contacts only, or is decided after a chat reply', () => {
    expect(certainElevationCycles([policy(0, 'voice', 'email'), policy(1, 'email', 'voice', { probability: 0.99 })])).toEqual([]);
    expect(certainElevationCycles([policy(0, 'voice', 'email'), policy(1, 'email', 'voice', { direction: 'inbound' })])).toEqual([]);
    expect(certainElevationCycles([policy(0, 'chat', 'voice', { afterExchange: 1 }), policy(1, 'voice', 'email')])).toEqual([]);
  });

  it(`allows elevations up to ${MAX_ELEVATION_DEPTH} deep`, () => {
    expect(mayElevateAtDepth(0)).toBe(true);
    expect(mayElevateAtDepth(MAX_ELEVATION_DEPTH - 1)).toBe(true);
    expect(mayElevateAtDepth(MAX_ELEVATION_DEPTH)).toBe(false);
  });
});
