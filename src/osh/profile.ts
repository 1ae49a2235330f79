// Concurrency profiles: may this agent accept one more contact of a channel now? Pure rules
// over what the agent holds. One profile expresses per-channel maxima, a total maximum,
// capacity units out of a budget, cross-channel blocks and "OSH off"; vendor options
// (current-channel-only, interruptible-by) are normalised into blocks before they get here.
import { CHANNELS, CHANNEL_COUNT, type ChannelName } from './channels.js';

/** A profile as the rules read it: every field filled, no shorthands. */
export interface ConcurrencyProfile {
  readonly name: string;
  /** Most contacts of each channel at once (outbound counts as its channel). */
  readonly maxPerChannel: Readonly<Record<ChannelName, number>>;
  /** Most contacts at once across channels; Infinity when unbounded. */
  readonly maxTotal: number;
  /** Units one contact of each channel takes out of `budget`; all 0 without a budget. */
  readonly units: Readonly<Record<ChannelName, number>>;
  /** Capacity-unit budget; Infinity when the profile has none. */
  readonly budget: number;
  /** While holding a contact of `while`, no new contact of the `noNew` channels is routed. */
  readonly blocks: readonly { readonly while: ChannelName; readonly noNew: readonly ChannelName[] }[];
  /** Whether a contact in wrap still takes its slot (most vendors: yes). */
  readonly wrapHoldsSlot: boolean;
}

/** What an agent holds, as far as the limits count it. */
export interface Holding {
  /** Contacts held per channel index (CHANNELS order). */
  readonly perChannel: ArrayLike<number>;
  /** Contacts counted toward the limits, all channels (a wrap that holds no slot is not). */
  readonly heldInLimits: number;
  readonly units: number;
}

/** A profile compiled for the hot path: arrays by channel index and bitmasks for blocks. */
export interface CompiledProfile {
  readonly profile: ConcurrencyProfile;
  readonly max: Float64Array;
  readonly maxTotal: number;
  readonly units: Float64Array;
  readonly budget: number;
  /** blockedBy[c]: bitmask of channels whose presence forbids a new contact of channel c. */
  readonly blockedBy: Int32Array;
  readonly wrapHoldsSlot: boolean;
}

/** The classic single-contact agent: OSH off. */
export const SINGLE_CONTACT: ConcurrencyProfile = {
  name: 'single',
  maxPerChannel: { voice: 1, chat: 1, email: 1, workitem: 1, voicemail: 1 },
  maxTotal: 1,
  units: { voice: 0, chat: 0, email: 0, workitem: 0, voicemail: 0 },
  budget: Infinity,
  blocks: [],
  wrapHoldsSlot: true,
};

export function compileProfile(profile: ConcurrencyProfile): CompiledProfile {
  const max = new Float64Array(CHANNEL_COUNT);
  const units = new Float64Array(CHANNEL_COUNT);
  const blockedBy = new Int32Array(CHANNEL_COUNT);
  CHANNELS.forEach((channel, c) => {
    max[c] = profile.maxPerChannel[channel];
    units[c] = profile.units[channel];
  });
  for (const block of profile.blocks) {
    const holder = CHANNELS.indexOf(block.while);
    for (const blocked of block.noNew) blockedBy[CHANNELS.indexOf(blocked)]! |= 1 << holder;
  }
  return {
    profile,
    max,
    maxTotal: profile.maxTotal,
    units,
    budget: profile.budget,
    blockedBy,
    wrapHoldsSlot: profile.wrapHoldsSlot,
  };
}

/**
 * May the agent be offered a new contact of `channel` (index) now? The routing question;
 * every rule applies. `mask` has bit c set when the agent holds a contact of channel index c;
 * the caller keeps it up to date rather than recounting per offer.
 */
export function canAccept(compiled: CompiledProfile, holding: Holding, mask: number, channel: number): boolean {
  return (
    holding.perChannel[channel]! < compiled.max[channel]! &&
    holding.heldInLimits < compiled.maxTotal &&
    holding.units + compiled.units[channel]! <= compiled.budget &&
    (mask & compiled.blockedBy[channel]!) === 0
  );
}

/**
 * Whether `canAccept` gives one answer for every channel in `channels` whatever the agent holds:
 * the total is reached before any of their own maxima (a channel's count never exceeds the
 * total's), a unit budget charges them alike, and the same channels block them. Routing then
 * keeps one availability heap for those channels instead of one each.
 */
export function acceptsAlike(compiled: CompiledProfile, channels: readonly number[]): boolean {
  if (channels.length < 2) return true;
  const first = channels[0]!;
  for (const c of channels) {
    if (compiled.max[c]! < compiled.maxTotal) return false;
    if (compiled.budget < Infinity && compiled.units[c] !== compiled.units[first]) return false;
    if (compiled.blockedBy[c] !== compiled.blockedBy[first]) return false;
  }
  return true;
}

/**
 * Whether agents of the profile practise Omnichannel Session Handling: they may hold more than
 * one contact at once. OSH off (no profile, or `maxTotal: 1`) never elevates.
 */
export function holdsSeveral(compiled: CompiledProfile): boolean {
  return compiled.maxTotal > 1;
}

/**
 * May the agent start an elevated (agent-initiated) contact of `channel`? Only the channel's
 * own maximum applies: totals, units and blocks do not stop an agent's own elevation.
 */
export function canElevateInto(compiled: CompiledProfile, holding: Holding, channel: number): boolean {
  return holding.perChannel[channel]! < compiled.max[channel]!;
}
