// The desk: a contact's phases once an agent has it. Answer; talk (a live call), chat
// exchanges (reply ⇄ think) or work; the end of handling, where elevations are decided; wrap;
// done. Also what an agent holds as its profile counts it (hold, uncount, release).
// Exports `Desk`. Times in seconds.
import { type EventCalendar, NO_EVENT } from '../kernel/calendar.js';
import { CHANNELS } from '../osh/channels.js';
import { isResponseBreach, responseTime } from '../osh/response.js';
import { isSessionComplete } from '../osh/session.js';
import type { ContactOutcome } from '../stats/records.js';
import { type Agent, AgentState } from './agent.js';
import type { Attention } from './attention.js';
import { type ChannelRuntime, draw } from './channels.js';
import { type Contact, type ContactPool, Phase } from './contact.js';
import { EventKind, Priority } from './events.js';
import type { Recorder } from './recorder.js';
import type { Roster } from './roster.js';
import type { Sessions } from './sessions.js';

const VOICE = CHANNELS.indexOf('voice');
const CHAT = CHANNELS.indexOf('chat');

export class Desk {
  private readonly calendar: EventCalendar;
  private readonly contacts: ContactPool;
  private readonly recorder: Recorder;
  /** Inbound channels by row. */
  private readonly channels: readonly ChannelRuntime[];
  private attention!: Attention;
  private sessions!: Sessions;
  private roster!: Roster;
  private assignmentSerial = 0;
  /** When the last contact finished its wrap, s. */
  lastWrapEndAt = 0;

  constructor(calendar: EventCalendar, contacts: ContactPool, recorder: Recorder, channels: readonly ChannelRuntime[]) {
    this.calendar = calendar;
    this.contacts = contacts;
    this.recorder = recorder;
    this.channels = channels;
  }

  wire(attention: Attention, sessions: Sessions, roster: Roster): void {
    this.attention = attention;
    this.sessions = sessions;
    this.roster = roster;
  }

  /** The agent answers a queued (or just arrived) inbound contact. */
  assign(contact: Contact, agent: Agent): void {
    const now = this.calendar.now;
    this.attention.touch(agent);
    contact.agent = agent;
    contact.answeredAt = now;
    this.count(agent, contact);
    agent.lastAssignedAt = now;
    agent.lastAssignment = ++this.assignmentSerial;
    const channel = this.channels[contact.row]!;
    const wait = now - contact.arrivalAt;
    this.recorder.answered(channel.row, contact.interval, contact.counted, wait, wait <= channel.slThreshold);
    if (contact.channel === VOICE) {
      this.startLive(agent, contact, Phase.Talk, contact.handlingDuration / agent.group.speed);
    } else if (contact.channel === CHAT) {
      contact.responseTimerAt = now;
      this.startReply(agent, contact, channel);
    } else {
      contact.phase = Phase.Work;
      this.attention.addWork(agent, contact, contact.handlingDuration);
    }
  }

  hold(agent: Agent, contact: Contact): void {
    this.attention.touch(agent);
    this.count(agent, contact);
  }

  /** `hold` for an agent already touched in this event (one call less on the hot path). */
  private count(agent: Agent, contact: Contact): void {
    this.roster.flushAgent(agent);
    const c = contact.channel;
    agent.perChannel[c]! += 1;
    agent.heldInLimits++;
    agent.units += agent.group.profile.units[c]!;
    agent.mask |= 1 << c;
    contact.countsTowardLimits = true;
    contact.heldIndex = agent.contacts.length;
    agent.contacts.push(contact);
    agent.standingChanged = true;
  }

  /** The contact stops counting toward the profile's limits (wrap that holds no slot, or done). */
  private uncount(agent: Agent, contact: Contact): void {
    if (!contact.countsTowardLimits) return;
    this.roster.flushAgent(agent);
    this.uncountFlushed(agent, contact);
    this.attention.touch(agent);
  }

  /** The counting part of `uncount`, once the agent's time is flushed to now. */
  private uncountFlushed(agent: Agent, contact: Contact): void {
    const c = contact.channel;
    contact.countsTowardLimits = false;
    const left = (agent.perChannel[c]! -= 1);
    agent.heldInLimits--;
    agent.units -= agent.group.profile.units[c]!;
    if (left === 0) agent.mask &= ~(1 << c);
    agent.needsPull = true;
    agent.standingChanged = true;
  }

  private release(agent: Agent, contact: Contact): void {
    // One flush and one touch for both the uncounting and the release (the same instant).
    this.roster.flushAgent(agent);
    if (contact.countsTowardLimits) this.uncountFlushed(agent, contact);
    const last = agent.contacts.pop()!;
    if (last !== contact) {
      agent.contacts[contact.heldIndex] = last;
      last.heldIndex = contact.heldIndex;
    }
    contact.heldIndex = -1;
    if (agent.held === 0) agent.idleSince = this.calendar.now;
    agent.needsPull = true;
    agent.standingChanged = true;
    this.attention.touch(agent);
  }

  startLive(agent: Agent, contact: Contact, phase: Phase, duration: number): void {
    this.attention.touch(agent);
    if (phase === Phase.Talk) contact.workContent += duration;
    contact.phase = phase;
    agent.live = contact;
    agent.workChanged = true;
    contact.timer = this.calendar.schedule(this.calendar.now + duration, EventKind.LiveEnd, contact.slot, Priority.callEnd);
  }

  onLiveEnd(contact: Contact): void {
    contact.timer = NO_EVENT;
    const agent = contact.agent!;
    this.attention.touch(agent);
    if (contact.phase === Phase.Connect) {
      const talk = contact.handlingDuration / agent.group.speed;
      contact.timer = this.calendar.schedule(this.calendar.now + talk, EventKind.LiveEnd, contact.slot, Priority.callEnd);
      contact.phase = Phase.Talk;
      contact.workContent += talk;
      return;
    }
    agent.live = null;
    agent.workChanged = true;
    this.handlingEnded(contact);
  }

  private startReply(agent: Agent, contact: Contact, channel: ChannelRuntime): void {
    contact.phase = Phase.Reply;
    const now = this.calendar.now;
    const work =
      contact.repliesSent === 0
        ? contact.handlingDuration
        : draw(channel.handling, channel.reply, now, contact.id) * (channel.handlingFactor === null ? 1 : channel.handlingFactor[contact.interval]!);
    this.attention.addWork(agent, contact, work);
    if (channel.replyPatience !== null) {
      const patience = draw(channel.replyPatience, channel.customer, now, contact.id);
      contact.timer = this.calendar.schedule(now + patience, EventKind.ReplyPatience, contact.slot, Priority.patience);
    }
  }

  /** The chat customer's next message: the response timer starts again. */
  onThinkEnd(contact: Contact): void {
    contact.timer = NO_EVENT;
    contact.responseTimerAt = this.calendar.now;
    this.startReply(contact.agent!, contact, this.channels[contact.row]!);
  }

  /**
   * The customer left while waiting for a reply: the chat ends unanswered and goes to wrap. A
   * customer who leaves after the timer went red is a response breach, though no reply was sent.
   */
  onReplyPatience(contact: Contact): void {
    contact.timer = NO_EVENT;
    const agent = contact.agent!;
    this.attention.touch(agent);
    // The reply left unwritten is no work done.
    contact.workContent -= contact.workLeft / agent.group.speed;
    this.attention.removeWork(agent, contact);
    contact.leftMidway = true;
    const channel = this.channels[contact.row]!;
    const red = isResponseBreach(responseTime(contact.responseTimerAt, this.calendar.now), channel.model.responseThresholdSec);
    if (red) contact.responseBreaches++;
    this.recorder.chatLeft(channel.row, contact.interval, contact.counted, red);
    this.startWrap(contact);
  }

  replySent(contact: Contact): void {
    const now = this.calendar.now;
    const channel = this.channels[contact.row]!;
    this.calendar.cancel(contact.timer);
    contact.timer = NO_EVENT;
    contact.repliesSent++;
    const response = responseTime(contact.responseTimerAt, now);
    const breach = isResponseBreach(response, channel.model.responseThresholdSec);
    if (breach) contact.responseBreaches++;
    this.recorder.replySent(channel.row, contact.interval, contact.counted, response, breach);
    // Policies "after the k-th reply" apply to the last reply too; "at the end" ones follow.
    const next = this.sessions.decideElevations(contact, contact.repliesSent);
    if (next === 'wait') {
      contact.handlingEndAt = now;
      contact.phase = Phase.Waiting;
    } else if (next === 'wrapNow') {
      this.startWrap(contact);
    } else if (contact.repliesSent >= contact.exchanges) {
      this.handlingEnded(contact);
    } else {
      contact.phase = Phase.Think;
      const think = channel.think === null ? 0 : draw(channel.think, channel.customer, now, contact.id);
      contact.timer = this.calendar.schedule(now + think, EventKind.ThinkEnd, contact.slot, Priority.customerMessage);
    }
  }

  /** Talk or work is over (for a chat: the last reply is sent). */
  handlingEnded(contact: Contact): void {
    contact.handlingEndAt = this.calendar.now;
    const parent = contact.waitingParent;
    if (parent !== null) {
      contact.waitingParent = null;
      parent.waitingFor--;
      if (parent.waitingFor === 0 && parent.phase === Phase.Waiting) this.startWrap(parent);
    }
    const next = this.sessions.decideElevations(contact, 0);
    if (next === 'wait') contact.phase = Phase.Waiting;
    else this.startWrap(contact);
  }

  private startWrap(contact: Contact): void {
    const agent = contact.agent!;
    const now = this.calendar.now;
    if (Number.isNaN(contact.handlingEndAt)) contact.handlingEndAt = now;
    contact.wrapStartAt = now;
    contact.phase = Phase.Wrap;
    if (!agent.group.profile.wrapHoldsSlot) this.uncount(agent, contact);
    if (contact.wrapDuration > 0) this.attention.addWork(agent, contact, contact.wrapDuration);
    else this.contactDone(contact);
  }

  contactDone(contact: Contact): void {
    const agent = contact.agent!;
    const now = this.calendar.now;
    this.lastWrapEndAt = now;
    this.release(agent, contact);
    this.recorder.handled(contact.row, contact.interval, contact.counted, now - contact.answeredAt, contact.workContent, contact.outbound);
    const booking = this.roster.bookingInterval;
    if (booking >= 0) {
      agent.handled++;
      this.recorder.groupHandled(agent.group.index, booking);
    }
    const session = contact.session;
    if (session !== null) {
      session.wrapped++;
      if (isSessionComplete(session)) this.sessions.complete(session);
    }
    this.endContact(contact, 'handled');
    if (agent.state === AgentState.Draining && agent.held === 0 && agent.deferred.length === 0) this.roster.setState(agent, AgentState.Off);
  }

  /** The contact leaves the simulation: recorded, and its record returned to the pool. */
  endContact(contact: Contact, outcome: ContactOutcome): void {
    this.recorder.contactEnded(contact, outcome, this.calendar.now);
    this.contacts.release(contact);
  }
}
