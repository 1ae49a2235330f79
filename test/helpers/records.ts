// A record sink that keeps every record, for small behavioural scenarios.
import { simulate } from '../../src/center/simulate.js';
import type { Scenario } from '../../src/scenario/model.js';
import type { ReplicationResult } from '../../src/stats/metrics.js';
import type { ContactRecord, RecordSink, SessionRecord } from '../../src/stats/records.js';

export class KeepAll implements RecordSink {
  readonly wantsContacts = true;
  readonly contacts: ContactRecord[] = [];
  readonly sessions: SessionRecord[] = [];
  contact(record: ContactRecord): void {
    this.contacts.push(record);
  }
  session(record: SessionRecord): void {
    this.sessions.push(record);
  }
}

export function runKeeping(scenario: Scenario, replication = 0): { result: ReplicationResult; log: KeepAll } {
  const log = new KeepAll();
  const result = simulate(scenario, replication, { log });
  return { result, log };
}
