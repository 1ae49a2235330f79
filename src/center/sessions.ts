// Sessions: elevation decided at the points the policies name, an elevated contact started for
// the same agent at once or deferred until its channel has room (or dropped when that wait
// could never end), and a session completed when its last contact wraps.
// Exports `Sessions`. Times in seconds.
import type { EventCalendar } from '../kernel/calendar.js';
import type { RandomStream } from '../kernel/random.js';
import { CHANNELS } from '../osh/channels.js';
import { elevationPairIndex } from '../osh/elevation.js';
import { canElevateInto } from '../osh/profile.js';
import { type ElevationPlan, type ElevationPolicy, type OriginNext, mayElevateAtDepth, originNext, planElevations } from '../policies/elevation.js';
import type { Scenario } from '../scenario/model.js';
import type { Agent, DeferredElevation } from './agent.js';
import type { Attention } from './attention.js';
import { type OutboundRuntime, draw } from './channels.js';
import { type Contact, type ContactPool, Phase } from './contact.js';
import type { Desk } from './desk.js';
import type { Recorder } from './recorder.js';
import { Session } from './session.js';

const VOICE = CHANNELS.indexOf('voice');
const EMAIL = CHANNELS.indexOf('email');

export class Sessions {
  private readonly calendar: EventCalendar;
  private readonly contacts: ContactPool;
  private readonly recorder: Recorder;
  private readonly outboundVoice: OutboundRuntime;
  private readonly outboundEmail: OutboundRuntime;
  private readonly plan: ElevationPlan;
  /** One stream per policy: whether it fires. */
  private readonly streams: RandomStream[];
  private readonly dropWhenBlocked: boolean;
  private readonly intervalSec: number;
  private readonly lastInterval: number;
  private desk!: Desk;
  private attention!: Attention;

  constructor(
    scenario: Scenario,
    calendar: EventCalendar,
    contacts: ContactPool,
    recorder: Recorder,
    outbound: { voice: OutboundRuntime; email: OutboundRuntime },
    stream: (name: string) => RandomStream,
  ) {
    this.calendar = calendar;
    this.contacts = contacts;
    this.recorder = recorder;
    this.outboundVoice = outbound.voice;
    this.outboundEmail = outbound.email;
    this.plan = planElevations(scenario.elevation.policies as readonly ElevationPolicy[]);
    this.streams = scenario.elevation.policies.map((p) => stream(`elevation:${p.index}`));
    this.dropWhenBlocked = scenario.elevation.onBlocked === 'drop';
    this.intervalSec = scenario.horizon.intervalSec;
    this.lastInterval = scenario.horizon.intervals - 1;
  }

  wire(desk: Desk, attention: Attention): void {
    this.desk = desk;
    this.attention = attention;
  }

  /** At a decision point (exchange k of a chat, or 0: the end of handling): what the origin does next. */
  decideElevations(contact: Contact, exchange: number): OriginNext {
    const plan = this.plan;
    if (!plan.any || !contact.agent!.group.elevates) return 'continue';
    const policies = exchange === 0 ? plan.atEnd[contact.kind]! : plan.afterExchange[contact.kind]![exchange];
    if (policies === undefined || policies.length === 0) return 'continue';
    let waiting = 0;
    let wrapNow = false;
    for (const policy of policies) {
      if (!(this.streams[policy.index]!.next() < policy.probability)) continue;
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
    // A chain deeper than the bound is dropped too, so no chain of policies elevates forever.
    if (!mayElevateAtDepth(origin.elevationDepth) || (!startsNow && (this.dropWhenBlocked || this.neverFrees(agent, target, 0, originWaits ? origin : null)))) {
      this.recorder.elevationDropped(origin.counted);
      return 'dropped';
    }
    const session = origin.session ?? this.open(origin);
    const request: DeferredElevation = {
      originId: origin.id,
      waitingOrigin: originWaits ? origin : null,
      target,
      counted: origin.counted,
      session,
      pair: elevationPairIndex(origin.channel, policy.to),
      depth: origin.elevationDepth + 1,
    };
    if (originWaits) origin.waitingFor++;
    if (startsNow) {
      this.startElevated(agent, request);
      return 'started';
    }
    this.recorder.elevationDeferred(origin.counted);
    origin.deferredChildren++;
    session.pendingElevations++;
    agent.deferred.push(request);
    return 'deferred';
  }

  /**
   * Whether a slot of `channel` can never free for a deferred elevation: the profile allows none,
   * or every contact holding one waits (waitThenWrap) on a deferred elevation into a channel that
   * itself never frees. `visiting`: channels already on the path (bits), so a cycle of origins
   * waiting on each other counts as never. `deciding`: the origin whose new elevation into the
   * first channel is being decided, when it will wait on it.
   */
  private neverFrees(agent: Agent, channel: number, visiting: number, deciding: Contact | null): boolean {
    const max = agent.group.profile.max[channel]!;
    if (max === 0 || (visiting & (1 << channel)) !== 0) return true;
    if (agent.perChannel[channel]! < max) return false;
    const path = visiting | (1 << channel);
    for (const held of agent.contacts) {
      if (held.channel !== channel || !held.countsTowardLimits) continue;
      if (!this.waitsForever(agent, held, path, deciding)) return false;
    }
    return true;
  }

  /** Whether the contact waits on a deferred elevation that can never start (see `neverFrees`). */
  private waitsForever(agent: Agent, held: Contact, visiting: number, deciding: Contact | null): boolean {
    // The elevation being decided targets the first channel of the path: already visited.
    if (held === deciding) return true;
    for (const request of agent.deferred) {
      if (request.waitingOrigin === held && this.neverFrees(agent, request.target, visiting, deciding)) return true;
    }
    return false;
  }

  /** The agent has room again: its deferred elevations whose channel now fits start, in order. */
  startDeferred(agent: Agent): void {
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
    contact.channel = outbound.channelIndex;
    contact.row = outbound.row;
    contact.outbound = true;
    contact.arrivalAt = now;
    contact.answeredAt = now;
    contact.interval = Math.min(Math.floor(now / this.intervalSec), this.lastInterval);
    contact.counted = request.counted;
    contact.originId = request.originId;
    contact.elevationDepth = request.depth;
    contact.priority = outbound.priority;
    contact.agent = agent;
    contact.session = request.session;
    contact.waitingParent = request.waitingOrigin;
    contact.handlingDuration = draw(outbound.handling, outbound.draw, now, contact.id);
    contact.wrapDuration = outbound.wrap === null ? 0 : draw(outbound.wrap, outbound.draw, now, contact.id);
    const session = request.session;
    session.contacts++;
    session.elevations++;
    session.channelMask |= 1 << outbound.channelIndex;
    this.recorder.elevationStarted(request.pair, outbound.row, contact.interval, request.counted);
    this.attention.touch(agent);
    this.desk.hold(agent, contact);
    if (outbound.connect !== null) {
      this.desk.startLive(agent, contact, Phase.Connect, draw(outbound.connect, outbound.draw, now, contact.id));
    } else {
      contact.phase = Phase.Work;
      this.attention.addWork(agent, contact, contact.handlingDuration);
    }
  }

  private open(origin: Contact): Session {
    const session = new Session(origin.id, origin.answeredAt, origin.counted, origin.interval, origin.channel);
    origin.session = session;
    this.recorder.sessionOpened();
    return session;
  }

  complete(session: Session): void {
    this.recorder.sessionCompleted(session, this.calendar.now);
  }
}
