// Intake: inbound contacts come in. Each channel's next arrival (Poisson or a replayed trace)
// is scheduled one at a time; the backlog waits at t = 0; every duration a customer brings is
// drawn on arrival, in a fixed order. Exports `Intake`. Times in seconds.
import type { EventCalendar } from '../kernel/calendar.js';
import { SimulationError } from '../errors.js';
import { type Scenario, intervalLabel } from '../scenario/model.js';
import { type Agent, AgentState } from './agent.js';
import type { Attention } from './attention.js';
import { type ChannelRuntime, draw } from './channels.js';
import type { Contact, ContactPool } from './contact.js';
import { EventKind, Priority } from './events.js';
import type { Recorder } from './recorder.js';
import { runawayQueue } from './messages.js';
import type { Router } from './router.js';

export class Intake {
  private readonly calendar: EventCalendar;
  private readonly contacts: ContactPool;
  private readonly recorder: Recorder;
  private readonly channels: readonly ChannelRuntime[];
  private readonly agents: readonly Agent[];
  private readonly intervalSec: number;
  private readonly lastInterval: number;
  private readonly endSec: number;
  private readonly warmupSec: number;
  private readonly scenario: Scenario;
  private readonly maxContactsHeld: number;
  private router!: Router;
  private attention!: Attention;

  constructor(
    scenario: Scenario,
    calendar: EventCalendar,
    contacts: ContactPool,
    recorder: Recorder,
    channels: readonly ChannelRuntime[],
    agents: readonly Agent[],
    maxContactsHeld: number,
  ) {
    this.scenario = scenario;
    this.maxContactsHeld = maxContactsHeld;
    this.calendar = calendar;
    this.contacts = contacts;
    this.recorder = recorder;
    this.channels = channels;
    this.agents = agents;
    this.intervalSec = scenario.horizon.intervalSec;
    this.lastInterval = scenario.horizon.intervals - 1;
    this.endSec = scenario.horizon.endSec;
    this.warmupSec = scenario.warmupSec;
  }

  wire(router: Router, attention: Attention): void {
    this.router = router;
    this.attention = attention;
  }

  /** The first arrival of every channel, and the backlog at t = 0 when there is one. */
  start(): void {
    if (this.channels.some((c) => c.model.backlog > 0)) this.calendar.schedule(0, EventKind.Backlog, 0, Priority.arrival);
    for (const channel of this.channels) this.scheduleArrival(channel, 0);
  }

  private scheduleArrival(channel: ChannelRuntime, now: number): void {
    const trace = channel.model.trace;
    const at = trace === null ? channel.arrivals!.next(now) : channel.traceRow < trace.at.length ? trace.at[channel.traceRow]! : Infinity;
    if (at < this.endSec) this.calendar.schedule(at, EventKind.Arrival, channel.row, Priority.arrival);
  }

  onArrival(channel: ChannelRuntime): void {
    const now = this.calendar.now;
    const trace = channel.model.trace;
    const contact = this.newInbound(channel, now);
    if (trace !== null) {
      // What the recording says wins; what it leaves empty was drawn by newInbound.
      const row = channel.traceRow++;
      contact.handlingDuration = given(trace.handling[row]!, contact.handlingDuration);
      contact.wrapDuration = given(trace.wrap[row]!, contact.wrapDuration);
      contact.exchanges = given(trace.exchanges[row]!, contact.exchanges);
      if (channel.patience !== null || !Number.isNaN(trace.patience[row]!)) contact.patience = given(trace.patience[row]!, contact.patience);
      // A what-if on handle time applies to recorded times too; newInbound scaled the drawn one.
      if (channel.handlingFactor !== null && !Number.isNaN(trace.handling[row]!)) contact.handlingDuration *= channel.handlingFactor[contact.interval]!;
    }
    this.scheduleArrival(channel, now);
    this.router.route(contact);
  }

  /** The backlog is all waiting at once: it queues first, so agents take it by priority. */
  onBacklog(): void {
    for (const channel of this.channels) {
      for (let i = 0; i < channel.model.backlog; i++) this.router.enqueue(channel, this.newInbound(channel, 0));
    }
    for (const agent of this.agents) {
      if (agent.state !== AgentState.On) continue;
      agent.needsPull = true;
      this.attention.touch(agent);
    }
  }

  private newInbound(channel: ChannelRuntime, now: number): Contact {
    // One comparison per arrival keeps a flood far over capacity from exhausting memory.
    if (this.contacts.live >= this.maxContactsHeld) this.runaway(channel, now);
    const contact = this.contacts.take();
    contact.kind = channel.kind;
    contact.channel = channel.channelIndex;
    contact.row = channel.row;
    contact.outbound = false;
    contact.arrivalAt = now;
    contact.interval = Math.min(Math.floor(now / this.intervalSec), this.lastInterval);
    contact.counted = now >= this.warmupSec;
    contact.priority = channel.model.priority.initial;
    // Everything the customer brings is drawn on arrival, in a fixed order, so a contact keeps
    // its durations in every what-if variant (common random numbers).
    const stream = channel.draw;
    const id = contact.id;
    contact.handlingDuration = draw(channel.handling, stream, now, id);
    if (channel.handlingFactor !== null) contact.handlingDuration *= channel.handlingFactor[contact.interval]!;
    contact.wrapDuration = channel.wrap === null ? 0 : draw(channel.wrap, stream, now, id);
    contact.exchanges = channel.exchanges === null ? 1 : draw(channel.exchanges, stream, now, id);
    contact.patience = channel.patience === null ? Infinity : draw(channel.patience, stream, now, id);
    this.recorder.arrived(channel.row, contact.interval, contact.counted);
    return contact;
  }

  /** Out of `newInbound`, so its size lets V8 inline it (see center.ts on the error paths). */
  private runaway(channel: ChannelRuntime, now: number): never {
    const interval = Math.min(Math.floor(now / this.intervalSec), this.lastInterval);
    throw new SimulationError(runawayQueue(channel.model.channel, intervalLabel(this.scenario, interval), this.maxContactsHeld), now);
  }
}

/** A recorded value, or the drawn one where the recording left the cell empty (NaN). */
function given(recorded: number, drawn: number): number {
  return Number.isNaN(recorded) ? drawn : recorded;
}
