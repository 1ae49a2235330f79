// Streaming collectors of one replication: sums and counts per channel and reporting
// interval (contacts booked to the interval they arrived in), agent time per group and
// interval (booked to the interval it passed in), sessions and elevations. Memory grows with
// channels × intervals and groups × intervals, never with contacts. Exports `Collector`.
import { DurationHistogram, HistogramSet } from './histogram.js';

/** Per (channel row, interval) sums and counts. */
export const ContactField = {
  offered: 0,
  answered: 1,
  answeredInThreshold: 2,
  handled: 3,
  abandoned: 4,
  /** Abandoned sooner than the channel's shortAbandonSec. */
  abandonedShort: 5,
  backlogEnd: 6,
  /** Answered after the threshold, or still waiting at the end past it. */
  slaBreaches: 7,
  waitSum: 8,
  handleSum: 9,
  replies: 10,
  responseBreaches: 11,
  responseSum: 12,
  chatsLeftMidway: 13,
  /** Chat customers who left after their reply timer went red: breaches without a reply. */
  chatsLeftAtRedTimer: 14,
  /** The agent's work content of handled contacts: talk, replies, work and wrap at their own pace, s. */
  handleWorkSum: 15,
} as const;
export const CONTACT_FIELDS = Object.keys(ContactField).length;

export const GroupField = {
  loggedInTime: 0,
  busyTime: 1,
  loadTime: 2,
  heldTime: 3,
  handled: 4,
} as const;
export const GROUP_FIELDS = Object.keys(GroupField).length;

export const SessionField = {
  sessions: 0,
  durationSum: 1,
  contactsSum: 2,
  elevationsSum: 3,
} as const;
export const SESSION_FIELDS = Object.keys(SessionField).length;

/** Sample-path totals over the whole run, warm-up and overtime included: the ledger tests use. */
export interface Ledger {
  /** Per inbound channel row. */
  arrived: Float64Array;
  answered: Float64Array;
  abandoned: Float64Array;
  backlogEnd: Float64Array;
  /** Time in queue summed over every contact that queued (to answer, abandon or horizon end). */
  queueTimeSum: Float64Array;
  /** ∫ queue length dt. */
  queueLengthTime: Float64Array;
  /** ∫ contacts held by agents dt, and Σ (done − answered) over finished contacts. */
  heldTime: number;
  holdingSum: number;
  outboundCreated: number;
  outboundFinished: number;
  sessionsOpened: number;
  sessionsCompleted: number;
}

export class Collector {
  readonly intervals: number;
  /** Contact rows: the scenario's inbound channels, then outbound voice and outbound email. */
  readonly contactRows: number;
  readonly contacts: Float64Array;
  /** By cell (row × intervals + interval): waits of answered contacts, chat response times, handle times. */
  readonly waits: HistogramSet;
  readonly responses: HistogramSet;
  readonly handles: HistogramSet;
  readonly groups: Float64Array;
  readonly groupLevels: Float64Array[];
  readonly sessions: Float64Array;
  readonly sessionDurations = new DurationHistogram();
  readonly contactsPerSession: number[] = [];
  /** Elevations started, by pair index (from channel × 2 + target). */
  readonly elevations: Float64Array;
  elevationsDeferred = 0;
  elevationsDropped = 0;
  readonly ledger: Ledger;

  constructor(contactRows: number, inboundRows: number, groupLevels: readonly number[], intervals: number, pairs: number) {
    this.intervals = intervals;
    this.contactRows = contactRows;
    this.contacts = new Float64Array(contactRows * intervals * CONTACT_FIELDS);
    this.waits = new HistogramSet(contactRows, intervals);
    this.responses = new HistogramSet(contactRows, intervals);
    this.handles = new HistogramSet(contactRows, intervals);
    this.groups = new Float64Array(groupLevels.length * intervals * GROUP_FIELDS);
    this.groupLevels = groupLevels.map((levels) => new Float64Array(levels * intervals));
    this.sessions = new Float64Array(intervals * SESSION_FIELDS);
    this.elevations = new Float64Array(pairs);
    this.ledger = {
      arrived: new Float64Array(inboundRows),
      answered: new Float64Array(inboundRows),
      abandoned: new Float64Array(inboundRows),
      backlogEnd: new Float64Array(inboundRows),
      queueTimeSum: new Float64Array(inboundRows),
      queueLengthTime: new Float64Array(inboundRows),
      heldTime: 0,
      holdingSum: 0,
      outboundCreated: 0,
      outboundFinished: 0,
      sessionsOpened: 0,
      sessionsCompleted: 0,
    };
  }

  /** Once the figures are taken: hands the histogram memory on to the next replication. */
  release(): void {
    this.waits.release();
    this.responses.release();
    this.handles.release();
  }

  add(row: number, interval: number, field: number, value: number): void {
    this.contacts[(row * this.intervals + interval) * CONTACT_FIELDS + field]! += value;
  }

  /** The (row, interval) cell: its fields start at cell × CONTACT_FIELDS in `contacts`. */
  cell(row: number, interval: number): number {
    return row * this.intervals + interval;
  }

  addGroup(group: number, interval: number, field: number, value: number): void {
    this.groups[(group * this.intervals + interval) * GROUP_FIELDS + field]! += value;
  }

  addSession(interval: number, durationSec: number, contacts: number, elevations: number): void {
    const base = interval * SESSION_FIELDS;
    this.sessions[base + SessionField.sessions]! += 1;
    this.sessions[base + SessionField.durationSum]! += durationSec;
    this.sessions[base + SessionField.contactsSum]! += contacts;
    this.sessions[base + SessionField.elevationsSum]! += elevations;
    this.sessionDurations.add(durationSec);
    this.contactsPerSession[contacts] = (this.contactsPerSession[contacts] ?? 0) + 1;
  }
}
