// The normalised scenario: what the simulation reads. Every default is filled, every
// shorthand expanded (staffing per interval, profiles with all rules, policies numbered),
// durations in seconds and rates per second. Plain data, so it crosses worker threads as is.
import type { ChannelName } from '../osh/channels.js';
import type { AgentSelection } from '../policies/agent-selection.js';
import type { ElevationPolicy } from '../policies/elevation.js';
import type { Trace } from './trace.js';
import type { ConcurrencyProfile } from '../osh/profile.js';
import type { DistributionSpec } from '../kernel/distributions.js';

/** A distribution as data: `{ dist, mean, cv, value, values, k, min, max }` (kernel builds it). */
export type { DistributionSpec };

export type ServiceLevelFormula = 'offered' | 'answered' | 'excludeShortAbandons';
export type Discipline = 'focus' | 'sharing';
export type OnBlocked = 'defer' | 'drop';

/**
 * A skill: one queue of contacts of one channel, with its own arrivals, durations, patience,
 * service level and priority. A `channels:` entry is the skill named after its channel.
 */
export interface SkillModel {
  /** The skill's name (the channel's name for a `channels:` entry). */
  readonly name: string;
  /** Its channel (media type): OSH profiles count it there. */
  readonly channel: ChannelName;
  /** Poisson arrival rate per second in each reporting interval (constant rate repeated). */
  readonly arrivalRates: readonly number[];
  /** Contacts waiting at time 0 (email, work item, voicemail). */
  readonly backlog: number;
  /** Recorded arrivals replayed instead of Poisson ones (arrivalRates are then the trace's counts per interval). */
  readonly trace: Trace | null;
  /** The agent's main handling: voice talk, email/work item/voicemail work, chat reply per exchange. */
  readonly handling: DistributionSpec;
  /**
   * The forecast's mean handle time (s) for contacts arriving in each interval: their handling
   * draws are scaled to it, the cv kept (NaN: the distribution's own mean). null: no forecast AHT.
   */
  readonly handlingMeanByInterval: readonly number[] | null;
  /** What-if multiplier of every handling time (the scenario's and the channel's `aht.scale`). */
  readonly handlingScale: number;
  /** Chat only: customer messages per chat. */
  readonly exchanges: DistributionSpec | null;
  /** Chat only: customer time between a reply and the next message. */
  readonly think: DistributionSpec | null;
  readonly wrap: DistributionSpec | null;
  /** Voice and chat: time a customer waits in queue before abandoning; null: never. */
  readonly patience: DistributionSpec | null;
  /** Chat only: time a customer waits for a reply before leaving mid-chat; null: never. */
  readonly replyPatience: DistributionSpec | null;
  /** Chat only: the red-timer threshold; Infinity for other channels. */
  readonly responseThresholdSec: number;
  /** Chat only: share of replies to send within the threshold (a capacity target); null: none. */
  readonly responseTarget: number | null;
  readonly serviceLevel: {
    readonly thresholdSec: number;
    readonly target: number | null;
    readonly formula: ServiceLevelFormula;
    readonly shortAbandonSec: number;
  };
  /** Initial + acceleration × minutes waited, at most `max` (null: no cap). */
  readonly priority: { readonly initial: number; readonly accelerationPerMinute: number; readonly max: number | null };
}

export interface OutboundModel {
  /** `priority`: the channel's, as an inbound contact of it would rank (its default without one). */
  readonly voice: { readonly connect: DistributionSpec; readonly talk: DistributionSpec; readonly wrap: DistributionSpec | null; readonly priority: number };
  readonly email: { readonly work: DistributionSpec; readonly wrap: DistributionSpec | null; readonly priority: number };
}

/** A skill a group holds, and how it is offered to the group. */
export interface GroupSkillModel {
  /** Index of the skill in `Scenario.skills`. */
  readonly skill: number;
  /** 1 best … 20: an arriving contact goes to the best proficiency with an agent available. */
  readonly proficiency: number;
  /** The group is offered a contact of this skill once it has waited this long, s. */
  readonly delaySec: number;
  /** 1 first: an agent with room takes from its lowest-rank skills first. */
  readonly rank: number;
}

export interface GroupModel {
  readonly name: string;
  readonly skills: readonly GroupSkillModel[];
  /** The channels of its skills (canonical order): what its profile is asked about. */
  readonly channels: readonly ChannelName[];
  /** Agents logged in during each reporting interval. */
  readonly staffing: readonly number[];
  readonly profile: ConcurrencyProfile;
  readonly speed: number;
  /**
   * Shrinkage per interval (a share of paid time off contacts: breaks, meetings, absence), from
   * the schedule's column or the group's `shrinkage`; null: none given. Capacity plans only:
   * `staffing` already counts the agents logged in.
   */
  readonly shrinkage: readonly number[] | null;
  /** Capacity target: the group busy at most this share of its logged-in time; null: none. */
  readonly maxOccupancy: number | null;
  /** Capacity: the fewest agents a plan may give the group in each interval; null: none. */
  readonly minAgents: readonly number[] | null;
}

export type Comparator = '>=' | '<=' | '==';

export interface ExpectationModel {
  readonly index: number;
  readonly metric: string;
  readonly comparator: Comparator;
  readonly bound: number;
  readonly tolerance: number;
  /** null: judged on the mean; otherwise the whole interval at this confidence must pass. */
  readonly confidence: number | null;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly replications: number;
  readonly horizon: {
    readonly intervalSec: number;
    readonly intervals: number;
    /** Minutes after midnight of the first interval's start (labels only). */
    readonly startMinute: number;
    /** End of the last interval, s: arrivals stop here. */
    readonly endSec: number;
    /** `YYYY-MM-DD` of day 1 when the planner's files are dated, else null. */
    readonly firstDate: string | null;
  };
  readonly warmupSec: number;
  /** Skills (queues), by channel in the canonical channel order, then as written. */
  readonly skills: readonly SkillModel[];
  /** Written with top-level `skills:`: figures are reported per skill too. */
  readonly skillsWritten: boolean;
  readonly outbound: OutboundModel;
  readonly groups: readonly GroupModel[];
  readonly attention: {
    readonly discipline: Discipline;
    /** e(n) for n = 1, 2, …; the last value repeats. */
    readonly efficiency: readonly number[];
    readonly multitaskOnVoice: number;
  };
  readonly elevation: { readonly onBlocked: OnBlocked; readonly policies: readonly ElevationPolicy[] };
  readonly routing: { readonly agentSelection: AgentSelection };
  readonly expect: readonly ExpectationModel[];
  /** Problems that do not stop a run (a skill nobody holds), each `path: what`, for the CLI to show. */
  readonly warnings: readonly string[];
}

/** `08:30`-style label of the start of interval `index`. */
export function intervalLabel(scenario: Scenario, index: number): string {
  const minutes = scenario.horizon.startMinute + (index * scenario.horizon.intervalSec) / 60;
  const dayMinutes = ((minutes % 1440) + 1440) % 1440;
  const hh = Math.floor(dayMinutes / 60);
  const mm = Math.floor(dayMinutes % 60);
  const day = Math.floor(minutes / 1440);
  const clock = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return day === 0 ? clock : `d${day + 1} ${clock}`;
}

/** Every interval's label, in order. */
export function intervalLabels(scenario: Scenario): string[] {
  return Array.from({ length: scenario.horizon.intervals }, (_, k) => intervalLabel(scenario, k));
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * The calendar date (`YYYY-MM-DD`) and day of the week (`Mon` … `Sun`) each interval starts
 * on, when the horizon is dated (a planner's file gave ISO dates); null otherwise.
 */
export function intervalDates(scenario: Scenario): { readonly date: string; readonly day: string }[] | null {
  const first = scenario.horizon.firstDate;
  if (first === null) return null;
  const dayOne = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: scenario.horizon.intervals }, (_, k) => {
    const minutes = scenario.horizon.startMinute + (k * scenario.horizon.intervalSec) / 60;
    const at = new Date(dayOne + Math.floor(minutes / 1440) * 86_400_000);
    return { date: at.toISOString().slice(0, 10), day: WEEKDAYS[at.getUTCDay()]! };
  });
}
