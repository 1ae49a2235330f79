// The router: queues by channel, availability heaps by (group, channel) keyed by the agent
// selection policy, patience in queue. An arriving contact goes to the best agent with room
// or waits; an agent with room pulls the highest-priority queued head it may accept. No
// decision scans the agents: O(groups · log agents) per contact.
// Exports `Router`. Times in seconds.
import { type EventCalendar, NO_EVENT } from '../kernel/calendar.js';
import { SimulationError } from '../errors.js';
import { CHANNELS, CHANNEL_COUNT } from '../osh/channels.js';
import { canAccept } from '../osh/profile.js';
import { AGENT_SELECTION, type SelectionKey, type SelectionPolicy } from '../policies/agent-selection.js';
import type { Scenario } from '../scenario/model.js';
import { type Agent, AgentState, type GroupRuntime } from './agent.js';
import { AvailableAgents } from './agent-index.js';
import type { ChannelRuntime } from './channels.js';
import { type Contact, Phase } from './contact.js';
import type { Desk } from './desk.js';
import { EventKind, Priority } from './events.js';
import type { Recorder } from './recorder.js';
import type { Sessions } from './sessions.js';

export class Router {
  private readonly calendar: EventCalendar;
  private readonly recorder: Recorder;
  /** Inbound channels by row. */
  private readonly channels: readonly ChannelRuntime[];
  /** By CHANNELS index: the runtime of that inbound channel, if the scenario has it. */
  private readonly channelByIndex: (ChannelRuntime | undefined)[] = new Array(CHANNEL_COUNT);
  private readonly agents: readonly Agent[];
  /** Availability heaps by [group][channel index]; null where the group lacks the skill. */
  private readonly available: (AvailableAgents | null)[][];
  private readonly selection: SelectionPolicy;
  private readonly key: SelectionKey = { primary: 0, secondary: 0 };
  private desk!: Desk;
  private sessions!: Sessions;
  /** False once the horizon ended: nobody takes new contacts. */
  private open = true;

  constructor(scenario: Scenario, calendar: EventCalendar, recorder: Recorder, channels: readonly ChannelRuntime[], groups: readonly GroupRuntime[], agents: readonly Agent[]) {
    this.calendar = calendar;
    this.recorder = recorder;
    this.channels = channels;
    for (const channel of channels) this.channelByIndex[channel.channelIndex] = channel;
    this.agents = agents;
    this.available = groups.map((g) => CHANNELS.map((_, c) => (g.skills.includes(c) ? new AvailableAgents(agents.length, g.agents.length) : null)));
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
      const agent = this.selectAgent(channel);
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
    if (contact.patience < Infinity) {
      contact.timer = this.calendar.schedule(now + contact.patience, EventKind.Patience, contact.slot, Priority.patience);
    }
  }

  /** The best agent with room for the channel, across the groups that take it: O(groups · 1). */
  private selectAgent(channel: ChannelRuntime): Agent | null {
    let best = -1;
    let bestPrimary = 0;
    let bestSecondary = 0;
    const groups = channel.groups;
    for (let g = 0; g < groups.length; g++) {
      const heap = this.available[groups[g]!.index]![channel.channelIndex]!;
      const top = heap.top();
      if (top < 0) continue;
      const p = heap.topPrimary();
      const s = heap.topSecondary();
      if (best < 0 || p < bestPrimary || (p === bestPrimary && (s < bestSecondary || (s === bestSecondary && top < best)))) {
        best = top;
        bestPrimary = p;
        bestSecondary = s;
      }
    }
    return best < 0 ? null : this.agents[best]!;
  }

  /** Keeps the agent's place in its channels' availability heaps true to what it may accept. */
  refreshAvailability(agent: Agent): void {
    agent.standingChanged = false;
    const group = agent.group;
    const heaps = this.available[group.index]!;
    const open = agent.state === AgentState.On && this.open;
    let keyed = false;
    for (const c of group.skills) {
      const heap = heaps[c]!;
      if (open && canAccept(group.profile, agent, agent.mask, c)) {
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
    if (agent.state !== AgentState.On || !this.open) return;
    const now = this.calendar.now;
    const profile = agent.group.profile;
    for (;;) {
      let best: Contact | null = null;
      let bestPriority = -Infinity;
      for (const c of agent.group.skills) {
        const channel = this.channelByIndex[c]!;
        const head = channel.queue.head;
        if (head === null || !canAccept(profile, agent, agent.mask, c)) continue;
        const priority = head.priority + (channel.model.priority.accelerationPerMinute * (now - head.arrivalAt)) / 60;
        if (best === null || priority > bestPriority || (priority === bestPriority && head.arrivalAt < best.arrivalAt)) {
          best = head;
          bestPriority = priority;
        }
      }
      if (best === null) return;
      const channel = this.channels[best.row]!;
      channel.queue.remove(best, now);
      this.calendar.cancel(best.timer);
      best.timer = NO_EVENT;
      this.desk.assign(best, agent);
    }
  }

  onPatience(contact: Contact): void {
    contact.timer = NO_EVENT;
    const now = this.calendar.now;
    if (contact.phase !== Phase.Queued) throw new SimulationError('patience ran out for a contact not in queue', now, contact.id);
    const channel = this.channels[contact.row]!;
    channel.queue.remove(contact, now);
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
        queue.remove(contact, now);
        this.calendar.cancel(contact.timer);
        contact.timer = NO_EVENT;
        const wait = now - contact.arrivalAt;
        this.recorder.backlogEnd(channel.row, contact.interval, contact.counted, wait, wait > channel.slThreshold);
        this.desk.endContact(contact, 'backlogEnd');
      }
    }
  }

  /** The run is over: each queue's time-integrated length up to now. */
  finish(): void {
    const now = this.calendar.now;
    for (const channel of this.channels) {
      channel.queue.settle(now);
      this.recorder.queueLengthTime(channel.row, channel.queue.lengthTime);
    }
  }

  /** Heap levels walked by every availability heap: part of the routing-cost test's count. */
  get heapSteps(): number {
    let steps = 0;
    for (const heaps of this.available) for (const heap of heaps) if (heap !== null) steps += heap.steps;
    return steps;
  }
}
