// Flat records of single contacts and sessions, for the per-contact and per-session logs.
// The simulation builds one only when a log is attached; adapters in report/ write them.
// Times are seconds since the horizon start; NaN means "did not happen".

export type ContactOutcome = 'handled' | 'abandoned' | 'backlogEnd';

export interface ContactRecord {
  readonly replication: number;
  readonly contact: number;
  /** Id of its session's first contact; its own id when it was never part of a session. */
  readonly session: number;
  readonly channel: string;
  /** Its skill (the channel's name for a `channels:` entry); '' for an outbound contact. */
  readonly skill: string;
  readonly direction: 'inbound' | 'outbound';
  /** Contact it was elevated from; 0 for none. */
  readonly origin: number;
  readonly group: string;
  /** Agent index; -1 when never answered. */
  readonly agent: number;
  readonly arrival: number;
  readonly answered: number;
  readonly abandoned: number;
  /** End of talk or work (the last reply of a chat). */
  readonly end: number;
  readonly wait: number;
  /** Answer to end of wrap. */
  readonly handle: number;
  /** When its wrap began: after talk or work, or later for an origin waiting on an elevation. */
  readonly wrapStart: number;
  readonly wrapEnd: number;
  readonly outcome: ContactOutcome;
  readonly exchanges: number;
  readonly replies: number;
  readonly responseBreaches: number;
  readonly leftMidway: boolean;
}

export interface SessionRecord {
  readonly replication: number;
  readonly session: number;
  readonly contacts: number;
  /** Channels of its contacts, e.g. `chat+voice`. */
  readonly channels: string;
  readonly start: number;
  readonly end: number;
  readonly duration: number;
  readonly elevations: number;
}

/** Where the simulation sends records as contacts and sessions end. */
export interface RecordSink {
  /** False when only sessions are wanted: contact records are then never built. */
  readonly wantsContacts: boolean;
  contact(record: ContactRecord): void;
  session(record: SessionRecord): void;
}

/** One contact of a sampled agent in the timeline window: what the agent's screen showed. */
export interface TimelineEntry {
  readonly agent: number;
  readonly group: string;
  readonly contact: number;
  readonly session: number;
  readonly channel: string;
  readonly direction: 'inbound' | 'outbound';
  readonly start: number;
  readonly wrapStart: number;
  readonly end: number;
}
