// The router: a queue per skill, availability heaps by (group, channel) keyed by the agent
// selection policy, patience and delay steps in queue. An arriving contact goes to the
// available agents of best proficiency among the groups offered its skill, then the selection
// policy; else it waits, and each delay step of its skill (one event at a time, chained)
// offers it to more groups. An agent with room takes, from its lowest rank first, the queued
// head of highest priority (initial + acceleration × minutes waited, up to the skill's max),
// then the longest waiting, among heads that waited its group's delay. No decision scans the
// agents: O(groups · log agents) per contact. Exports `Router`. Times in seconds.
import { type EventCalendar, NO_EVENT } from '../kernel/calendar.js';
import { SimulationError } from '../errors.js';
import { CHANNELS } from '../osh/channels.js';
import { acceptsAlike, canAccept } from '../osh/profile.js';
import { AGENT_SELECTION, type SelectionKey, type SelectionPolicy } from '../policies/agent-selection.js';
import type { Scenario } from '../scenario/model.js';
import { type Agent, AgentState, type GroupRuntime } from './agent.js';
import { AvailableAgents } from './agent-index.js';
import type { ChannelRuntime } from './channels.js';
import { type Contact, Phase } from './contact.js';
import type { Desk } from './desk.js';
import type { ContactQueue } from './queue.js';
import { EventKind, Priority } from './events.js';
import type { Recorder } from './recorder.js';
import type { Sessions } from './sessions.js';

export class Router {
  private readonly calendar: EventCalendar;
  private readonly recorder: Recorder;
  /** Inbound channels by row. */
  private readonly channels: readonly ChannelRuntime[];
  /**
   * By group: the skills it holds as (skill row, delay, channel index), grouped by rank
   * ascending (`rankStarts` marks where each rank begins), for pulls.
   */
  private readonly heldRows: Int32Array[];
  private readonly heldDelays: Float64Array[];
  private readonly heldChannels: Int32Array[];
  private readonly rankStarts: Int32Array[];
  private readonly agents: readonly Agent[];
  /**
   * Availability heaps by [group][channel index]; null where the group lacks the channel. A group
   * whose profile accepts its channels alike (one contact at a time, say) shares one heap
   * among them, so an agent's change of standing is one heap move, not one per channel.
   */
  private readonly available: (AvailableAgents | null)[][];
  /** By group: its distinct heaps, and the channel whose acceptance each one follows. */
  private readonly groupHeaps: AvailableAgents[][];
  private readonly groupHeapChannels: Int32Array[];
  /**
   * By skill row, its takers' heaps, delays and proficiencies in the takers' order (by delay,
   * then proficiency, then group), flat so that choosing an agent reads no taker record.
   */
  private readonly takerHeaps: AvailableAgents[][];
  private readonly takerDelays: Float64Array[];
  private readonly takerProficiencies: Float64Array[];
  /** By skill row: its queue. */
  private readonly queues: ContactQueue[];
  /** By skill row: priority gained per minute waited, and the most it grows to. */
  private readonly accelerationPerMinute: Float64Array;
  private readonly maxPriority: Float64Array;
  private readonly selection: SelectionPolicy;
  private readonly key: SelectionKey = { primary: 0, secondary: 0 };
  private desk!: Desk;
  private sessions!: Sessions;
  /** False once the horizon ended: nobody takes new contacts. */
  private open = true;
  /** Contacts in all the queues: a pull with none waiting looks at nothing. */
  private waiting = 0;

  constructor(scenario: Scenario, calendar: EventCalendar, recorder: Recorder, channels: readonly ChannelRuntime[], groups: readonly GroupRuntime[], agents: readonly Agent[]) {
    this.calendar = calendar;
    this.recorder = recorder;
    this.channels = channels;
    this.agents = agents;
    this.available = [];
    this.groupHeaps = [];
    this.groupHeapChannels = [];
    for (const g of groups) {
      const shared = acceptsAlike(g.profile, g.channels) ? new AvailableAgents(agents.length, g.agents.length) : null;
      const heaps = g.channels.map(() => shared ?? new AvailableAgents(agents.length, g.agents.length));
      this.available.push(CHANNELS.map((_, c) => (g.channels.includes(c) ? heaps[g.channels.indexOf(c)]! : null)));
      this.groupHeaps.push(shared === null ? heaps : heaps.slice(0, 1));
      this.groupHeapChannels.push(Int32Array.from(shared === null ? g.channels : g.channels.slice(0, 1)));
    }
    this.takerHeaps = channels.map((channel) => channel.takers.map((taker) => this.available[taker.group.index]![channel.channelIndex]!));
    this.takerDelays = channels.map((channel) => Float64Array.from(channel.takers, (taker) => taker.delaySec));
    this.takerProficiencies = channels.map((channel) => Float64Array.from(channel.takers, (taker) => taker.proficiency));
    this.queues = channels.map((channel) => channel.queue);
    this.accelerationPerMinute = Float64Array.from(channels, (channel) => channel.model.priority.accelerationPerMinute);
    this.maxPriority = Float64Array.from(channels, (channel) => channel.model.priority.max ?? Infinity);
    this.heldRows = [];
    this.heldDelays = [];
    this.heldChannels = [];
    this.rankStarts = [];
    for (const model of scenario.groups) {
      // Stable by rank: within a rank, the scenario's skill order (ties in priority and wait go to the first).
      const held = [...model.skills].sort((a, b) => a.rank - b.rank || a.skill - b.skill);
      this.heldRows.push(Int32Array.from(held, (h) => h.skill));
      this.heldDelays.push(Float64Array.from(held, (h) => h.delaySec));
      this.heldChannels.push(Int32Array.from(held, (h) => channels[h.skill]!.channelIndex));
      const starts: number[] = [];
      held.forEach((h, i) => {
        if (i === 0 || h.rank !== held[i - 1]!.rank) starts.push(i);
      });
      starts.push(held.length);
      this.rankStarts.push(Int32Array.from(starts));
    }
    this.selection = AGENT_SELECTION[scenario.routing.agentSelection];
  }

  wire(desk: Desk, sessions: Sessions): void {
    this.desk = desk;
    this.sessions = sessions;
  }

  /** An arriving contact: to the best agent with room when nobody waits before it, else queued. */
  route(contact: Contact): void {
    const channel = this.channels[contact.row]!;
    if (channel.queue.size === 0) {
      const agent = this.selectAgent(channel, 0);
      if (agent !== null) {
        this.desk.assign(contact, agent);
        return;
      }
    }
    this.enqueue(channel, contact);
  }

  enqueue(channel: ChannelRuntime, contact: Contact): void {
    const now = this.calendar.now;
    contact.phase = Phase.Queued;
    channel.queue.push(contact, now);
    this.waiting++;
    if (contact.patience < Infinity) {
      contact.timer = this.calendar.schedule(now + contact.patience, EventKind.Patience, contact.slot, Priority.patience);
    }
    contact.step = 0;
    this.scheduleStep(channel, contact);
  }

  /** The contact's next delay step, if its skill has one it has not reached. */
  private scheduleStep(channel: ChannelRuntime, contact: Contact): void {
    const steps = channel.delaySteps;
    const waited = this.calendar.now - contact.arrivalAt;
    while (contact.step < steps.length && steps[contact.step]! <= waited) contact.step++;
    if (contact.step < steps.length) {
      contact.stepTimer = this.calendar.schedule(contact.arrivalAt + steps[contact.step]!, EventKind.DelayStep, contact.slot, Priority.delayStep);
    }
  }

  /**
   * The best agent with room for the skill among the groups offered a contact that has waited
   * `waited` s: best proficiency first, then the selection key. O(groups offered the skill).
   */
  private selectAgent(channel: ChannelRuntime, waited: number): Agent | null {
    let best = -1;
    let bestProficiency = Infinity;
    let bestPrimary = 0;
    let bestSecondary = 0;
    const heaps = this.takerHeaps[channel.row]!;
    const delays = this.takerDelays[channel.row]!;
    const proficiencies = this.takerProficiencies[channel.row]!;
    for (let t = 0; t < heaps.length; t++) {
      // Takers are sorted by delay: past the contact's wait, no more groups are offered it.
      if (delays[t]! > waited) break;
      const q = proficiencies[t]!;
      // Proficiency decides first: a group of worse proficiency than the best found cannot win.
      if (q > bestProficiency) continue;
      const heap = heaps[t]!;
      const top = heap.top();
      if (top < 0) continue;
      const p = heap.topPrimary();
      const s = heap.topSecondary();
      if (best < 0 || q < bestProficiency || (q === bestProficiency && (p < bestPrimary || (p === bestPrimary && (s < bestSecondary || (s === bestSecondary && top < best)))))) {
        best = top;
        bestProficiency = q;
        bestPrimary = p;
        bestSecondary = s;
      }
    }
    return best < 0 ? null : this.agents[best]!;
  }

  /** A queued contact waited a delay step: the groups now offered it may take it; else the next step. */
  onDelayStep(contact: Contact): void {
    contact.stepTimer = NO_EVENT;
    const now = this.calendar.now;
    if (contact.phase !== Phase.Queued) throw new SimulationError('a delay step fired for a contact not in queue', now, contact.id);
    const channel = this.channels[contact.row]!;
    contact.step++;
    if (this.open) {
      // Contacts ahead of it waited longer: each was offered these groups at its own step and
      // any agent of them with room since then has pulled, so the agent found here is idle
      // for this skill and the contact is the one it would take.
      const agent = this.selectAgent(channel, now - contact.arrivalAt);
      if (agent !== null) {
        this.leaveQueue(channel, contact);
        this.desk.assign(contact, agent);
        return;
      }
    }
    this.scheduleStep(channel, contact);
  }

  /** Out of the queue: its patience and delay-step events cancelled. */
  private leaveQueue(channel: ChannelRuntime, contact: Contact): void {
    channel.queue.remove(contact, this.calendar.now);
    this.waiting--;
    this.calendar.cancel(contact.timer);
    contact.timer = NO_EVENT;
    this.calendar.cancel(contact.stepTimer);
    contact.stepTimer = NO_EVENT;
  }

  /** Keeps the agent's place in its channels' availability heaps true to what it may accept. */
  refreshAvailability(agent: Agent): void {
    agent.standingChanged = false;
    const group = agent.group;
    const heaps = this.groupHeaps[group.index]!;
    const channels = this.groupHeapChannels[group.index]!;
    const open = agent.state === AgentState.On && this.open;
    let keyed = false;
    for (let h = 0; h < heaps.length; h++) {
      const heap = heaps[h]!;
      if (open && canAccept(group.profile, agent, agent.mask, channels[h]!)) {
        if (!keyed) {
          this.selection(agent, this.key);
          keyed = true;
        }
        heap.upsert(agent.index, this.key.primary, this.key.secondary);
      } else {
        heap.remove(agent.index);
      }
    }
  }

  /** An agent with room takes queued contacts: deferred elevations first, then by priority. */
  pull(agent: Agent): void {
    agent.needsPull = false;
    if (agent.deferred.length > 0) this.sessions.startDeferred(agent);
    // Nobody waits in any queue (most pulls of a center with room): nothing to look at.
    if (agent.state !== AgentState.On || !this.open || this.waiting === 0) return;
    const now = this.calendar.now;
    const profile = agent.group.profile;
    const g = agent.group.index;
    const rows = this.heldRows[g]!;
    const delays = this.heldDelays[g]!;
    const channelOf = this.heldChannels[g]!;
    const starts = this.rankStarts[g]!;
    const acceleration = this.accelerationPerMinute;
    const maxPriority = this.maxPriority;
    const queues = this.queues;
    for (;;) {
      // At its total the agent can accept nothing (canAccept would refuse every skill).
      if (agent.heldInLimits >= profile.maxTotal) return;
      let best: Contact | null = null;
      let bestPriority = -Infinity;
      // Lowest rank first: a rank's best head is taken before any of the next rank is looked at.
      for (let r = 0; r + 1 < starts.length && best === null; r++) {
        for (let i = starts[r]!; i < starts[r + 1]!; i++) {
          const row = rows[i]!;
          const head = queues[row]!.head;
          // FIFO within a skill: if the head has not waited this group's delay, no one behind it has.
          if (head === null || now - head.arrivalAt < delays[i]! || !canAccept(profile, agent, agent.mask, channelOf[i]!)) continue;
          const grown = head.priority + (acceleration[row]! * (now - head.arrivalAt)) / 60;
          const priority = grown < maxPriority[row]! ? grown : maxPriority[row]!;
          if (best === null || priority > bestPriority || (priority === bestPriority && head.arrivalAt < best.arrivalAt)) {
            best = head;
            bestPriority = priority;
          }
        }
      }
      if (best === null) return;
      this.leaveQueue(this.channels[best.row]!, best);
      this.desk.assign(best, agent);
    }
  }

  onPatience(contact: Contact): void {
    contact.timer = NO_EVENT;
    const now = this.calendar.now;
    if (contact.phase !== Phase.Queued) throw new SimulationError('patience ran out for a contact not in queue', now, contact.id);
    const channel = this.channels[contact.row]!;
    channel.queue.remove(contact, now);
    this.waiting--;
    this.calendar.cancel(contact.stepTimer);
    contact.stepTimer = NO_EVENT;
    const wait = now - contact.arrivalAt;
    this.recorder.abandoned(channel.row, contact.interval, contact.counted, wait, wait < channel.shortAbandon);
    this.desk.endContact(contact, 'abandoned');
  }

  /** The horizon ended: routing closes and every queued contact ends as backlogEnd. */
  close(): void {
    const now = this.calendar.now;
    this.open = false;
    for (const channel of this.channels) {
      const queue = channel.queue;
      while (queue.head !== null) {
        const contact = queue.head;
        this.leaveQueue(channel, contact);
        const wait = now - contact.arrivalAt;
        this.recorder.backlogEnd(channel.row, contact.interval, contact.counted, wait, wait > channel.slThreshold);
        this.desk.endContact(contact, 'backlogEnd');
      }
    }
  }

  /** The run is over: each queue's time-integrated length up to now. */
  finish(): void {
    const now = this.calendar.now;
    let queued = 0;
    for (const channel of this.channels) {
      channel.queue.settle(now);
      this.recorder.queueLengthTime(channel.row, channel.queue.lengthTime);
      queued += channel.queue.size;
    }
    // The count pulls trust must have followed every queue (all empty once routing closed).
    if (queued !== this.waiting) throw new SimulationError(`${this.waiting} contacts counted as waiting, ${queued} in the queues`, now);
  }

  /** Heap levels walked by every availability heap: part of the routing-cost test's count. */
  get heapSteps(): number {
    let steps = 0;
    for (const heaps of this.groupHeaps) for (const heap of heaps) steps += heap.steps;
    return steps;
  }
}
