// The simulated contact center of one replication: the event loop and the wiring of its rooms.
// Intake (arrivals, backlog), router (queues, availability, patience), desk (a contact's
// phases), attention (work progress and focus or sharing), sessions (elevation, deferral,
// completion), roster (staffing, intervals, warm-up, horizon end) and the recorder (every
// write into the collector). Exports `ContactCenter`; `simulate()` in simulate.ts is the entry.
//
// The rooms are concrete classes built and wired once per replication, so every call in the
// loop has one receiver; the same-instant order of events is written in events.ts. A hot
// function's rare paths (an error's message, a warm-up's bookkeeping) live in functions of
// their own: V8 inlines and optimises a function by its size, and building a message counts
// as much as the work (with the warm-up's case out of agent time's flush, skills-50's
// simulation took 6-9 % less).
import { SimulationError } from '../errors.js';
import { EventCalendar } from '../kernel/calendar.js';
import { createStream } from '../kernel/random.js';
import { CHANNEL_COUNT } from '../osh/channels.js';
import type { Scenario } from '../scenario/model.js';
import { Collector } from '../stats/collector.js';
import type { RecordSink, TimelineEntry } from '../stats/records.js';
import { Agent, type GroupRuntime } from './agent.js';
import { Attention } from './attention.js';
import { type ChannelRuntime, buildChannels, buildOutbound } from './channels.js';
import { LIMITS } from '../scenario/schema.js';
import { ContactPool } from './contact.js';
import { Desk } from './desk.js';
import { EventKind } from './events.js';
import { groupShapes } from './group-shape.js';
import { Intake } from './intake.js';
import { Recorder } from './recorder.js';
import { Roster } from './roster.js';
import { Router } from './router.js';
import { Sessions } from './sessions.js';
import type { TimelineWindow } from './timeline.js';

export interface CenterOptions {
  /** Receives every contact and session as it ends (for contacts.csv and sessions.csv). */
  readonly log?: RecordSink | undefined;
  /** Called now and then with the simulated time, for progress bars. */
  readonly onProgress?: ((simulatedSec: number, events: number) => void) | undefined;
  /** Keep the contacts of these agents overlapping [from, to) for the report's agent timeline. */
  readonly timeline?: TimelineWindow | undefined;
  /** Contacts held at once before the run stops as a runaway queue (LIMITS.contactsHeld; tests lower it). */
  readonly maxContactsHeld?: number | undefined;
}

/** Events between two progress reports (a power of two: the check is a mask). */
const PROGRESS_EVERY = 1 << 18;

export class ContactCenter {
  readonly calendar = new EventCalendar(4096);
  readonly collector: Collector;
  readonly agents: Agent[] = [];
  private readonly groups: GroupRuntime[] = [];
  private readonly channels: readonly ChannelRuntime[];
  private readonly contacts = new ContactPool();
  private readonly recorder: Recorder;
  private readonly intake: Intake;
  private readonly router: Router;
  private readonly desk: Desk;
  private readonly attention: Attention;
  private readonly sessions: Sessions;
  private readonly roster: Roster;
  private readonly onProgress: CenterOptions['onProgress'];

  constructor(scenario: Scenario, replication: number, options: CenterOptions = {}) {
    this.onProgress = options.onProgress;
    const stream = (name: string) => createStream(scenario.seed, replication, name);

    // Groups and agents first: channels list the groups that take them.
    let agentCount = 0;
    for (const g of scenario.groups) agentCount += Math.max(0, ...g.staffing);
    const shapes = groupShapes(scenario);
    scenario.groups.forEach((model, index) => {
      const { profile, channels, levels, capacity, usesUnits, elevates } = shapes[index]!;
      const group: GroupRuntime = { index, name: model.name, profile, channels, speed: model.speed, agents: [], levels, capacity, usesUnits, elevates };
      this.groups.push(group);
      const size = Math.max(0, ...model.staffing);
      for (let i = 0; i < size; i++) {
        const agent = new Agent(this.agents.length, group, agentCount);
        group.agents.push(agent);
        this.agents.push(agent);
      }
    });
    this.channels = buildChannels(scenario, this.groups, stream);
    const outbound = buildOutbound(scenario, stream);
    const rows = scenario.skills.length;
    this.collector = new Collector(rows + 2, rows, this.groups.map((g) => g.levels), scenario.horizon.intervals, CHANNEL_COUNT * 2);

    const calendar = this.calendar;
    this.recorder = new Recorder(this.collector, replication, scenario.horizon.intervals, this.agents.length, options.log, options.timeline, scenario.skills.map((skill) => skill.name));
    this.attention = new Attention(scenario, calendar);
    this.router = new Router(scenario, calendar, this.recorder, this.channels, this.groups, this.agents);
    this.desk = new Desk(calendar, this.contacts, this.recorder, this.channels);
    this.sessions = new Sessions(scenario, calendar, this.contacts, this.recorder, outbound, stream);
    this.roster = new Roster(scenario, calendar, this.recorder, this.groups, this.agents);
    this.intake = new Intake(scenario, calendar, this.contacts, this.recorder, this.channels, this.agents, options.maxContactsHeld ?? LIMITS.contactsHeld);
    this.attention.wire(this.desk, this.router);
    this.router.wire(this.desk, this.sessions);
    this.desk.wire(this.attention, this.sessions, this.roster);
    this.sessions.wire(this.desk, this.attention);
    this.roster.wire(this.attention, this.router);
    this.intake.wire(this.router, this.attention);
  }

  /** Runs the replication to the end: the horizon, then until every agent has finished. */
  run(): void {
    this.start();
    this.advance(Infinity);
    this.end();
  }

  /** The staffing and the first arrivals: what `advance` then runs from. */
  start(): void {
    this.roster.start();
    this.intake.start();
  }

  /**
   * Delivers at most `maxEvents` events; true once the calendar is empty. A caller that must
   * stay responsive (the main thread, which hears signals only between calls) runs a
   * replication in such slices.
   */
  advance(maxEvents: number): boolean {
    const { calendar, channels, agents, intake, router, desk, attention } = this;
    const roster = this.roster;
    const all = this.contacts.all;
    let budget = maxEvents;
    while (budget-- > 0 && calendar.next()) {
      const target = calendar.target;
      switch (calendar.kind) {
        case EventKind.Arrival:
          intake.onArrival(channels[target]!);
          break;
        case EventKind.Patience:
          router.onPatience(all[target]!);
          break;
        case EventKind.LiveEnd:
          desk.onLiveEnd(all[target]!);
          break;
        case EventKind.ThinkEnd:
          desk.onThinkEnd(all[target]!);
          break;
        case EventKind.ReplyPatience:
          desk.onReplyPatience(all[target]!);
          break;
        case EventKind.WorkDone:
          attention.onWorkDone(agents[target]!);
          break;
        case EventKind.Boundary:
          roster.onBoundary(target);
          break;
        case EventKind.Backlog:
          intake.onBacklog();
          break;
        case EventKind.DelayStep:
          router.onDelayStep(all[target]!);
          break;
        case EventKind.WarmupEnd:
          roster.onWarmupEnd();
          break;
        default:
          throw new SimulationError(`unknown event kind ${calendar.kind}`, calendar.now);
      }
      if (attention.touchedCount > 0) attention.settle();
      if (this.onProgress !== undefined && (calendar.delivered & (PROGRESS_EVERY - 1)) === 0) {
        this.onProgress(calendar.now, calendar.delivered);
      }
    }
    return budget >= 0;
  }

  /** After the last event: agent time and queue lengths closed, nothing left open. */
  end(): void {
    const calendar = this.calendar;
    this.roster.finish();
    this.router.finish();
    if (this.contacts.live !== 0) {
      throw new SimulationError(`${this.contacts.live} contacts were still open when the calendar emptied`, calendar.now);
    }
  }

  /** The report's agent timeline (sampled agents' contacts in the window), when asked for. */
  get timeline(): TimelineEntry[] {
    return this.recorder.timeline;
  }

  /** Agent-seconds spent finishing work after the horizon end. */
  get overtimeAgentSeconds(): number {
    return this.roster.overtimeAgentSec;
  }

  /** When the last contact finished its wrap, s. */
  get lastWrapEnd(): number {
    return this.desk.lastWrapEndAt;
  }

  /** Heap levels walked by routing, for the routing-cost test. */
  get routingSteps(): number {
    return this.router.heapSteps;
  }
}
