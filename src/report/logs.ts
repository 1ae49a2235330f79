// The per-contact and per-session logs (`contacts.csv`, `sessions.csv`): record sinks that
// stream rows to CSV as the simulation produces them. Column lists are defined here once.
import type { ContactRecord, RecordSink, SessionRecord } from '../stats/records.js';
import { CsvFile, joinParts } from './csv.js';
import { formatNumber } from './format.js';

export const CONTACT_COLUMNS = [
  'replication',
  'contact',
  'session',
  'channel',
  'direction',
  'origin',
  'group',
  'agent',
  'arrival',
  'answered',
  'abandoned',
  'end',
  'wait',
  'handle',
  'wrapEnd',
  'outcome',
  'exchanges',
  'replies',
  'responseBreaches',
  'leftMidway',
  'wrapStart',
] as const;

/**
 * contacts.csv's columns: a scenario written with skills adds `skill` (the queue each inbound
 * contact arrived on; empty for an elevated one) after the others; one written with channels
 * keeps the columns it always had.
 */
export function contactColumns(skills: boolean): readonly string[] {
  return skills ? [...CONTACT_COLUMNS, 'skill'] : CONTACT_COLUMNS;
}

export const SESSION_COLUMNS = ['replication', 'session', 'contacts', 'channels', 'start', 'end', 'duration', 'elevations'] as const;

export function contactRow(r: ContactRecord, skills = false): (string | number | boolean)[] {
  const row = [
    r.replication,
    r.contact,
    r.session,
    r.channel,
    r.direction,
    r.origin === 0 ? '' : r.origin,
    r.group,
    r.agent < 0 ? '' : r.agent,
    formatNumber(r.arrival),
    formatNumber(r.answered),
    formatNumber(r.abandoned),
    formatNumber(r.end),
    formatNumber(r.wait),
    formatNumber(r.handle),
    formatNumber(r.wrapEnd),
    r.outcome,
    r.exchanges,
    r.replies,
    r.responseBreaches,
    r.leftMidway,
    formatNumber(r.wrapStart),
  ];
  if (skills) row.push(r.skill);
  return row;
}

export function sessionRow(r: SessionRecord): (string | number)[] {
  return [r.replication, r.session, r.contacts, r.channels, formatNumber(r.start), formatNumber(r.end), formatNumber(r.duration), r.elevations];
}

/** Streams the logs of a run into CSV files; contacts only when asked for. */
export class LogFiles implements RecordSink {
  private readonly contacts: CsvFile | null;
  private readonly sessions: CsvFile;

  readonly wantsContacts: boolean;
  private readonly skills: boolean;

  /**
   * `header: false` writes the rows of one replication, to be joined by `joinLogParts`;
   * `skills`: the scenario was written with skills (contacts.csv names each contact's).
   */
  constructor(contactsPath: string | null, sessionsPath: string, header = true, skills = false) {
    this.skills = skills;
    this.contacts = contactsPath === null ? null : new CsvFile(contactsPath, contactColumns(skills), { header });
    this.wantsContacts = this.contacts !== null;
    this.sessions = new CsvFile(sessionsPath, SESSION_COLUMNS, { header });
  }

  contact(record: ContactRecord): void {
    this.contacts?.write(contactRow(record, this.skills));
  }

  session(record: SessionRecord): void {
    this.sessions.write(sessionRow(record));
  }

  close(): void {
    this.contacts?.close();
    this.sessions.close();
  }
}

/** Where one replication's log rows go: `contacts.<r>.part` and `sessions.<r>.part` in the folder. */
export function logPartPaths(folder: (name: string) => string, replication: number, contacts: boolean): { contacts: string | null; sessions: string } {
  return {
    contacts: contacts ? folder(`contacts.${replication}.part`) : null,
    sessions: folder(`sessions.${replication}.part`),
  };
}

/** Joins the replications' parts, in the order given, into contacts.csv and sessions.csv. */
export function joinLogParts(folder: (name: string) => string, replications: readonly number[], contacts: boolean, skills: boolean): void {
  if (contacts) {
    joinParts(folder('contacts.csv'), contactColumns(skills), replications.map((r) => logPartPaths(folder, r, true).contacts!));
  }
  joinParts(folder('sessions.csv'), SESSION_COLUMNS, replications.map((r) => logPartPaths(folder, r, false).sessions));
}
