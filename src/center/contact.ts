// A contact's record while it lives in the simulation, pooled and reused once it is done so
// memory follows the contacts alive at once, not all contacts ever. Lifecycle:
// queued → (connect →) talk | reply ⇄ think | work → (waiting →) wrap → done,
// or queued → abandoned | backlogEnd. Exports `Contact`, `Phase`, `ContactPool`.
import { NO_EVENT, type EventHandle } from '../kernel/calendar.js';
import type { WorkUnitView } from '../policies/attention.js';
import type { Agent } from './agent.js';
import type { Session } from './session.js';

export const Phase = {
  Free: 0,
  Queued: 1,
  /** Outbound call ringing: live, the agent is on the phone. */
  Connect: 2,
  /** Live voice. */
  Talk: 3,
  /** Chat: the agent writes a reply (work). */
  Reply: 4,
  /** Chat: the customer writes the next message (no agent work). */
  Think: 5,
  /** Email, work item, voicemail, outbound email (work). */
  Work: 6,
  /** Origin of a waitThenWrap elevation, holding its slot until the elevated contact's talk or work ends. */
  Waiting: 7,
  Wrap: 8,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export class Contact implements WorkUnitView {
  /** Serial within the replication (1, 2, …): the contact's id in logs. */
  id = 0;
  /** Index in CONTACT_KINDS. */
  kind = 0;
  /** Channel index the profile limits count it against (CHANNELS order). */
  channel = 0;
  /** Its row in the figures: its inbound channel's position among the scenario's channels, or the outbound voice or email row. */
  row = 0;
  /** Created by elevation (agent-initiated) rather than by a customer. */
  outbound = false;
  phase: Phase = Phase.Free;
  /** Whether its figures count (it, or its session's first contact, arrived after warm-up). */
  counted = false;
  /** Reporting interval of arrival (creation, for outbound). */
  interval = 0;
  arrivalAt = 0;
  answeredAt = Number.NaN;
  handlingEndAt = Number.NaN;
  wrapStartAt = Number.NaN;
  /** Id of the contact this one was elevated from, 0 for none. */
  originId = 0;
  agent: Agent | null = null;
  session: Session | null = null;
  /** The one timer a phase may have: patience in queue, live end, think end, reply patience. */
  timer: EventHandle = NO_EVENT;
  /** While queued: the next delay step of its skill (more groups offered), and which step it is. */
  stepTimer: EventHandle = NO_EVENT;
  step = 0;

  // Durations drawn at arrival, so a contact keeps them across what-if variants.
  handlingDuration = 0;
  wrapDuration = 0;
  patience = Infinity;
  exchanges = 1;

  // Work in progress (reply, work, wrap): seconds of work left at rate 1.
  workLeft = 0;
  /** The agent's work content so far (talk, replies, work, wrap at the group's speed), s: `handleWork`. */
  workContent = 0;
  readyAt = 0;
  priority = 0;
  /** Position in the agent's work list; -1 when not ready work. */
  workIndex = -1;
  /** Position in the agent's held list. */
  heldIndex = -1;
  /** False once its wrap started under a profile whose wrap does not hold the slot. */
  countsTowardLimits = false;

  // Chat.
  repliesSent = 0;
  responseTimerAt = 0;
  responseBreaches = 0;
  leftMidway = false;

  // Elevation.
  /** Origin that waits for this contact's talk or work to end (waitThenWrap). */
  waitingParent: Contact | null = null;
  /** Elevated contacts this one waits for (created or deferred). */
  waitingFor = 0;
  /** Deferred elevations of this contact not yet started. */
  deferredChildren = 0;
  /** Elevations from its session's first contact to it: 0 for an arriving contact. */
  elevationDepth = 0;

  // Queue links (a doubly linked FIFO through the contacts).
  queueNext: Contact | null = null;
  queuePrev: Contact | null = null;

  /** Pool slot, for recycling. */
  readonly slot: number;

  constructor(slot: number) {
    this.slot = slot;
  }

  /** A reply being written (focus never interrupts one except for voice). */
  get isReply(): boolean {
    return this.phase === Phase.Reply;
  }

  reset(): void {
    this.phase = Phase.Free;
    this.answeredAt = Number.NaN;
    this.handlingEndAt = Number.NaN;
    this.wrapStartAt = Number.NaN;
    this.originId = 0;
    this.agent = null;
    this.session = null;
    this.timer = NO_EVENT;
    this.stepTimer = NO_EVENT;
    this.step = 0;
    this.patience = Infinity;
    this.exchanges = 1;
    this.workLeft = 0;
    this.workContent = 0;
    this.workIndex = -1;
    this.heldIndex = -1;
    this.countsTowardLimits = false;
    this.repliesSent = 0;
    this.responseBreaches = 0;
    this.leftMidway = false;
    this.waitingParent = null;
    this.waitingFor = 0;
    this.deferredChildren = 0;
    this.elevationDepth = 0;
    this.queueNext = null;
    this.queuePrev = null;
  }
}

/** Recycles contact records; events refer to contacts by pool slot. */
export class ContactPool {
  readonly all: Contact[] = [];
  private free: Contact[] = [];
  private serial = 0;
  live = 0;

  take(): Contact {
    const contact = this.free.pop() ?? this.grow();
    contact.id = ++this.serial;
    this.live++;
    return contact;
  }

  release(contact: Contact): void {
    contact.reset();
    this.free.push(contact);
    this.live--;
  }

  private grow(): Contact {
    const contact = new Contact(this.all.length);
    this.all.push(contact);
    return contact;
  }
}
