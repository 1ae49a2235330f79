// The elevation table, cell by cell: seven contact kinds × five channels an elevation might
// name, exactly the ten pairs of the product description allowed (outbound voice and email
// elevate as voice and email do), every other pair refused with a reason.
import { describe, expect, it } from 'vitest';
import { CHANNELS, CONTACT_KINDS } from '../../src/osh/channels.js';
import { elevationRefusal } from '../../src/osh/elevation.js';
import * as messages from '../../src/osh/messages.js';

const ALLOWED = new Set([
  'chat>email',
  'chat>voice',
  'email>voice',
  'voice>email',
  'workitem>email',
  'workitem>voice',
  'voicemail>email',
  'voicemail>voice',
  'outbound-voice>email',
  'outbound-email>voice',
]);

describe('elevation table', () => {
  const cells = CONTACT_KINDS.flatMap((from) => CHANNELS.map((to) => [from, to] as const));

  it('has 35 cells, 10 of them allowed', () => {
    expect(cells).toHaveLength(35);
    expect(cells.filter(([from, to]) => ALLOWED.has(`${from}>${to}`))).toHaveLength(10);
  });

  for (const [from, to] of cells) {
    const allowed = ALLOWED.has(`${from}>${to}`);
    it(`${from} → ${to}: ${allowed ? 'allowed' : 'refused'}`, () => {
      const refusal = elevationRefusal(from, to);
      if (allowed) {
        expect(refusal).toBeNull();
      } else {
        expect(refusal).toEqual(expect.any(String));
        expect(refusal!.length).toBeGreaterThan(20);
      }
    });
  }

  it('explains what is allowed instead', () => {
    expect(elevationRefusal('email', 'email')).toBe(messages.elevationNotInTable('email', 'email', ['voice']));
    expect(elevationRefusal('outbound-voice', 'voice')).toBe(messages.elevationNotInTable('outbound-voice', 'voice', ['email']));
    expect(elevationRefusal('voice', 'chat')).toBe(messages.notAnElevationTarget('chat'));
    expect(elevationRefusal('fax', 'voice')).toBe(messages.unknownContactKind('fax', CONTACT_KINDS));
  });
});
