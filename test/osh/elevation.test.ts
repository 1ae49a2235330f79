// The elevation table, cell by cell: seven contact kinds × seven targets, exactly the ten
// pairs of the product description allowed (outbound voice and email elevate as voice and
// email do), every other pair refused with a reason.
import { describe, expect, it } from 'vitest';
import { CONTACT_KINDS } from '../../src/osh/channels.js';
import { elevationRefusal, elevationRefusalByKind, mayElevate } from '../../src/osh/elevation.js';

const ALLOWED = new Set([
  'chat>outbound-email',
  'chat>outbound-voice',
  'email>outbound-voice',
  'voice>outbound-email',
  'workitem>outbound-email',
  'workitem>outbound-voice',
  'voicemail>outbound-email',
  'voicemail>outbound-voice',
  'outbound-voice>outbound-email',
  'outbound-email>outbound-voice',
]);

describe('elevation table', () => {
  const cells = CONTACT_KINDS.flatMap((from) => CONTACT_KINDS.map((to) => [from, to] as const));

  it('has 49 cells, 10 of them allowed', () => {
    expect(cells).toHaveLength(49);
    expect(cells.filter(([from, to]) => ALLOWED.has(`${from}>${to}`))).toHaveLength(10);
  });

  for (const [from, to] of cells) {
    const allowed = ALLOWED.has(`${from}>${to}`);
    it(`${from} → ${to}: ${allowed ? 'allowed' : 'refused'}`, () => {
      const refusal = elevationRefusalByKind(from, to);
      if (allowed) {
        expect(refusal).toBeNull();
        expect(mayElevate(from, to === 'outbound-voice' ? 'voice' : 'email')).toBe(true);
      } else {
        expect(refusal).toEqual(expect.any(String));
        expect(refusal!.length).toBeGreaterThan(20);
      }
    });
  }

  it('explains what is allowed instead', () => {
    expect(elevationRefusal('email', 'email')).toBe('an email contact cannot be elevated to email; it may be elevated to voice');
    expect(elevationRefusal('voice', 'chat')).toContain('only to a new outbound voice or email contact');
    expect(elevationRefusal('fax', 'voice')).toContain("unknown contact kind 'fax'");
    expect(elevationRefusalByKind('chat', 'voice')).toBe('an elevation creates a new outbound voice or email contact, never an inbound voice contact');
  });
});
