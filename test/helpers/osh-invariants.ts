// Invariants of Omnichannel Session Handling checked from the contact log alone:
// - no agent ever holds more contacts than its profile allows: at every routed acceptance all
//   rules held just before it (per channel, total, units, blocks), and an elevated contact
//   always fitted its channel's maximum;
// - a session ends when its last contact finishes its wrap, and all its contacts are handled
//   by one agent;
// - every elevated contact is a pair the product's table allows and joins its origin's session.
import { expect } from 'vitest';
import { CHANNELS, type ContactKind } from '../../src/osh/channels.js';
import { elevationRefusal } from '../../src/osh/elevation.js';
import { compileProfile } from '../../src/osh/profile.js';
import type { Scenario } from '../../src/scenario/model.js';
import type { ContactRecord, SessionRecord } from '../../src/stats/records.js';

function kindOf(r: ContactRecord): ContactKind {
  return (r.direction === 'outbound' ? `outbound-${r.channel}` : r.channel) as ContactKind;
}

export function expectProfilesRespected(scenario: Scenario, contacts: readonly ContactRecord[]): number {
  const profiles = new Map(scenario.groups.map((g) => [g.name, compileProfile(g.profile)]));
  const byAgent = new Map<number, ContactRecord[]>();
  for (const c of contacts) {
    if (c.outcome !== 'handled') continue;
    (byAgent.get(c.agent) ?? byAgent.set(c.agent, []).get(c.agent)!).push(c);
  }
  let acceptances = 0;
  for (const [agent, held] of byAgent) {
    const profile = profiles.get(held[0]!.group)!;
    type Change = { at: number; delta: 1 | -1; record: ContactRecord };
    const changes: Change[] = [];
    for (const r of held) {
      changes.push({ at: r.answered, delta: 1, record: r });
      // The slot is free from the end of the wrap, or from its start when wrap holds no slot.
      changes.push({ at: profile.wrapHoldsSlot ? r.wrapEnd : r.wrapStart, delta: -1, record: r });
    }
    // At one instant, capacity is freed before it is taken (completions run first).
    changes.sort((a, b) => a.at - b.at || a.delta - b.delta);
    const perChannel = new Array<number>(CHANNELS.length).fill(0);
    let total = 0;
    let units = 0;
    for (const change of changes) {
      const c = CHANNELS.indexOf(change.record.channel as (typeof CHANNELS)[number]);
      if (change.delta === 1) {
        const where = `agent ${agent} taking contact ${change.record.contact} (${change.record.channel}) at ${change.at}`;
        expect(perChannel[c]!, `${where}: channel maximum`).toBeLessThan(profile.max[c]!);
        if (change.record.direction === 'inbound') {
          expect(total, `${where}: total maximum`).toBeLessThan(profile.maxTotal);
          expect(units + profile.units[c]!, `${where}: unit budget`).toBeLessThanOrEqual(profile.budget);
          const mask = perChannel.reduce((m, n, h) => (n > 0 ? m | (1 << h) : m), 0);
          expect(mask & profile.blockedBy[c]!, `${where}: cross-channel block`).toBe(0);
        }
        acceptances++;
      }
      perChannel[c]! += change.delta;
      total += change.delta;
      units += change.delta * profile.units[c]!;
    }
    expect(total).toBe(0);
  }
  return acceptances;
}

export function expectSessionsConsistent(contacts: readonly ContactRecord[], sessions: readonly SessionRecord[]): void {
  const byId = new Map(contacts.map((c) => [c.contact, c]));
  const members = new Map<number, ContactRecord[]>();
  for (const c of contacts) (members.get(c.session) ?? members.set(c.session, []).get(c.session)!).push(c);
  for (const s of sessions) {
    const inSession = members.get(s.session)!;
    expect(inSession.length, `session ${s.session} contacts`).toBe(s.contacts);
    expect(s.end, `session ${s.session} ends with its last wrap`).toBe(Math.max(...inSession.map((c) => c.wrapEnd)));
    expect(new Set(inSession.map((c) => c.agent)).size, `session ${s.session} has one agent`).toBe(1);
    expect(s.elevations).toBe(s.contacts - 1);
    // A session is a contact with its elevated contacts: an elevation dropped opens none.
    expect(s.elevations, `session ${s.session} has an elevated contact`).toBeGreaterThan(0);
  }
  for (const c of contacts) {
    if (c.direction !== 'outbound') continue;
    const origin = byId.get(c.origin);
    expect(origin, `origin of contact ${c.contact}`).toBeDefined();
    expect(elevationRefusal(kindOf(origin!), c.channel)).toBeNull();
    expect(c.session).toBe(origin!.session);
    expect(c.arrival).toBeGreaterThanOrEqual(origin!.answered);
  }
  const sessionIds = new Set(sessions.map((s) => s.session));
  for (const c of contacts) if (c.direction === 'outbound') expect(sessionIds.has(c.session)).toBe(true);
}
