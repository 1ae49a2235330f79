// The recorder: every write a replication makes into its collector, by named figure, and the
// contact and session records and agent timeline handed to the report. Rooms say what
// happened ("answered after 12 s"); the recorder knows which accumulators that feeds.
// Exports `Recorder`. Times in seconds.
import { CHANNELS } from '../osh/channels.js';
import { CONTACT_FIELDS, Collector, ContactField, GROUP_FIELDS, GroupField } from '../stats/collector.js';
import type { ContactOutcome, RecordSink, TimelineEntry } from '../stats/records.js';
import { AGENT_TIME_LEVELS, type Agent, AgentTime } from './agent.js';
import { type Contact } from './contact.js';
import type { Session } from './session.js';
import type { TimelineWindow } from './timeline.js';

const CHAT = CHANNELS.indexOf('chat');

export class Recorder {
  readonly collector: Collector;
  readonly timeline: TimelineEntry[] = [];
  private readonly replication: number;
  private readonly log: RecordSink | undefined;
  private readonly logContacts: boolean;
  private readonly timelineWindow: TimelineWindow | undefined;
  /** Agents sampled for the timeline (1) or not (0), by agent index. */
  private readonly timelineAgents: Uint8Array;
  private readonly intervals: number;
  /** Inbound skills' names by row, for the contact log. */
  private readonly skillNames: readonly string[];

  constructor(collector: Collector, replication: number, intervals: number, agents: number, log: RecordSink | undefined, timeline: TimelineWindow | undefined, skillNames: readonly string[]) {
    this.collector = collector;
    this.skillNames = skillNames;
    this.replication = replication;
    this.intervals = intervals;
    this.log = log;
    this.logContacts = log?.wantsContacts ?? false;
    this.timelineWindow = timeline;
    this.timelineAgents = new Uint8Array(agents);
    for (const a of timeline?.agents ?? []) if (a < agents) this.timelineAgents[a] = 1;
  }

  // ------------------------------------------------------------------ contacts

  /** An inbound contact arrived (backlog included); `counted`: after warm-up. */
  arrived(row: number, interval: number, counted: boolean): void {
    this.collector.ledger.arrived[row]! += 1;
    if (counted) this.collector.add(row, interval, ContactField.offered, 1);
  }

  /** A queued contact was answered after `wait` seconds; `withinThreshold` of its service level. */
  answered(row: number, interval: number, counted: boolean, wait: number, withinThreshold: boolean): void {
    const c = this.collector;
    const ledger = c.ledger;
    ledger.answered[row]! += 1;
    ledger.queueTimeSum[row]! += wait;
    if (!counted) return;
    const cell = c.cell(row, interval);
    const base = cell * CONTACT_FIELDS;
    const fields = c.contacts;
    fields[base + ContactField.answered]! += 1;
    fields[base + ContactField.waitSum]! += wait;
    fields[base + (withinThreshold ? ContactField.answeredInThreshold : ContactField.slaBreaches)]! += 1;
    c.waits.add(cell, wait);
  }

  /** The customer hung up in queue after `wait` seconds; `short`: before shortAbandonSec. */
  abandoned(row: number, interval: number, counted: boolean, wait: number, short: boolean): void {
    const c = this.collector;
    c.ledger.abandoned[row]! += 1;
    c.ledger.queueTimeSum[row]! += wait;
    if (!counted) return;
    c.add(row, interval, ContactField.abandoned, 1);
    if (short) c.add(row, interval, ContactField.abandonedShort, 1);
  }

  /** Still queued when the horizon ended, after `wait` seconds. */
  backlogEnd(row: number, interval: number, counted: boolean, wait: number, pastThreshold: boolean): void {
    const c = this.collector;
    c.ledger.backlogEnd[row]! += 1;
    c.ledger.queueTimeSum[row]! += wait;
    if (!counted) return;
    c.add(row, interval, ContactField.backlogEnd, 1);
    if (pastThreshold) c.add(row, interval, ContactField.slaBreaches, 1);
  }

  /** A chat reply was sent `response` seconds after its timer started. */
  replySent(row: number, interval: number, counted: boolean, response: number, breach: boolean): void {
    if (!counted) return;
    const c = this.collector;
    const cell = c.cell(row, interval);
    const base = cell * CONTACT_FIELDS;
    const fields = c.contacts;
    fields[base + ContactField.replies]! += 1;
    fields[base + ContactField.responseSum]! += response;
    if (breach) fields[base + ContactField.responseBreaches]! += 1;
    c.responses.add(cell, response);
  }

  /** A chat customer left waiting for a reply; `red`: after the timer went red (a breach). */
  chatLeft(row: number, interval: number, counted: boolean, red: boolean): void {
    if (!counted) return;
    const c = this.collector;
    c.add(row, interval, ContactField.chatsLeftMidway, 1);
    if (red) {
      c.add(row, interval, ContactField.responseBreaches, 1);
      c.add(row, interval, ContactField.chatsLeftAtRedTimer, 1);
    }
  }

  /**
   * A contact finished its wrap `handle` seconds after it was answered; `work`: the agent's work
   * content of it (talk, replies, work, wrap), s.
   */
  handled(row: number, interval: number, counted: boolean, handle: number, work: number, outbound: boolean): void {
    const c = this.collector;
    c.ledger.holdingSum += handle;
    if (outbound) c.ledger.outboundFinished++;
    if (!counted) return;
    const cell = c.cell(row, interval);
    const base = cell * CONTACT_FIELDS;
    c.contacts[base + ContactField.handled]! += 1;
    c.contacts[base + ContactField.handleSum]! += handle;
    c.contacts[base + ContactField.handleWorkSum]! += work;
    c.handles.add(cell, handle);
  }

  /** A contact ended (handled, abandoned or backlogEnd): its record, and the timeline's. */
  contactEnded(contact: Contact, outcome: ContactOutcome, now: number): void {
    if (this.logContacts) this.logContact(contact, outcome, now);
    const agent = contact.agent;
    if (agent !== null && this.timelineAgents[agent.index] === 1) this.keepForTimeline(contact, agent, now);
  }

  private logContact(contact: Contact, outcome: ContactOutcome, now: number): void {
    const agent = contact.agent;
    const handled = outcome === 'handled';
    this.log!.contact({
      replication: this.replication,
      contact: contact.id,
      session: contact.session === null ? contact.id : contact.session.id,
      channel: CHANNELS[contact.channel]!,
      skill: contact.outbound ? '' : this.skillNames[contact.row]!,
      direction: contact.outbound ? 'outbound' : 'inbound',
      origin: contact.originId,
      group: agent === null ? '' : agent.group.name,
      agent: agent === null ? -1 : agent.index,
      arrival: contact.arrivalAt,
      answered: contact.answeredAt,
      abandoned: outcome === 'abandoned' ? now : Number.NaN,
      end: contact.handlingEndAt,
      wait: (handled ? contact.answeredAt : now) - contact.arrivalAt,
      handle: handled ? now - contact.answeredAt : Number.NaN,
      wrapStart: contact.wrapStartAt,
      wrapEnd: handled ? now : Number.NaN,
      outcome,
      exchanges: contact.channel === CHAT && !contact.outbound ? contact.exchanges : 0,
      replies: contact.repliesSent,
      responseBreaches: contact.responseBreaches,
      leftMidway: contact.leftMidway,
    });
  }

  private keepForTimeline(contact: Contact, agent: Agent, end: number): void {
    const window = this.timelineWindow!;
    if (end < window.from || contact.answeredAt >= window.to) return;
    this.timeline.push({
      agent: agent.index,
      group: agent.group.name,
      contact: contact.id,
      session: contact.session === null ? contact.id : contact.session.id,
      channel: CHANNELS[contact.channel]!,
      direction: contact.outbound ? 'outbound' : 'inbound',
      start: contact.answeredAt,
      wrapStart: contact.wrapStartAt,
      end,
    });
  }

  // ------------------------------------------------------------------ elevations and sessions

  elevationDropped(counted: boolean): void {
    if (counted) this.collector.elevationsDropped++;
  }

  elevationDeferred(counted: boolean): void {
    if (counted) this.collector.elevationsDeferred++;
  }

  /** An elevated contact was created (offered and answered at once) for elevation pair `pair`. */
  elevationStarted(pair: number, row: number, interval: number, counted: boolean): void {
    const c = this.collector;
    c.ledger.outboundCreated++;
    if (!counted) return;
    c.elevations[pair]! += 1;
    c.add(row, interval, ContactField.offered, 1);
    c.add(row, interval, ContactField.answered, 1);
  }

  sessionOpened(): void {
    this.collector.ledger.sessionsOpened++;
  }

  sessionCompleted(session: Session, now: number): void {
    this.collector.ledger.sessionsCompleted++;
    if (session.counted) this.collector.addSession(session.interval, now - session.startAt, session.contacts, session.elevations);
    if (this.log !== undefined) {
      this.log.session({
        replication: this.replication,
        session: session.id,
        contacts: session.contacts,
        channels: CHANNELS.filter((_, c) => (session.channelMask & (1 << c)) !== 0).join('+'),
        start: session.startAt,
        end: now,
        duration: now - session.startAt,
        elevations: session.elevations,
      });
    }
  }

  // ------------------------------------------------------------------ agents and queues

  /** `held` contacts held over `dt` seconds, for the ledger's sample-path total. */
  heldTime(heldTimesDt: number): void {
    this.collector.ledger.heldTime += heldTimesDt;
  }

  /** A contact handled by a group, booked to the interval agent time is booked to. */
  groupHandled(group: number, interval: number): void {
    this.collector.addGroup(group, interval, GroupField.handled, 1);
  }

  /** Books an agent's time in interval k (its account for the closing interval) to its group. */
  agentInterval(agent: Agent, k: number): void {
    const c = this.collector;
    const time = agent.intervalTime;
    const group = agent.group;
    const base = (group.index * this.intervals + k) * GROUP_FIELDS;
    c.groups[base + GroupField.loggedInTime]! += time[AgentTime.loggedIn]!;
    c.groups[base + GroupField.busyTime]! += time[AgentTime.busy]!;
    c.groups[base + GroupField.loadTime]! += time[AgentTime.load]!;
    c.groups[base + GroupField.heldTime]! += time[AgentTime.held]!;
    const levelTime = c.groupLevels[group.index]!;
    for (let l = 0; l < group.levels; l++) levelTime[k * group.levels + l]! += time[AGENT_TIME_LEVELS + l]!;
  }

  /** Time-integrated queue length of a channel over the run (Little's law's left side). */
  queueLengthTime(row: number, lengthTime: number): void {
    this.collector.ledger.queueLengthTime[row] = lengthTime;
  }
}
