// Skills as a replication runs them (a skill is a queue of one channel; a `channels:` entry is
// the skill named after its channel): distributions built, random streams opened, queues,
// the groups offered each skill with their proficiency, delay and rank; the outbound (elevated) contacts' runtimes; and the one
// guarded draw of a duration. Exports `ChannelRuntime`, `OutboundRuntime`, `buildChannels`,
// `buildOutbound`, `draw`. Durations in seconds.
import { SimulationError } from '../errors.js';
import { type Distribution, makeCountDistribution, makeDistribution } from '../kernel/distributions.js';
import type { RandomStream } from '../kernel/random.js';
import { CHANNELS, CONTACT_KINDS } from '../osh/channels.js';
import type { DistributionSpec, Scenario, SkillModel } from '../scenario/model.js';
import type { GroupRuntime } from './agent.js';
import { ArrivalProcess } from './arrivals.js';
import { ContactQueue } from './queue.js';

/** A group offered a skill, and on what terms. */
export interface SkillTaker {
  readonly group: GroupRuntime;
  readonly proficiency: number;
  readonly delaySec: number;
  readonly rank: number;
}

/** A skill (an inbound queue) as the running model needs it. */
export interface ChannelRuntime {
  readonly model: SkillModel;
  /** Row in the collector (position among the scenario's skills). */
  readonly row: number;
  /** Index in CHANNELS. */
  readonly channelIndex: number;
  /** Index in CONTACT_KINDS. */
  readonly kind: number;
  readonly handling: Distribution;
  readonly wrap: Distribution | null;
  readonly patience: Distribution | null;
  readonly replyPatience: Distribution | null;
  readonly exchanges: Distribution | null;
  readonly think: Distribution | null;
  /**
   * Factor on the handling draws of contacts arriving in each interval: the forecast's AHT over
   * the distribution's mean, times the what-if `aht.scale`; null when every factor is 1.
   */
  readonly handlingFactor: Float64Array | null;
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
  /** Groups offered this skill, by delay then proficiency (best first), then group order. */
  readonly takers: readonly SkillTaker[];
  /** The distinct delays > 0 of its takers, ascending: the steps at which a waiting contact is offered more groups. */
  readonly delaySteps: readonly number[];
  readonly slThreshold: number;
  readonly shortAbandon: number;
}

/** Outbound voice or email: the contacts elevation creates. */
export interface OutboundRuntime {
  readonly row: number;
  readonly kind: number;
  /** Index in CHANNELS: voice or email. */
  readonly channelIndex: number;
  readonly connect: Distribution | null;
  readonly handling: Distribution;
  readonly wrap: Distribution | null;
  readonly draw: RandomStream;
  /** Ranks as its channel does, whether or not the scenario has inbound contacts of it. */
  readonly priority: number;
}

type StreamOf = (name: string) => RandomStream;

const build = (spec: DistributionSpec | null) => (spec === null ? null : makeDistribution(spec));

export function buildChannels(scenario: Scenario, groups: readonly GroupRuntime[], stream: StreamOf): ChannelRuntime[] {
  const intervalSec = scenario.horizon.intervalSec;
  return scenario.skills.map((model, row) => {
    const channel = model.channel;
    // Streams are named by skill: a channel entry's skill is its channel, so its streams are the channel's.
    const skill = model.name;
    const channelIndex = CHANNELS.indexOf(channel);
    const handling = makeDistribution(model.handling);
    const takers: SkillTaker[] = [];
    scenario.groups.forEach((g, i) => {
      for (const held of g.skills) if (held.skill === row) takers.push({ group: groups[i]!, proficiency: held.proficiency, delaySec: held.delaySec, rank: held.rank });
    });
    takers.sort((a, b) => a.delaySec - b.delaySec || a.proficiency - b.proficiency || a.group.index - b.group.index);
    const delaySteps = [...new Set(takers.map((t) => t.delaySec).filter((d) => d > 0))].sort((a, b) => a - b);
    return {
      model,
      row,
      channelIndex,
      kind: CONTACT_KINDS.indexOf(channel),
      handling,
      wrap: build(model.wrap),
      patience: build(model.patience),
      replyPatience: build(model.replyPatience),
      exchanges: model.exchanges === null ? null : makeCountDistribution(model.exchanges),
      think: build(model.think),
      handlingFactor: handlingFactors(model, handling.mean, scenario.horizon.intervals),
      arrivals: model.trace === null ? new ArrivalProcess(model.arrivalRates, intervalSec, stream(`arrivals:${skill}`)) : null,
      traceRow: 0,
      draw: stream(`contact:${skill}`),
      reply: stream(`reply:${skill}`),
      customer: stream(`customer:${skill}`),
      queue: new ContactQueue(),
      takers,
      delaySteps,
      slThreshold: model.serviceLevel.thresholdSec,
      shortAbandon: model.serviceLevel.shortAbandonSec,
    };
  });
}

/** Every distribution here is a scale family, so a factor sets the mean and keeps the cv. */
function handlingFactors(model: SkillModel, mean: number, intervals: number): Float64Array | null {
  const byInterval = model.handlingMeanByInterval;
  if (byInterval === null && model.handlingScale === 1) return null;
  const factors = new Float64Array(intervals);
  for (let k = 0; k < intervals; k++) {
    const wanted = byInterval === null || Number.isNaN(byInterval[k]!) ? mean : byInterval[k]!;
    factors[k] = mean > 0 ? (wanted / mean) * model.handlingScale : model.handlingScale;
  }
  return factors;
}

/** Outbound voice and email, on the two rows after the skills. */
export function buildOutbound(scenario: Scenario, stream: StreamOf): { voice: OutboundRuntime; email: OutboundRuntime } {
  const rows = scenario.skills.length;
  const outbound = scenario.outbound;
  return {
    voice: {
      row: rows,
      kind: CONTACT_KINDS.indexOf('outbound-voice'),
      channelIndex: CHANNELS.indexOf('voice'),
      connect: makeDistribution(outbound.voice.connect),
      handling: makeDistribution(outbound.voice.talk),
      wrap: build(outbound.voice.wrap),
      draw: stream('handling:outbound-voice'),
      priority: outbound.voice.priority,
    },
    email: {
      row: rows + 1,
      kind: CONTACT_KINDS.indexOf('outbound-email'),
      channelIndex: CHANNELS.indexOf('email'),
      connect: null,
      handling: makeDistribution(outbound.email.work),
      wrap: build(outbound.email.wrap),
      draw: stream('handling:outbound-email'),
      priority: outbound.email.priority,
    },
  };
}

/** One duration; a negative, NaN or infinite draw is a simulation error, never repaired. */
export function draw(dist: Distribution, stream: RandomStream, now: number, contactId: number | undefined): number {
  const x = dist.sample(stream);
  if (!(x >= 0 && x < Infinity)) badDraw(dist, x, now, contactId);
  return x;
}

/** Out of `draw`, so its size lets V8 inline it (see center.ts on the error paths). */
function badDraw(dist: Distribution, x: number, now: number, contactId: number | undefined): never {
  throw new SimulationError(`distribution ${dist.toString()} drew ${x}`, now, contactId);
}
