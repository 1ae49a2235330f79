// Written scenario → normalised scenario: defaults filled, shorthands expanded (count and
// shifts into staffing per interval, vendor profile options into blocks, volumes into rates).
// Runs only on a scenario that passed the shape and the rules. Exports `normalizeScenario`.
import { CHANNELS, type ChannelName } from '../osh/channels.js';
import { SINGLE_CONTACT, type ConcurrencyProfile } from '../osh/profile.js';
import type { ElevationPolicy } from '../policies/elevation.js';
import type {
  SkillModel,
  DistributionSpec,
  ExpectationModel,
  GroupModel,
  OutboundModel,
  Scenario,
} from './model.js';
import { elevationPolicies } from './policies.js';
import { horizonStartMinute, scaledAgents, staffingFromShifts } from './horizon.js';
import { named } from './shape.js';
import { scenarioWarnings } from './rules.js';
import { groupSkills, writtenSkills, type WrittenQueue } from './skills.js';
import type { WrittenGroup, WrittenProfile, WrittenScenario } from './schema.js';
import { NO_PLANNER_TABLES, type PlannerTables } from './planner-files.js';
import type { Trace } from './trace.js';

/** Defaults a planner would assume when a channel leaves them out (written in the README). */
export const CHANNEL_DEFAULTS: Readonly<
  Record<ChannelName, { serviceLevelSec: number; priority: number }>
> = {
  voice: { serviceLevelSec: 20, priority: 100 },
  chat: { serviceLevelSec: 60, priority: 50 },
  voicemail: { serviceLevelSec: 4 * 3600, priority: 30 },
  workitem: { serviceLevelSec: 24 * 3600, priority: 20 },
  email: { serviceLevelSec: 24 * 3600, priority: 10 },
};
export const DEFAULT_RESPONSE_THRESHOLD_SEC = 60;
export const DEFAULT_REPLICATIONS = 10;
export const DEFAULT_SEED = 1;

export const OUTBOUND_DEFAULTS: OutboundModel = {
  voice: {
    connect: { dist: 'fixed', value: 15 },
    talk: { dist: 'lognormal', mean: 240, cv: 0.8 },
    wrap: { dist: 'exponential', mean: 30 },
    priority: CHANNEL_DEFAULTS.voice.priority,
  },
  email: {
    work: { dist: 'lognormal', mean: 180, cv: 0.6 },
    wrap: { dist: 'fixed', value: 10 },
    priority: CHANNEL_DEFAULTS.email.priority,
  },
};

/** Traces by skill (a channel entry's skill is its channel's name), read and parsed by the caller (normalisation touches no file). */
export type Traces = ReadonlyMap<string, Trace>;

export function normalizeScenario(written: WrittenScenario, traces: Traces = new Map(), planner: PlannerTables = NO_PLANNER_TABLES): Scenario {
  const intervals = written.horizon.intervals;
  const intervalSec = written.horizon.intervalMinutes * 60;
  const startMinute = horizonStartMinute(written);

  const queues = writtenSkills(written);
  const skills: SkillModel[] = queues.map((queue) => normalizeSkill(written, queue, intervals, intervalSec, traces.get(queue.skill) ?? null, planner.aht.get(queue.skill) ?? null));
  const profiles = written.osh?.profiles ?? {};
  const groups: GroupModel[] = written.agents.map((group, g) =>
    normalizeGroup(group, g, skills, group.profile === undefined ? undefined : named(profiles, group.profile), intervals, written.horizon.intervalMinutes, startMinute, planner.shrinkage.get(group.group) ?? null),
  );

  const policies: ElevationPolicy[] = elevationPolicies(written);

  const expect: ExpectationModel[] = (written.expect ?? []).map((e, index) => {
    const comparator = e['>='] !== undefined ? '>=' : e['<='] !== undefined ? '<=' : '==';
    return {
      index,
      metric: e.metric,
      comparator,
      bound: e[comparator]!,
      tolerance: e.tolerance ?? 0,
      confidence: e.confidence ?? null,
    };
  });

  const outboundVoice = written.outbound?.voice;
  const outboundEmail = written.outbound?.email;
  return {
    name: written.name,
    description: written.description ?? '',
    seed: written.seed ?? DEFAULT_SEED,
    replications: written.replications ?? DEFAULT_REPLICATIONS,
    horizon: { intervalSec, intervals, startMinute, endSec: intervals * intervalSec, firstDate: planner.firstDate },
    warmupSec: (written.warmupMinutes ?? 0) * 60,
    skills,
    skillsWritten: written.skills !== undefined,
    outbound: {
      voice: {
        connect: outboundVoice?.connect ?? OUTBOUND_DEFAULTS.voice.connect,
        talk: outboundVoice?.talk ?? OUTBOUND_DEFAULTS.voice.talk,
        wrap: outboundVoice?.wrap ?? OUTBOUND_DEFAULTS.voice.wrap,
        priority: skills.find((c) => c.channel === 'voice')?.priority.initial ?? CHANNEL_DEFAULTS.voice.priority,
      },
      email: {
        work: outboundEmail?.work ?? OUTBOUND_DEFAULTS.email.work,
        wrap: outboundEmail?.wrap ?? OUTBOUND_DEFAULTS.email.wrap,
        priority: skills.find((c) => c.channel === 'email')?.priority.initial ?? CHANNEL_DEFAULTS.email.priority,
      },
    },
    groups,
    attention: {
      discipline: written.osh?.attention?.discipline ?? 'focus',
      efficiency: written.osh?.attention?.efficiency ?? [1],
      multitaskOnVoice: written.osh?.attention?.multitaskOnVoice ?? 0,
    },
    elevation: { onBlocked: written.osh?.elevation?.onBlocked ?? 'defer', policies },
    routing: { agentSelection: written.routing?.agentSelection ?? 'longestIdle' },
    expect,
    warnings: scenarioWarnings(written),
  };
}

function normalizeSkill(
  written: WrittenScenario,
  queue: WrittenQueue,
  intervals: number,
  intervalSec: number,
  trace: Trace | null,
  aht: readonly number[] | null,
): SkillModel {
  const name = queue.channel;
  const channel = queue.entry;
  const arrivals = channel.arrivals ?? {};
  let arrivalRates: number[];
  if (trace !== null) {
    // The trace's own rate per interval: what capacity estimates and the timeline's busiest hour read.
    arrivalRates = new Array<number>(intervals).fill(0);
    for (const at of trace.at) arrivalRates[Math.min(Math.floor(at / intervalSec), intervals - 1)]! += 1 / intervalSec;
  } else {
    const scale = (arrivals.scale ?? 1) * (written.arrivals?.scale ?? 1);
    arrivalRates =
      arrivals.volumes !== undefined
        ? arrivals.volumes.map((volume) => (scale * volume) / intervalSec)
        : new Array<number>(intervals).fill((scale * (arrivals.ratePerHour ?? 0)) / 3600);
  }
  const defaults = CHANNEL_DEFAULTS[name];
  const sl = channel.serviceLevel;
  const chat = 'exchanges' in channel ? channel : undefined;
  const handling: DistributionSpec = 'talk' in channel ? channel.talk : 'reply' in channel ? channel.reply : channel.work;
  return {
    name: queue.skill,
    channel: name,
    arrivalRates,
    backlog: arrivals.backlog ?? 0,
    trace,
    handling,
    // Only a forecast that gives a handle time somewhere changes the draws.
    handlingMeanByInterval: aht !== null && aht.some((v) => !Number.isNaN(v)) ? aht : null,
    handlingScale: (channel.aht?.scale ?? 1) * (written.aht?.scale ?? 1),
    exchanges: chat?.exchanges ?? null,
    think: chat?.think ?? null,
    wrap: channel.wrap ?? null,
    patience: 'patience' in channel ? (channel.patience ?? null) : null,
    replyPatience: chat?.replyPatience ?? null,
    responseThresholdSec: chat === undefined ? Infinity : (chat.responseThresholdSec ?? DEFAULT_RESPONSE_THRESHOLD_SEC),
    responseTarget: chat?.responseTarget ?? null,
    serviceLevel: {
      thresholdSec: sl?.thresholdSec ?? defaults.serviceLevelSec,
      target: sl?.target ?? null,
      formula: sl?.formula ?? 'offered',
      shortAbandonSec: sl?.shortAbandonSec ?? 0,
    },
    priority: {
      initial: channel.priority?.initial ?? defaults.priority,
      accelerationPerMinute: channel.priority?.accelerationPerMinute ?? 0,
      max: channel.priority?.max ?? null,
    },
  };
}

function normalizeGroup(
  group: WrittenGroup,
  g: number,
  skills: readonly SkillModel[],
  profile: WrittenProfile | undefined,
  intervals: number,
  intervalMinutes: number,
  startMinute: number,
  shrinkage: readonly number[] | null,
): GroupModel {
  let staffing: number[];
  if (group.staffing !== undefined) staffing = [...group.staffing];
  else if (group.shifts !== undefined) staffing = staffingFromShifts(group.shifts, intervals, intervalMinutes, startMinute);
  else staffing = new Array<number>(intervals).fill(group.count ?? 0);
  if (group.scale !== undefined && group.scale !== 1) staffing = staffing.map((agents) => scaledAgents(agents, group.scale!));
  // Held skills in the scenario's skill order, so routing walks them the same way in every group.
  const held = groupSkills(group, g)
    .map((h) => ({ skill: skills.findIndex((s) => s.name === h.skill), proficiency: h.proficiency, delaySec: h.delaySec, rank: h.rank }))
    .filter((h) => h.skill >= 0)
    .sort((a, b) => a.skill - b.skill);
  const channels = new Set(held.map((h) => skills[h.skill]!.channel));
  return {
    name: group.group,
    skills: held,
    channels: CHANNELS.filter((c) => channels.has(c)),
    staffing,
    profile: profile === undefined ? { ...SINGLE_CONTACT, name: 'single' } : normalizeProfile(group.profile!, profile),
    speed: group.speed ?? 1,
    shrinkage: shrinkage ?? perInterval(group.shrinkage, intervals),
    maxOccupancy: group.maxOccupancy ?? null,
    minAgents: perInterval(group.minAgents, intervals),
  };
}

/** A figure written once for every interval, or as a list of one per interval. */
function perInterval(value: number | readonly number[] | undefined, intervals: number): number[] | null {
  if (value === undefined) return null;
  return typeof value === 'number' ? new Array<number>(intervals).fill(value) : [...value];
}

/**
 * Agents of a shift count in every interval whose start falls inside [start, end); a shift
 * whose end is not after its start runs past midnight.
 */
export function normalizeProfile(name: string, written: WrittenProfile): ConcurrencyProfile {
  const maxTotal = written.maxTotal ?? Infinity;
  const budget = written.budget ?? Infinity;
  const units = {} as Record<ChannelName, number>;
  const maxPerChannel = {} as Record<ChannelName, number>;
  for (const channel of CHANNELS) {
    units[channel] = written.units?.[channel] ?? 0;
    const given = written.maxPerChannel?.[channel];
    // A channel without its own maximum is bounded by the total or the budget when the
    // profile has one, else it takes one contact at a time; a voice call is always one.
    const boundedElsewhere = Number.isFinite(maxTotal) || (Number.isFinite(budget) && units[channel] > 0);
    const max = given ?? (boundedElsewhere ? Infinity : 1);
    maxPerChannel[channel] = channel === 'voice' ? Math.min(max, 1) : max;
  }
  const blocks: { while: ChannelName; noNew: ChannelName[] }[] = (written.block ?? []).map((b) => ({
    while: b.while,
    noNew: [...b.noNew],
  }));
  for (const held of written.currentChannelOnly ?? []) {
    blocks.push({ while: held, noNew: CHANNELS.filter((c) => c !== held) });
  }
  for (const held of CHANNELS) {
    const interrupters = written.interruptibleBy?.[held];
    if (interrupters === undefined) continue;
    const noNew = CHANNELS.filter((c) => c !== held && !interrupters.includes(c));
    if (noNew.length > 0) blocks.push({ while: held, noNew });
  }
  return {
    name,
    maxPerChannel,
    maxTotal,
    units,
    budget,
    blocks,
    wrapHoldsSlot: written.wrapHoldsSlot ?? true,
  };
}

/** The same scenario with every group handling one contact at a time (OSH off): what OSH itself buys is the difference. */
export function withOshOff(scenario: Scenario): Scenario {
  return { ...scenario, groups: scenario.groups.map((g) => ({ ...g, profile: { ...SINGLE_CONTACT, name: 'single' } })) };
}
