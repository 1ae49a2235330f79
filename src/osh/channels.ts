// The channels and contact kinds osh-sim knows. Inbound contacts arrive on one of five
// channels; an elevation creates an outbound voice or email contact. Limits in concurrency
// profiles count outbound voice as voice and outbound email as email.

export const CHANNELS = ['voice', 'chat', 'email', 'workitem', 'voicemail'] as const;
export type ChannelName = (typeof CHANNELS)[number];
export const CHANNEL_COUNT = CHANNELS.length;

/** Channels an elevation may create (outbound); the same names as their inbound channel. */
export const ELEVATION_TARGETS = ['voice', 'email'] as const;
export type ElevationTarget = (typeof ELEVATION_TARGETS)[number];

export const CONTACT_KINDS = [
  'voice',
  'chat',
  'email',
  'workitem',
  'voicemail',
  'outbound-voice',
  'outbound-email',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** The channel whose limits a contact kind counts against. */
export function channelOfKind(kind: ContactKind): ChannelName {
  switch (kind) {
    case 'outbound-voice':
      return 'voice';
    case 'outbound-email':
      return 'email';
    default:
      return kind;
  }
}

export function directionOfKind(kind: ContactKind): 'inbound' | 'outbound' {
  return kind === 'outbound-voice' || kind === 'outbound-email' ? 'outbound' : 'inbound';
}
