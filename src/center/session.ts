// A session's running counts in one replication (see osh/session.ts for the rule it obeys).
// Created at a contact's first elevation. Exports `Session`.
import type { SessionCounts } from '../osh/session.js';

export class Session implements SessionCounts {
  /** The id of its first contact. */
  readonly id: number;
  /** When its first contact was answered, s. */
  readonly startAt: number;
  readonly counted: boolean;
  readonly interval: number;
  contacts = 1;
  wrapped = 0;
  pendingElevations = 0;
  elevations = 0;
  /** Bitmask of the channels of its contacts (outbound counted as their channel). */
  channelMask: number;

  constructor(id: number, startAt: number, counted: boolean, interval: number, channel: number) {
    this.id = id;
    this.startAt = startAt;
    this.counted = counted;
    this.interval = interval;
    this.channelMask = 1 << channel;
  }
}
