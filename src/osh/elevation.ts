// Which contact may be elevated to which new outbound contact: exactly the product's table.
// Outbound contacts elevate as their channel does (an outbound call like a call), so chains
// such as chat → voice → email stay inside the table. Exports `ELEVATION_TABLE`,
// `elevationRefusal`, `elevationPairIndex`.
import {
  CONTACT_KINDS,
  ELEVATION_TARGETS,
  type ContactKind,
  type ElevationTarget,
  channelOfKind,
} from './channels.js';

/** current channel → channels it may elevate to (the product description's table). */
export const ELEVATION_TABLE: Readonly<Record<string, readonly ElevationTarget[]>> = {
  chat: ['email', 'voice'],
  email: ['voice'],
  voice: ['email'],
  workitem: ['email', 'voice'],
  voicemail: ['email', 'voice'],
};

/** Why an elevation from `from` to the channel `to` is refused, or null when the table allows it. */
export function elevationRefusal(from: string, to: string): string | null {
  if (!(CONTACT_KINDS as readonly string[]).includes(from)) {
    return `unknown contact kind '${from}' (expected one of ${CONTACT_KINDS.join(', ')})`;
  }
  if (!(ELEVATION_TARGETS as readonly string[]).includes(to)) {
    return `a contact can be elevated only to a new outbound voice or email contact, not to '${to}'`;
  }
  const channel = channelOfKind(from as ContactKind);
  const allowed = ELEVATION_TABLE[channel]!;
  if (!allowed.includes(to as ElevationTarget)) {
    const allowedText = allowed.join(' or ');
    return `${article(from)} ${from} contact cannot be elevated to ${to}; it may be elevated to ${allowedText}`;
  }
  return null;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

/**
 * Where the figures count an elevation from a contact of channel index `fromChannel` to
 * `to`: one pair per (channel, target), so an outbound call elevated to email counts as
 * voice > email, as the table reads it.
 */
export function elevationPairIndex(fromChannel: number, to: ElevationTarget): number {
  return fromChannel * 2 + (to === 'voice' ? 0 : 1);
}
