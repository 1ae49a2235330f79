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
import * as messages from './messages.js';

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
    return messages.unknownContactKind(from, CONTACT_KINDS);
  }
  if (!(ELEVATION_TARGETS as readonly string[]).includes(to)) {
    return messages.notAnElevationTarget(to);
  }
  const channel = channelOfKind(from as ContactKind);
  const allowed = ELEVATION_TABLE[channel]!;
  if (!allowed.includes(to as ElevationTarget)) return messages.elevationNotInTable(from, to, allowed);
  return null;
}

/**
 * Where the figures count an elevation from a contact of channel index `fromChannel` to
 * `to`: one pair per (channel, target), so an outbound call elevated to email counts as
 * voice > email, as the table reads it.
 */
export function elevationPairIndex(fromChannel: number, to: ElevationTarget): number {
  return fromChannel * 2 + (to === 'voice' ? 0 : 1);
}
