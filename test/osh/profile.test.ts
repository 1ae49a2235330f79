// Concurrency profiles: each rule on its own, the vendor shorthands as normalised, and the
// elevation exception (only the channel's own maximum applies to an agent's elevation).
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelName } from '../../src/osh/channels.js';
import { SINGLE_CONTACT, acceptsAlike, canAccept, canElevateInto, compileProfile } from '../../src/osh/profile.js';
import { normalizeProfile } from '../../src/scenario/normalize.js';

function holding(counts: Partial<Record<ChannelName, number>>, units = 0) {
  const perChannel = CHANNELS.map((c) => counts[c] ?? 0);
  return { perChannel, heldInLimits: perChannel.reduce((a, b) => a + b, 0), units };
}

/** The channels held, as the bitmask `canAccept` reads (bit c: channel index c). */
function heldMask(h: ReturnType<typeof holding>): number {
  return h.perChannel.reduce((mask, count, c) => (count > 0 ? mask | (1 << c) : mask), 0);
}

function accepts(profile: ReturnType<typeof compileProfile>, counts: Partial<Record<ChannelName, number>>, channel: ChannelName, units = 0): boolean {
  const h = holding(counts, units);
  return canAccept(profile, h, heldMask(h), CHANNELS.indexOf(channel));
}

describe('concurrency profiles', () => {
  it('OSH off: one contact at a time', () => {
    const single = compileProfile(SINGLE_CONTACT);
    expect(accepts(single, {}, 'voice')).toBe(true);
    expect(accepts(single, { email: 1 }, 'voice')).toBe(false);
    // Refused by the total: no channel is at its own maximum.
    expect(accepts(single, { chat: 1 }, 'email')).toBe(false);
  });

  it('per-channel maximum', () => {
    const p = compileProfile(normalizeProfile('p', { maxPerChannel: { chat: 3, email: 1 } }));
    expect(accepts(p, { chat: 2, email: 1 }, 'chat')).toBe(true);
    expect(accepts(p, { chat: 3 }, 'chat')).toBe(false);
    // Unlisted channels take one at a time when nothing else bounds them; voice is always one.
    expect(accepts(p, { workitem: 1 }, 'workitem')).toBe(false);
    expect(p.max[CHANNELS.indexOf('voice')]).toBe(1);
  });

  it('total maximum across channels', () => {
    const p = compileProfile(normalizeProfile('p', { maxPerChannel: { voice: 1, chat: 3, email: 2 }, maxTotal: 4 }));
    expect(accepts(p, { chat: 2, email: 1 }, 'email')).toBe(true);
    expect(accepts(p, { chat: 3, email: 1 }, 'email')).toBe(false);
  });

  it('capacity units out of a budget (Salesforce-style; voice takes all of it)', () => {
    const p = compileProfile(normalizeProfile('p', { units: { voice: 100, chat: 34, email: 50 }, budget: 100 }));
    expect(accepts(p, { chat: 1 }, 'chat', 34)).toBe(true);
    expect(accepts(p, { chat: 2 }, 'chat', 68)).toBe(false);
    expect(accepts(p, { chat: 1 }, 'email', 34)).toBe(true);
    expect(accepts(p, { chat: 2 }, 'email', 68)).toBe(false);
    expect(accepts(p, {}, 'voice', 0)).toBe(true);
    expect(accepts(p, { chat: 1 }, 'voice', 34)).toBe(false);
  });

  it('cross-channel blocks: no new chat while on voice', () => {
    const p = compileProfile(normalizeProfile('p', { maxPerChannel: { voice: 1, chat: 3 }, block: [{ while: 'voice', noNew: ['chat'] }] }));
    expect(accepts(p, { chat: 2 }, 'voice')).toBe(true);
    expect(accepts(p, { voice: 1 }, 'chat')).toBe(false);
  });

  it('current channel only (Amazon Connect) becomes blocks on every other channel', () => {
    const profile = normalizeProfile('p', { maxPerChannel: { voice: 1, chat: 3, email: 2 }, currentChannelOnly: ['voice'] });
    expect(profile.blocks).toEqual([{ while: 'voice', noNew: ['chat', 'email', 'workitem', 'voicemail'] }]);
    const p = compileProfile(profile);
    expect(accepts(p, { voice: 1 }, 'chat')).toBe(false);
    expect(accepts(p, { chat: 1 }, 'voice')).toBe(true);
    expect(accepts(p, { chat: 1 }, 'email')).toBe(true);
  });

  it('interruptible by (Genesys) becomes blocks on the channels not listed', () => {
    const profile = normalizeProfile('p', {
      maxPerChannel: { voice: 1, chat: 2, email: 2 },
      interruptibleBy: { email: ['voice', 'chat'], voice: [] },
    });
    expect(profile.blocks).toEqual([
      { while: 'voice', noNew: ['chat', 'email', 'workitem', 'voicemail'] },
      { while: 'email', noNew: ['workitem', 'voicemail'] },
    ]);
    const p = compileProfile(profile);
    expect(accepts(p, { email: 1 }, 'voice')).toBe(true);
    expect(accepts(p, { voice: 1 }, 'email')).toBe(false);
  });

  it('says when every channel of a set is accepted alike, and that holds for any holding', () => {
    const index = (names: ChannelName[]) => names.map((n) => CHANNELS.indexOf(n));
    const single = compileProfile(SINGLE_CONTACT);
    const osh = compileProfile(normalizeProfile('p', { maxPerChannel: { voice: 1, chat: 3 }, maxTotal: 3 }));
    const totalFirst = compileProfile(normalizeProfile('p', { maxPerChannel: { chat: 2, email: 3 }, maxTotal: 2 }));
    const budget = compileProfile(normalizeProfile('p', { maxPerChannel: { chat: 4, email: 4 }, maxTotal: 4, units: { chat: 34, email: 67 }, budget: 100 }));
    const blocked = compileProfile(normalizeProfile('p', { maxPerChannel: { chat: 2, email: 2 }, maxTotal: 2, block: [{ while: 'chat', noNew: ['email'] }] }));
    expect(acceptsAlike(single, index(['voice', 'chat', 'email']))).toBe(true);
    expect(acceptsAlike(totalFirst, index(['chat', 'email']))).toBe(true);
    expect(acceptsAlike(osh, index(['voice', 'chat']))).toBe(false);
    expect(acceptsAlike(osh, index(['chat']))).toBe(true);
    expect(acceptsAlike(budget, index(['chat', 'email']))).toBe(false);
    expect(acceptsAlike(blocked, index(['chat', 'email']))).toBe(false);
    // Where it says alike, no holding gets different answers; where it does not, some holding does.
    for (const p of [single, totalFirst, osh, budget, blocked]) {
      const channels = index(['chat', 'email']);
      let differs = false;
      for (let chat = 0; chat <= 2; chat++) {
        for (let email = 0; email <= 2; email++) {
          const h = holding({ chat, email }, chat * p.units[channels[0]!]! + email * p.units[channels[1]!]!);
          const [a, b] = channels.map((c) => canAccept(p, h, heldMask(h), c));
          if (a !== b) differs = true;
        }
      }
      expect(differs).toBe(!acceptsAlike(p, channels));
    }
  });

  it('an elevation needs only room in its own channel', () => {
    const p = compileProfile(normalizeProfile('p', { maxPerChannel: { voice: 1, chat: 3, email: 1 }, maxTotal: 3, block: [{ while: 'chat', noNew: ['voice'] }] }));
    const full = holding({ chat: 3 });
    expect(canAccept(p, full, heldMask(full), CHANNELS.indexOf('voice'))).toBe(false);
    expect(canElevateInto(p, full, CHANNELS.indexOf('voice'))).toBe(true);
    expect(canElevateInto(p, holding({ chat: 2, voice: 1 }), CHANNELS.indexOf('voice'))).toBe(false);
  });
});
