// The simulated contact center of one replication: arrivals, queues, routing, agents that hold
// several contacts under their concurrency profile, attention shared among their work, chat
// exchanges and response timers, elevations into omnichannel sessions, staffing by interval,
// and the horizon end. Exports `ContactCenter`; `simulate()` in simulate.ts is the entry.
//
// Same-instant order (calendar priorities): completions first, so capacity freed at an instant
// is seen by what arrives then; then interval boundaries (staffing, warm-up, horizon end); then
// arrivals; then patience, so a customer whose patience ends just as an agent frees is served.
import { SimulationError } from '../errors.js';
import { groupShapes } from './group-shape.js';
import { EventCalendar, NO_EVENT } from '../kernel/calendar.js';
import { type Distribution, makeCountDistribution, makeDistribution } from '../kernel/distributions.js';
import { type RandomStream, createStream } from '../kernel/random.js';
import { CHANNELS, CHANNEL_COUNT, CONTACT_KINDS } from '../osh/channels.js';
import { canAccept, canElevateInto } from '../osh/profile.js';
import { elevationPairIndex } from '../osh/elevation.js';
import { isResponseBreach, responseTime } from '../osh/response.js';
import { isSessionComplete } from '../osh/session.js';
import { AGENT_SELECTION, type SelectionKey, type SelectionPolicy } from '../policies/agent-selection.js';
import { focusChoice, sharingRate } from '../policies/attention.js';
import { type ElevationPlan, type ElevationPolicy, originNext, planElevations } from '../policies/elevation.js';
import type { ChannelModel, DistributionSpec, Scenario } from '../scenario/model.js';
import { CONTACT_FIELDS, Collector, ContactField, GROUP_FIELDS, GroupField } from '../stats/collector.js';
import type { ContactOutcome, ContactRecord, RecordSink, TimelineEntry } from '../stats/records.js';
import { AGENT_TIME_LEVELS, Agent, AgentState, AgentTime, type DeferredElevation, type GroupRuntime } from './agent.js';
import { AvailableAgents } from './agent-index.js';
import { ArrivalProcess } from './arrivals.js';
import { type Contact, ContactPool, Phase } from './contact.js';
import { ContactQueue } from './queue.js';
import { Session } from './session.js';
import type { TimelineWindow } from './timeline.js';

const Event = {
  Arrival: 0,
  Patience: 1,
  LiveEnd: 2,
  ThinkEnd: 3,
  ReplyPatience: 4,
  WorkDone: 5,
  Boundary: 6,
  Backlog: 7,
  WarmupEnd: 8,
} as const;

const Priority = { completion: 0, boundary: 1, arrival: 2, patience: 3 } as const;

const KIND_OUTBOUND_VOICE = CONTACT_KINDS.indexOf('outbound-voice');
const KIND_OUTBOUND_EMAIL = CONTACT_KINDS.indexOf('outbound-email');
const VOICE = CHANNELS.indexOf('voice');
const CHAT = CHANNELS.indexOf('chat');
const EMAIL = CHANNELS.indexOf('email');

/** A channel as the running model needs it: distributions built, streams opened. */
interface ChannelRuntime {
  readonly model: ChannelModel;
  /** Row in the collector (position among the scenario's channels). */
  readonly row: number;
  readonly channel: number;
  readonly kind: number;
  readonly handling: Distribution;
  readonly wrap: Distribution | null;
  readonly patience: Distribution | null;
  readonly replyPatience: Distribution | null;
  readonly exchanges: Distribution | null;
  readonly think: Distribution | null;
  /** Poisson arrivals, or null when the channel replays a trace. */
  readonly arrivals: ArrivalProcess | null;
  /** The next trace row to arrive. */
  traceRow: number;
  /** Durations a contact brings on arrival: handling, wrap, exchanges, patience. */
  readonly draw: RandomStream;
  /** Chat replies after the first. */
  readonly reply: RandomStream;
  /** Chat customers' think time and reply patience. */
  readonly customer: RandomStream;
  readonly queue: ContactQueue;
  /** Groups that take this channel. */
  readonly groups: GroupRuntime[];
  readonly slThreshold: number;
  readonly shortAbandon: number;
}

interface OutboundRuntime {
  readonly row: number;
  readonly kind: number;
  readonly channel: number;
  readonly connect: Distribution | null;
  readonly handling: Distribution;
  readonly wrap: Distribution | null;
  readonly draw: RandomStream;
}

export interface CenterOptions {
  /** Receives every contact and session as it ends (for contacts.csv and sessions.csv). */
  readonly log?: RecordSink | undefined;
  /** Called now and then with the simulated time, for progress bars. */
  readonly onProgress?: ((simulatedSec: number, events: number) => void) | undefined;
  /** Keep the contacts of these agents overlapping [from, to) for the report's agent timeline. */
  readonly timeline?: TimelineWindow | undefined;
}

export class ContactCenter {
  readonly scenario: Scenario;
  readonly replication: number;
  readonly calendar = new EventCalendar(4096);
  readonly collector: Collector;
  readonly channels: ChannelRuntime[] = [];
  /** By CHANNELS index: the runtime of that inbound channel, if the scenario has it. */
  private readonly channelByIndex: (ChannelRuntime | undefined)[] = new Array(CHANNEL_COUNT);
  private readonly outboundVoice: OutboundRuntime;
  private readonly outboundEmail: OutboundRuntime;
  readonly groups: GroupRuntime[] = [];
  readonly agents: Agent[] = [];
  /** Availability heaps by [group][channel]. */
  private readonly available: (AvailableAgents | null)[][] = [];
  private readonly contacts = new ContactPool();
  private readonly selection: SelectionPolicy;
  private readonly key: SelectionKey = { primary: 0, secondary: 0 };
  private readonly elevationPlan: ElevationPlan;
  private readonly elevationStreams: RandomStream[];
  private readonly discipline: 'focus' | 'sharing';
  private readonly efficiency: readonly number[];
  private readonly multitaskOnVoice: number;
  private readonly onBlocked: 'defer' | 'drop';
  private readonly log: RecordSink | undefined;
  private readonly logContacts: boolean;
  private readonly timelineWindow: TimelineWindow | undefined;
  /** Agents sampled for the timeline (1) or not (0), by agent index. */
  private readonly timelineAgents: Uint8Array;
  readonly timeline: TimelineEntry[] = [];
  private readonly onProgress: CenterOptions['onProgress'];

  private readonly intervalSec: number;
  private readonly endSec: number;
  private readonly warmupSec: number;
  /** Interval that agent time is booked to now; -1 before warm-up ends or after the horizon. */
  private bookingInterval = -1;
  private routingOpen = true;
  private assignmentSerial = 0;
  private eventSerial = 0;
  /** Agents changed by the current event, settled when it is done (`touchedCount` of them). */
  private readonly touched: Agent[] = [];
  private touchedCount = 0;
  private overtimeAgentSec = 0;
  private lastWrapEndAt = 0;

  constructor(scenario: Scenario, replication: number, options: CenterOptions = {}) {
    this.scenario = scenario;
    this.replication = replication;
    this.log = options.log;
    this.logContacts = options.log?.wantsContacts ?? false;
    this.timelineWindow = options.timeline;
    this.onProgress = options.onProgress;
    this.intervalSec = scenario.horizon.intervalSec;
    this.endSec = scenario.horizon.endSec;
    this.warmupSec = scenario.warmupSec;
    this.selection = AGENT_SELECTION[scenario.routing.agentSelection];
    this.discipline = scenario.attention.discipline;
    this.efficiency = scenario.attention.efficiency;
    this.multitaskOnVoice = scenario.attention.multitaskOnVoice;
    this.onBlocked = scenario.elevation.onBlocked;
    const stream = (name: string) => createStream(scenario.seed, replication, name);
    const build = (spec: DistributionSpec | null) => (spec === null ? null : makeDistribution(spec));

    // Groups and agents first: channels list the groups that take them.
    let agentCount = 0;
    for (const g of scenario.groups) agentCount += Math.max(0, ...g.staffing);
    const shapes = groupShapes(scenario);
    scenario.groups.forEach((model, index) => {
      const { profile, skills, levels, capacity, usesUnits } = shapes[index]!;
      const group: GroupRuntime = { index, name: model.name, profile, skills, speed: model.speed, agents: [], levels, capacity, usesUnits };
      this.groups.push(group);
      const size = Math.max(0, ...model.staffing);
      for (let i = 0; i < size; i++) {
        const agent = new Agent(this.agents.length, group, agentCount);
        group.agents.push(agent);
        this.agents.push(agent);
      }
      this.available.push(CHANNELS.map((_, c) => (skills.includes(c) ? new AvailableAgents(agentCount, size) : null)));
    });

    scenario.channels.forEach((model, row) => {
      const name = model.name;
      const channel = CHANNELS.indexOf(name);
      const runtime: ChannelRuntime = {
        model,
        row,
        channel,
        kind: CONTACT_KINDS.indexOf(name),
        handling: makeDistribution(model.handling),
        wrap: build(model.wrap),
        patience: build(model.patience),
        replyPatience: build(model.replyPatience),
        exchanges: model.exchanges === null ? null : makeCountDistribution(model.exchanges),
        think: build(model.think),
        arrivals: model.trace === null ? new ArrivalProcess(model.arrivalRates, this.intervalSec, stream(`arrivals:${name}`)) : null,
        traceRow: 0,
        draw: stream(`contact:${name}`),
        reply: stream(`reply:${name}`),
        customer: stream(`customer:${name}`),
        queue: new ContactQueue(),
        groups: this.groups.filter((g) => g.skills.includes(channel)),
        slThreshold: model.serviceLevel.thresholdSec,
        shortAbandon: model.serviceLevel.shortAbandonSec,
      };
      this.channels.push(runtime);
      this.channelByIndex[channel] = runtime;
    });

    const rows = scenario.channels.length;
    const outbound = scenario.outbound;
    this.outboundVoice = {
      row: rows,
      kind: KIND_OUTBOUND_VOICE,
      channel: VOICE,
      connect: makeDistribution(outbound.voice.connect),
      handling: makeDistribution(outbound.voice.talk),
      wrap: build(outbound.voice.wrap),
      draw: stream('handling:outbound-voice'),
    };
    this.outboundEmail = {
      row: rows + 1,
      kind: KIND_OUTBOUND_EMAIL,
      channel: EMAIL,
      connect: null,
      handling: makeDistribution(outbound.email.work),
      wrap: build(outbound.email.wrap),
      draw: stream('handling:outbound-email'),
    };
    this.elevationPlan = planElevations(scenario.elevation.policies as readonly ElevationPolicy[]);
    this.elevationStreams = scenario.elevation.policies.map((p) => stream(`elevation:${p.index}`));
    this.timelineAgents = new Uint8Array(this.agents.length);
    for (const a of options.timeline?.agents ?? []) if (a < this.agents.length) this.timelineAgents[a] = 1;
    this.collector = new Collector(
      rows + 2,
      rows,
      this.groups.map((g) => g.levels),
      scenario.horizon.intervals,
      CHANNEL_COUNT * 2,
    );
  }

  /** Runs the replication to the end: the horizon, then until every agent has finished. */
  run(): void {
    const calendar = this.calendar;
    for (let k = 0; k <= this.scenario.horizon.intervals; k++) {
      calendar.schedule(k * this.intervalSec, Event.Boundary, k, Priority.boundary);
    }
    if (this.warmupSec > 0) calendar.schedule(this.warmupSec, Event.WarmupEnd, 0, Priority.boundary);
    if (this.channels.some((c) => c.model.backlog > 0)) calendar.schedule(0, Event.Backlog, 0, Priority.arrival);
    for (const channel of this.channels) this.scheduleArrival(channel, 0);

    const progressEvery = 1 << 18;
    while (calendar.next()) {
      this.eventSerial++;
      const target = calendar.target;
      switch (calendar.kind) {
        case Event.Arrival:
          this.onArrival(this.channels[target]!);
          break;
        case Event.Patience:
          this.onPatience(this.contacts.all[target]!);
          break;
        case Event.LiveEnd:
          this.onLiveEnd(this.contacts.all[target]!);
          break;
        case Event.ThinkEnd:
          this.onThinkEnd(this.contacts.all[target]!);
          break;
        case Event.ReplyPatience:
          this.onReplyPatience(this.contacts.all[target]!);
          break;
        case Event.WorkDone:
          this.onWorkDone(this.agents[target]!);
          break;
        case Event.Boundary:
          this.onBoundary(target);
          break;
        case Event.Backlog:
          this.onBacklog();
          break;
        case Event.WarmupEnd:
          this.closeInterval();
          this.bookingInterval = Math.min(Math.floor(calendar.now / this.intervalSec), this.scenario.horizon.intervals - 1);
          break;
        default:
          throw new SimulationError(`unknown event kind ${calendar.kind}`, calendar.now);
      }
      if (this.touchedCount > 0) this.settle();
      if (this.onProgress !== undefined && (calendar.delivered & (progressEvery - 1)) === 0) {
        this.onProgress(calendar.now, calendar.delivered);
      }
    }
    this.finish();
  }

  // ------------------------------------------------------------------ arrivals and routing

  private scheduleArrival(channel: ChannelRuntime, now: number): void {
    const trace = channel.model.trace;
    const at = trace === null ? channel.arrivals!.next(now) : channel.traceRow < trace.at.length ? trace.at[channel.traceRow]! : Infinity;
    if (at < this.endSec) this.calendar.schedule(at, Event.Arrival, channel.row, Priority.arrival);
  }

  private onArrival(channel: ChannelRuntime): void {
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
    }
    this.scheduleArrival(channel, now);
    this.route(contact);
  }

  /** The backlog is all waiting at once: it queues first, so agents take it by priority. */
  private onBacklog(): void {
    for (const channel of this.channels) {
      for (let i = 0; i < channel.model.backlog; i++) this.enqueue(channel, this.newInbound(channel, 0));
    }
    for (const agent of this.agents) {
      if (agent.state !== AgentState.On) continue;
      agent.needsPull = true;
      this.touch(agent);
    }
  }

  private newInbound(channel: ChannelRuntime, now: number): Contact {
    const contact = this.contacts.take();
    contact.kind = channel.kind;
    contact.channel = channel.channel;
    contact.inbound = channel.row;
    contact.arrivalAt = now;
    contact.interval = Math.min(Math.floor(now / this.intervalSec), this.scenario.horizon.intervals - 1);
    contact.counted = now >= this.warmupSec;
    contact.priority = channel.model.priority.initial;
    // Everything the customer brings is drawn on arrival, in a fixed order, so a contact keeps
    // its durations in every what-if variant (common random numbers).
    const draw = channel.draw;
    contact.handlingDuration = this.sample(channel.handling, draw, contact);
    contact.wrapDuration = channel.wrap === null ? 0 : this.sample(channel.wrap, draw, contact);
    contact.exchanges = channel.exchanges === null ? 1 : this.sample(channel.exchanges, draw, contact);
    contact.patience = channel.patience === null ? Infinity : this.sample(channel.patience, draw, contact);
    this.collector.ledger.arrived[channel.row]! += 1;
    if (contact.counted) this.collector.add(channel.row, contact.interval, ContactField.offered, 1);
    return contact;
  }

  private sample(dist: Distribution, stream: RandomStream, contact: Contact | null): number {
    const x = dist.sample(stream);
    if (!(x >= 0 && x < Infinity)) {
      throw new SimulationError(`distribution ${dist.toString()} drew ${x}`, this.calendar.now, contact?.id);
    }
    return x;
  }

  private route(contact: Contact): void {
    const channel = this.channels[contact.inbound]!;
    if (channel.queue.size === 0) {
      const agent = this.selectAgent(channel);
      if (agent !== null) {
        this.assign(contact, agent);
        return;
      }
    }
    this.enqueue(channel, contact);
  }

  private enqueue(channel: ChannelRuntime, contact: Contact): void {
    const now = this.calendar.now;
    contact.phase = Phase.Queued;
    channel.queue.push(contact, now);
    if (contact.patience < Infinity) {
      contact.timer = this.calendar.schedule(now + contact.patience, Event.Patience, contact.slot, Priority.patience);
    }
  }

  /** The best agent with room for the channel, across the groups that take it: O(groups · 1). */
  private selectAgent(channel: ChannelRuntime): Agent | null {
    let best = -1;
    let bestPrimary = 0;
    let bestSecondary = 0;
    const groups = channel.groups;
    for (let g = 0; g < groups.length; g++) {
      const heap = this.available[groups[g]!.index]![channel.channel]!;
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
  private refreshAvailability(agent: Agent): void {
    agent.standingChanged = false;
    const group = agent.group;
    const heaps = this.available[group.index]!;
    const open = agent.state === AgentState.On && this.routingOpen;
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
  private pull(agent: Agent): void {
    agent.needsPull = false;
    if (agent.deferred.length > 0) this.startDeferred(agent);
    if (agent.state !== AgentState.On || !this.routingOpen) return;
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
      const channel = this.channels[best.inbound]!;
      channel.queue.remove(best, now);
      this.calendar.cancel(best.timer);
      best.timer = NO_EVENT;
      this.assign(best, agent);
    }
  }

  private onPatience(contact: Contact): void {
    contact.timer = NO_EVENT;
    if (contact.phase !== Phase.Queued) throw new SimulationError('patience ran out for a contact not in queue', this.calendar.now, contact.id);
    const now = this.calendar.now;
    const channel = this.channels[contact.inbound]!;
    channel.queue.remove(contact, now);
    const wait = now - contact.arrivalAt;
    const ledger = this.collector.ledger;
    ledger.abandoned[channel.row]! += 1;
    ledger.queueTimeSum[channel.row]! += wait;
    if (contact.counted) {
      this.collector.add(channel.row, contact.interval, ContactField.abandoned, 1);
      if (wait < channel.shortAbandon) this.collector.add(channel.row, contact.interval, ContactField.abandonedShort, 1);
    }
    this.endContact(contact, 'abandoned');
  }

  // ------------------------------------------------------------------ the agent's contacts

  private assign(contact: Contact, agent: Agent): void {
    const now = this.calendar.now;
    this.touch(agent);
    contact.agent = agent;
    contact.answeredAt = now;
    this.hold(agent, contact);
    agent.lastAssignedAt = now;
    agent.lastAssignment = ++this.assignmentSerial;
    const channel = this.channels[contact.inbound]!;
    const wait = now - contact.arrivalAt;
    const ledger = this.collector.ledger;
    ledger.answered[channel.row]! += 1;
    ledger.queueTimeSum[channel.row]! += wait;
    if (contact.counted) {
      const c = this.collector;
      const cell = c.cell(channel.row, contact.interval);
      const base = cell * CONTACT_FIELDS;
      const fields = c.contacts;
      fields[base + ContactField.answered]! += 1;
      fields[base + ContactField.waitSum]! += wait;
      fields[base + (wait <= channel.slThreshold ? ContactField.answeredInThreshold : ContactField.slaBreaches)]! += 1;
      c.waits.add(cell, wait);
    }
    if (contact.channel === VOICE) {
      this.startLive(agent, contact, Phase.Talk, contact.handlingDuration / agent.group.speed);
    } else if (contact.channel === CHAT) {
      contact.responseTimerAt = now;
      this.startReply(agent, contact, channel);
    } else {
      contact.phase = Phase.Work;
      this.addWork(agent, contact, contact.handlingDuration);
    }
  }

  private hold(agent: Agent, contact: Contact): void {
    this.touch(agent);
    this.flushAgent(agent);
    const c = contact.channel;
    agent.perChannel[c]! += 1;
    agent.total++;
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
    this.flushAgent(agent);
    const c = contact.channel;
    contact.countsTowardLimits = false;
    const left = (agent.perChannel[c]! -= 1);
    agent.total--;
    agent.units -= agent.group.profile.units[c]!;
    if (left === 0) agent.mask &= ~(1 << c);
    agent.needsPull = true;
    agent.standingChanged = true;
    this.touch(agent);
  }

  private release(agent: Agent, contact: Contact): void {
    this.uncount(agent, contact);
    this.flushAgent(agent);
    const last = agent.contacts.pop()!;
    if (last !== contact) {
      agent.contacts[contact.heldIndex] = last;
      last.heldIndex = contact.heldIndex;
    }
    contact.heldIndex = -1;
    if (agent.held === 0) agent.idleSince = this.calendar.now;
    agent.needsPull = true;
    agent.standingChanged = true;
    this.touch(agent);
  }

  private startLive(agent: Agent, contact: Contact, phase: Phase, duration: number): void {
    this.touch(agent);
    contact.phase = phase;
    agent.live = contact;
    agent.workChanged = true;
    contact.timer = this.calendar.schedule(this.calendar.now + duration, Event.LiveEnd, contact.slot, Priority.completion);
  }

  private onLiveEnd(contact: Contact): void {
    contact.timer = NO_EVENT;
    const agent = contact.agent!;
    this.touch(agent);
    if (contact.phase === Phase.Connect) {
      const talk = contact.handlingDuration / agent.group.speed;
      contact.timer = this.calendar.schedule(this.calendar.now + talk, Event.LiveEnd, contact.slot, Priority.completion);
      contact.phase = Phase.Talk;
      return;
    }
    agent.live = null;
    agent.workChanged = true;
    this.handlingEnded(contact);
  }

  private startReply(agent: Agent, contact: Contact, channel: ChannelRuntime): void {
    contact.phase = Phase.Reply;
    const work = contact.repliesSent === 0 ? contact.handlingDuration : this.sample(channel.handling, channel.reply, contact);
    this.addWork(agent, contact, work);
    if (channel.replyPatience !== null) {
      const patience = this.sample(channel.replyPatience, channel.customer, contact);
      contact.timer = this.calendar.schedule(this.calendar.now + patience, Event.ReplyPatience, contact.slot, Priority.patience);
    }
  }

  private onThinkEnd(contact: Contact): void {
    contact.timer = NO_EVENT;
    contact.responseTimerAt = this.calendar.now;
    this.startReply(contact.agent!, contact, this.channels[contact.inbound]!);
  }

  /** The customer left while waiting for a reply: the chat ends unanswered and goes to wrap. */
  private onReplyPatience(contact: Contact): void {
    contact.timer = NO_EVENT;
    const agent = contact.agent!;
    this.touch(agent);
    this.removeWork(agent, contact);
    contact.leftMidway = true;
    if (contact.counted) this.collector.add(contact.inbound, contact.interval, ContactField.chatsLeftMidway, 1);
    this.startWrap(contact);
  }

  private replySent(contact: Contact): void {
    const now = this.calendar.now;
    const channel = this.channels[contact.inbound]!;
    this.calendar.cancel(contact.timer);
    contact.timer = NO_EVENT;
    contact.repliesSent++;
    const response = responseTime(contact.responseTimerAt, now);
    const breach = isResponseBreach(response, channel.model.responseThresholdSec);
    if (breach) contact.responseBreaches++;
    if (contact.counted) {
      const c = this.collector;
      const cell = c.cell(channel.row, contact.interval);
      const base = cell * CONTACT_FIELDS;
      const fields = c.contacts;
      fields[base + ContactField.replies]! += 1;
      fields[base + ContactField.responseSum]! += response;
      if (breach) fields[base + ContactField.responseBreaches]! += 1;
      c.responses.add(cell, response);
    }
    // Policies "after the k-th reply" apply to the last reply too; "at the end" ones follow.
    const next = this.decideElevations(contact, contact.repliesSent);
    if (next === 'wait') {
      contact.handlingEndAt = now;
      contact.phase = Phase.Waiting;
    } else if (next === 'wrapNow') {
      this.startWrap(contact);
    } else if (contact.repliesSent >= contact.exchanges) {
      this.handlingEnded(contact);
    } else {
      contact.phase = Phase.Think;
      const think = channel.think === null ? 0 : this.sample(channel.think, channel.customer, contact);
      contact.timer = this.calendar.schedule(now + think, Event.ThinkEnd, contact.slot, Priority.completion);
    }
  }

  /** Talk or work is over (for a chat: the last reply is sent). */
  private handlingEnded(contact: Contact): void {
    contact.handlingEndAt = this.calendar.now;
    const parent = contact.waitingParent;
    if (parent !== null) {
      contact.waitingParent = null;
      parent.waitingFor--;
      if (parent.waitingFor === 0 && parent.phase === Phase.Waiting) this.startWrap(parent);
    }
    const next = this.decideElevations(contact, 0);
    if (next === 'wait') contact.phase = Phase.Waiting;
    else this.startWrap(contact);
  }

  private startWrap(contact: Contact): void {
    const agent = contact.agent!;
    if (Number.isNaN(contact.handlingEndAt)) contact.handlingEndAt = this.calendar.now;
    contact.wrapStartAt = this.calendar.now;
    contact.phase = Phase.Wrap;
    if (!agent.group.profile.wrapHoldsSlot) this.uncount(agent, contact);
    if (contact.wrapDuration > 0) this.addWork(agent, contact, contact.wrapDuration);
    else this.contactDone(contact);
  }

  private contactDone(contact: Contact): void {
    const agent = contact.agent!;
    const now = this.calendar.now;
    this.lastWrapEndAt = now;
    this.release(agent, contact);
    const handle = now - contact.answeredAt;
    const ledger = this.collector.ledger;
    ledger.holdingSum += handle;
    if (contact.inbound < 0) ledger.outboundFinished++;
    const row = contact.inbound >= 0 ? contact.inbound : contact.kind === KIND_OUTBOUND_VOICE ? this.outboundVoice.row : this.outboundEmail.row;
    if (contact.counted) {
      const c = this.collector;
      const cell = c.cell(row, contact.interval);
      const base = cell * CONTACT_FIELDS;
      c.contacts[base + ContactField.handled]! += 1;
      c.contacts[base + ContactField.handleSum]! += handle;
      c.handles.add(cell, handle);
    }
    if (this.bookingInterval >= 0) {
      agent.handled++;
      this.collector.addGroup(agent.group.index, this.bookingInterval, GroupField.handled, 1);
    }
    const session = contact.session;
    if (session !== null) {
      session.wrapped++;
      if (isSessionComplete(session)) this.sessionComplete(session);
    }
    this.endContact(contact, 'handled');
    if (agent.state === AgentState.Draining && agent.held === 0 && agent.deferred.length === 0) this.logOff(agent);
  }

  private endContact(contact: Contact, outcome: ContactOutcome): void {
    if (this.logContacts) this.log!.contact(this.contactRecord(contact, outcome));
    const agent = contact.agent;
    if (agent !== null && this.timelineAgents[agent.index] === 1) this.keepForTimeline(contact, agent);
    this.contacts.release(contact);
  }

  private keepForTimeline(contact: Contact, agent: Agent): void {
    const window = this.timelineWindow!;
    const end = this.calendar.now;
    if (end < window.from || contact.answeredAt >= window.to) return;
    this.timeline.push({
      agent: agent.index,
      group: agent.group.name,
      contact: contact.id,
      session: contact.session === null ? contact.id : contact.session.id,
      channel: CHANNELS[contact.channel]!,
      direction: contact.inbound >= 0 ? 'inbound' : 'outbound',
      start: contact.answeredAt,
      wrapStart: contact.wrapStartAt,
      end,
    });
  }

  private contactRecord(contact: Contact, outcome: ContactOutcome): ContactRecord {
    const now = this.calendar.now;
    const agent = contact.agent;
    const handled = outcome === 'handled';
    return {
      replication: this.replication,
      contact: contact.id,
      session: contact.session === null ? contact.id : contact.session.id,
      channel: CHANNELS[contact.channel]!,
      direction: contact.inbound >= 0 ? 'inbound' : 'outbound',
      origin: contact.origin,
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
      exchanges: contact.channel === CHAT && contact.inbound >= 0 ? contact.exchanges : 0,
      replies: contact.repliesSent,
      responseBreaches: contact.responseBreaches,
      leftMidway: contact.leftMidway,
    };
  }

  // ------------------------------------------------------------------ attention

  /** Marks the agent for settling after this event and brings its work progress up to now. */
  private touch(agent: Agent): void {
    if (agent.touchedAt === this.eventSerial) return;
    agent.touchedAt = this.eventSerial;
    this.touched[this.touchedCount++] = agent;
    this.advanceWork(agent);
  }

  private advanceWork(agent: Agent): void {
    const now = this.calendar.now;
    const rate = agent.ratePerUnit;
    if (rate > 0 && now > agent.workClock) {
      const done = (now - agent.workClock) * rate;
      if (this.discipline === 'focus') {
        if (agent.current !== null) agent.current.workLeft -= done;
      } else {
        const work = agent.work;
        for (let i = 0; i < work.length; i++) work[i]!.workLeft -= done;
      }
    }
    agent.workClock = now;
  }

  private addWork(agent: Agent, contact: Contact, amount: number): void {
    this.touch(agent);
    contact.workLeft = amount;
    contact.readyAt = this.calendar.now;
    contact.workIndex = agent.work.length;
    agent.work.push(contact);
    agent.workChanged = true;
  }

  private removeWork(agent: Agent, contact: Contact): void {
    const i = contact.workIndex;
    if (i < 0) return;
    const work = agent.work;
    const last = work.pop()!;
    if (last !== contact) {
      work[i] = last;
      last.workIndex = i;
    }
    contact.workIndex = -1;
    agent.workChanged = true;
    if (agent.current === contact) agent.current = null;
    if (agent.workTarget === contact) {
      this.calendar.cancel(agent.workEvent);
      agent.workEvent = NO_EVENT;
      agent.workTarget = null;
    }
  }

  private onWorkDone(agent: Agent): void {
    agent.workEvent = NO_EVENT;
    this.touch(agent);
    const contact = agent.workTarget!;
    agent.workTarget = null;
    contact.workLeft = 0;
    this.removeWork(agent, contact);
    switch (contact.phase) {
      case Phase.Reply:
        this.replySent(contact);
        break;
      case Phase.Work:
        this.handlingEnded(contact);
        break;
      case Phase.Wrap:
        this.contactDone(contact);
        break;
      default:
        throw new SimulationError(`work finished in phase ${contact.phase}`, this.calendar.now, contact.id);
    }
  }

  /** Plans the agent's work from now: which units progress, how fast, and when the next ends. */
  private planWork(agent: Agent): void {
    agent.workChanged = false;
    const work = agent.work;
    const n = work.length;
    if (n === 0) {
      agent.ratePerUnit = 0;
      agent.workClock = this.calendar.now;
      return;
    }
    const factor = agent.group.speed * (agent.live !== null ? this.multitaskOnVoice : 1);
    let target: Contact | null = null;
    let rate = 0;
    if (factor > 0) {
      if (this.discipline === 'focus') {
        const current = agent.current === null ? -1 : agent.current.workIndex;
        const chosen = n === 1 ? 0 : focusChoice(work, current);
        target = work[chosen]!;
        agent.current = target;
        rate = factor;
      } else {
        rate = factor * sharingRate(n, this.efficiency);
        target = work[0]!;
        for (let i = 1; i < n; i++) if (work[i]!.workLeft < target.workLeft) target = work[i]!;
      }
    } else if (this.discipline === 'focus' && agent.current === null) {
      // Paused by a live call: keep the choice so the unit resumes where it stopped.
      const chosen = n === 1 ? 0 : focusChoice(work, -1);
      agent.current = work[chosen]!;
    }
    agent.ratePerUnit = rate;
    agent.workClock = this.calendar.now;
    if (agent.workEvent !== NO_EVENT) this.calendar.cancel(agent.workEvent);
    agent.workEvent = NO_EVENT;
    agent.workTarget = target;
    if (target !== null) {
      const at = this.calendar.now + Math.max(0, target.workLeft) / rate;
      agent.workEvent = this.calendar.schedule(at, Event.WorkDone, agent.index, Priority.completion);
    }
  }

  /** After an event: agents that changed take new work, replan their attention, and re-enter routing. */
  private settle(): void {
    const touched = this.touched;
    const count = this.touchedCount;
    for (let i = 0; i < count; i++) {
      const agent = touched[i]!;
      if (agent.needsPull) this.pull(agent);
    }
    for (let i = 0; i < count; i++) {
      const agent = touched[i]!;
      if (agent.workChanged) this.planWork(agent);
      if (agent.standingChanged) this.refreshAvailability(agent);
    }
    this.touchedCount = 0;
  }

  // ------------------------------------------------------------------ elevation and sessions

  private decideElevations(contact: Contact, exchange: number): 'continue' | 'wait' | 'wrapNow' {
    const plan = this.elevationPlan;
    if (!plan.any) return 'continue';
    const policies = exchange === 0 ? plan.atEnd[contact.kind]! : plan.afterExchange[contact.kind]![exchange];
    if (policies === undefined || policies.length === 0) return 'continue';
    let waiting = 0;
    let wrapNow = false;
    for (const policy of policies) {
      if (!(this.elevationStreams[policy.index]!.next() < policy.probability)) continue;
      const waits = policy.originAfterElevation === 'waitThenWrap';
      const outcome = this.elevate(contact, policy, waits);
      if (outcome === 'dropped') continue;
      if (waits) waiting++;
      if (policy.originAfterElevation === 'wrapNow') wrapNow = true;
    }
    return originNext(waiting, wrapNow);
  }

  private elevate(origin: Contact, policy: ElevationPolicy, originWaits: boolean): 'started' | 'deferred' | 'dropped' {
    const agent = origin.agent!;
    const target = policy.to === 'voice' ? VOICE : EMAIL;
    const startsNow = canElevateInto(agent.group.profile, agent, target);
    // A dropped elevation makes no session: a session is a contact with its elevated contacts.
    if (!startsNow && (this.onBlocked === 'drop' || this.mightDeadlock(agent, target))) {
      if (origin.counted) this.collector.elevationsDropped++;
      return 'dropped';
    }
    const session = origin.session ?? this.openSession(origin);
    const request: DeferredElevation = {
      originId: origin.id,
      waitingOrigin: originWaits ? origin : null,
      target,
      counted: origin.counted,
      session,
      pair: elevationPairIndex(origin.channel, policy.to),
    };
    if (originWaits) origin.waitingFor++;
    if (startsNow) {
      this.startElevated(agent, request);
      return 'started';
    }
    if (origin.counted) this.collector.elevationsDeferred++;
    origin.deferredChildren++;
    session.pendingElevations++;
    agent.deferred.push(request);
    return 'deferred';
  }

  /**
   * A deferral could wait forever when the channel can never have room: the profile allows
   * none, or every contact holding it is itself waiting on a deferred elevation (a cycle).
   */
  private mightDeadlock(agent: Agent, channel: number): boolean {
    if (agent.group.profile.max[channel]! === 0) return true;
    for (const held of agent.contacts) {
      if (held.channel !== channel || !held.countsTowardLimits) continue;
      if (!(held.phase === Phase.Waiting && held.deferredChildren > 0)) return false;
    }
    return true;
  }

  private startDeferred(agent: Agent): void {
    const deferred = agent.deferred;
    for (let i = 0; i < deferred.length; ) {
      const request = deferred[i]!;
      if (!canElevateInto(agent.group.profile, agent, request.target)) {
        i++;
        continue;
      }
      deferred.splice(i, 1);
      request.session.pendingElevations--;
      if (request.waitingOrigin !== null) request.waitingOrigin.deferredChildren--;
      else this.decrementDeferredOfOrigin(agent, request.originId);
      this.startElevated(agent, request);
    }
  }

  /** An origin that does not wait may still be held: keep its count of deferred children true. */
  private decrementDeferredOfOrigin(agent: Agent, originId: number): void {
    for (const held of agent.contacts) {
      if (held.id === originId) {
        held.deferredChildren--;
        return;
      }
    }
  }

  private startElevated(agent: Agent, request: DeferredElevation): void {
    const now = this.calendar.now;
    const outbound = request.target === VOICE ? this.outboundVoice : this.outboundEmail;
    const contact = this.contacts.take();
    contact.kind = outbound.kind;
    contact.channel = outbound.channel;
    contact.inbound = -1;
    contact.arrivalAt = now;
    contact.answeredAt = now;
    contact.interval = Math.min(Math.floor(now / this.intervalSec), this.scenario.horizon.intervals - 1);
    contact.counted = request.counted;
    contact.origin = request.originId;
    contact.priority = this.priorityOf(outbound.channel);
    contact.agent = agent;
    contact.session = request.session;
    contact.waitingParent = request.waitingOrigin;
    contact.handlingDuration = this.sample(outbound.handling, outbound.draw, contact);
    contact.wrapDuration = outbound.wrap === null ? 0 : this.sample(outbound.wrap, outbound.draw, contact);
    const session = request.session;
    session.contacts++;
    session.elevations++;
    session.channelMask |= 1 << outbound.channel;
    this.collector.ledger.outboundCreated++;
    if (request.counted) {
      this.collector.elevations[request.pair]! += 1;
      this.collector.add(outbound.row, contact.interval, ContactField.offered, 1);
      this.collector.add(outbound.row, contact.interval, ContactField.answered, 1);
    }
    this.touch(agent);
    this.hold(agent, contact);
    if (outbound.connect !== null) {
      this.startLive(agent, contact, Phase.Connect, this.sample(outbound.connect, outbound.draw, contact));
    } else {
      contact.phase = Phase.Work;
      this.addWork(agent, contact, contact.handlingDuration);
    }
  }

  private priorityOf(channel: number): number {
    const runtime = this.channelByIndex[channel];
    return runtime === undefined ? 0 : runtime.model.priority.initial;
  }

  private openSession(origin: Contact): Session {
    const session = new Session(origin.id, origin.answeredAt, origin.counted, origin.interval, origin.channel);
    origin.session = session;
    this.collector.ledger.sessionsOpened++;
    return session;
  }

  private sessionComplete(session: Session): void {
    const now = this.calendar.now;
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

  // ------------------------------------------------------------------ staffing and time

  private onBoundary(k: number): void {
    const intervals = this.scenario.horizon.intervals;
    this.closeInterval();
    if (k === intervals) {
      this.bookingInterval = -1;
      this.horizonEnd();
      return;
    }
    if (this.calendar.now >= this.warmupSec) this.bookingInterval = k;
    for (const group of this.groups) this.staff(group, this.scenario.groups[group.index]!.staffing[k]!);
  }

  /** Logs agents in or out so `target` agents take new work; leavers finish what they hold. */
  private staff(group: GroupRuntime, target: number): void {
    let on = 0;
    for (const agent of group.agents) if (agent.state === AgentState.On) on++;
    if (on < target) {
      for (const agent of group.agents) {
        if (on === target) break;
        if (agent.state === AgentState.Draining) {
          this.setState(agent, AgentState.On);
          on++;
        }
      }
      for (const agent of group.agents) {
        if (on === target) break;
        if (agent.state === AgentState.Off) {
          this.setState(agent, AgentState.On);
          agent.idleSince = this.calendar.now;
          on++;
        }
      }
    } else if (on > target) {
      // Idle agents leave first, then those holding least, the most recently added first.
      const leaving = group.agents
        .filter((a) => a.state === AgentState.On)
        .sort((a, b) => a.held - b.held || b.index - a.index)
        .slice(0, on - target);
      for (const agent of leaving) {
        if (agent.held === 0 && agent.deferred.length === 0) this.setState(agent, AgentState.Off);
        else this.setState(agent, AgentState.Draining);
      }
    }
  }

  private setState(agent: Agent, state: AgentState): void {
    this.flushAgent(agent);
    agent.state = state;
    agent.needsPull = state === AgentState.On;
    agent.standingChanged = true;
    this.touch(agent);
  }

  private logOff(agent: Agent): void {
    this.setState(agent, AgentState.Off);
  }

  /** Integrates the agent's time since its last change into its current-interval account. */
  private flushAgent(agent: Agent): void {
    const now = this.calendar.now;
    const dt = now - agent.statClock;
    agent.statClock = now;
    if (dt <= 0 || agent.state === AgentState.Off) return;
    const held = agent.held;
    this.collector.ledger.heldTime += held * dt;
    if (this.bookingInterval < 0) {
      if (now > this.endSec && held > 0) this.overtimeAgentSec += dt;
      return;
    }
    const time = agent.intervalTime;
    const levels = agent.group.levels;
    time[AgentTime.loggedIn]! += dt;
    time[AgentTime.held]! += held * dt;
    time[AgentTime.load]! += agent.load * dt;
    if (held > 0) time[AgentTime.busy]! += dt;
    time[AGENT_TIME_LEVELS + (held < levels ? held : levels - 1)]! += dt;
  }

  /** Brings every agent's time up to now and books it to the interval that is closing. */
  private closeInterval(): void {
    const k = this.bookingInterval;
    const c = this.collector;
    const intervals = this.scenario.horizon.intervals;
    for (const agent of this.agents) {
      this.flushAgent(agent);
      if (k < 0) continue;
      const time = agent.intervalTime;
      const total = agent.totalTime;
      const group = agent.group;
      const base = (group.index * intervals + k) * GROUP_FIELDS;
      c.groups[base + GroupField.loggedInTime]! += time[AgentTime.loggedIn]!;
      c.groups[base + GroupField.busyTime]! += time[AgentTime.busy]!;
      c.groups[base + GroupField.loadTime]! += time[AgentTime.load]!;
      c.groups[base + GroupField.heldTime]! += time[AgentTime.held]!;
      const levelTime = c.groupLevels[group.index]!;
      for (let l = 0; l < group.levels; l++) levelTime[k * group.levels + l]! += time[AGENT_TIME_LEVELS + l]!;
      for (let i = 0; i < time.length; i++) total[i]! += time[i]!;
      time.fill(0);
    }
  }

  /** Arrivals have stopped: queued contacts become backlogEnd; agents finish what they hold. */
  private horizonEnd(): void {
    const now = this.calendar.now;
    this.routingOpen = false;
    for (const channel of this.channels) {
      const queue = channel.queue;
      while (queue.head !== null) {
        const contact = queue.head;
        queue.remove(contact, now);
        this.calendar.cancel(contact.timer);
        contact.timer = NO_EVENT;
        const wait = now - contact.arrivalAt;
        const ledger = this.collector.ledger;
        ledger.backlogEnd[channel.row]! += 1;
        ledger.queueTimeSum[channel.row]! += wait;
        if (contact.counted) {
          this.collector.add(channel.row, contact.interval, ContactField.backlogEnd, 1);
          if (wait > channel.slThreshold) this.collector.add(channel.row, contact.interval, ContactField.slaBreaches, 1);
        }
        this.endContact(contact, 'backlogEnd');
      }
    }
    for (const agent of this.agents) {
      if (agent.state === AgentState.Off) continue;
      if (agent.held === 0 && agent.deferred.length === 0) this.setState(agent, AgentState.Off);
      else this.setState(agent, AgentState.Draining);
    }
  }

  private finish(): void {
    const now = this.calendar.now;
    this.closeInterval();
    for (const channel of this.channels) {
      channel.queue.settle(now);
      this.collector.ledger.queueLengthTime[channel.row] = channel.queue.lengthTime;
    }
    if (this.contacts.live !== 0) {
      throw new SimulationError(`${this.contacts.live} contacts were still open when the calendar emptied`, now);
    }
  }

  /** Agent-seconds spent finishing work after the horizon end. */
  get overtimeAgentSeconds(): number {
    return this.overtimeAgentSec;
  }

  /** When the last contact finished its wrap, s. */
  get lastWrapEnd(): number {
    return this.lastWrapEndAt;
  }

  get routingSteps(): number {
    let steps = 0;
    for (const heaps of this.available) for (const heap of heaps) if (heap !== null) steps += heap.steps;
    return steps;
  }
}

/** A recorded value, or the drawn one where the recording left the cell empty (NaN). */
function given(recorded: number, drawn: number): number {
  return Number.isNaN(recorded) ? drawn : recorded;
}
