// The scenario file's shape (DESIGN.md §5, a contract: fields are added, never renamed).
// `scenarioShape` checks a parsed YAML/JSON value field by field; `WrittenScenario` is the
// type of a scenario as written, before defaults. Durations are seconds, rates per hour.
import type { InputIssue } from '../errors.js';
import { CHANNELS, ELEVATION_TARGETS } from '../osh/channels.js';
import { AGENT_SELECTIONS } from '../policies/agent-selection.js';
import { ORIGIN_BEHAVIOURS } from '../policies/elevation.js';
import {
  type Infer,
  array,
  boolean,
  described,
  either,
  isPlainMapping,
  literal,
  number,
  object,
  oneOf,
  optional,
  record,
  refine,
  string,
  tagged,
} from './shape.js';
import * as messages from './messages.js';

/** Guards on size, so a typo like `intervals: 1e9` fails fast instead of eating memory. */
export const LIMITS = {
  intervals: 20_000,
  replications: 10_000,
  agentsPerGroup: 100_000,
  groups: 200,
  empiricalValues: 100_000,
  policies: 100,
  expectations: 1_000,
  exchanges: 10_000,
  /** Any duration or threshold, s (about three years): longer is a typo, and draws from it overflow. */
  durationSec: 100_000_000,
  /** Agents across all groups (at the busiest interval of each). */
  agents: 200_000,
  /** Expected arrivals of one replication, all channels, backlogs included. */
  arrivalsPerReplication: 50_000_000,
  /** Contacts held at once in one replication (queued, in service, in wrap): beyond it a queue ran away. */
  contactsHeld: 1_000_000,
  /** Replications × intervals of one run: the per-interval figures every replication keeps. */
  replicationIntervals: 1_000_000,
} as const;

const nonNegative = (description?: string) => number({ min: 0, ...(description ? { description } : {}) });
const seconds = (description?: string) => number({ min: 0, max: LIMITS.durationSec, ...(description ? { description } : {}) });
const positiveSeconds = (description?: string) => number({ above: 0, max: LIMITS.durationSec, ...(description ? { description } : {}) });
const cvShape = number({ min: 0, max: 20, description: 'coefficient of variation: standard deviation / mean' });
const SQRT3 = Math.sqrt(3);

function requireOne(value: Record<string, unknown>, path: string, issues: InputIssue[], fields: string[], what: string): void {
  const present = fields.filter((f) => value[f] !== undefined);
  if (present.length === 0) issues.push({ path, message: messages.needsFields(what) });
}

/** A duration in seconds drawn from a distribution named by `dist`. */
export const durationShape = tagged(
  'dist',
  {
    fixed: refine(
      object({ dist: literal('fixed'), value: optional(seconds('the constant, s')), mean: optional(seconds()) }),
      (v, path, issues) => requireOne(v, path, issues, ['value', 'mean'], 'value: the constant duration in seconds'),
    ),
    exponential: object({ dist: literal('exponential'), mean: positiveSeconds('mean, s'), cv: optional(number({ min: 1, max: 1 })) }),
    uniform: refine(
      object({
        dist: literal('uniform'),
        mean: optional(seconds('mean, s')),
        cv: optional(cvShape),
        min: optional(seconds('smallest value, s')),
        max: optional(seconds('largest value, s')),
      }),
      (v, path, issues) => {
        if (v.min !== undefined || v.max !== undefined) {
          if (v.min === undefined || v.max === undefined) issues.push({ path, message: messages.uniformNeedsBoth() });
          else if (v.min > v.max) issues.push({ path: `${path}.max`, message: messages.uniformMaxBelowMin(v.min, v.max) });
          if (v.mean !== undefined || v.cv !== undefined) issues.push({ path, message: messages.uniformTwoWays() });
        } else if (v.mean === undefined || v.cv === undefined) {
          issues.push({ path, message: messages.uniformNeedsMeanAndCv() });
        } else if (v.cv > 1 / SQRT3) {
          issues.push({ path: `${path}.cv`, message: messages.uniformCvTooLarge(v.cv) });
        }
      },
    ),
    lognormal: object({ dist: literal('lognormal'), mean: positiveSeconds('mean, s'), cv: cvShape }),
    gamma: object({ dist: literal('gamma'), mean: positiveSeconds('mean, s'), cv: number({ above: 0, max: 20 }) }),
    erlang: object({ dist: literal('erlang'), mean: positiveSeconds('mean, s'), k: number({ min: 1, max: 1000, integer: true, description: 'number of phases' }) }),
    empirical: object({
      dist: literal('empirical'),
      values: array(seconds(), { minItems: 1, maxItems: LIMITS.empiricalValues, description: 'observed durations, s; each equally likely' }),
    }),
  },
  'a duration in seconds drawn from a named distribution',
);

/** A count (integer >= 1), for chat exchanges. */
export const countShape = tagged(
  'dist',
  {
    fixed: refine(
      object({
        dist: literal('fixed'),
        value: optional(number({ min: 1, max: LIMITS.exchanges, integer: true })),
        mean: optional(number({ min: 1, max: LIMITS.exchanges, integer: true })),
      }),
      (v, path, issues) => requireOne(v, path, issues, ['value', 'mean'], 'value: a whole number >= 1'),
    ),
    geometric: object({ dist: literal('geometric'), mean: number({ min: 1, max: LIMITS.exchanges, description: 'mean count on 1, 2, 3, …' }) }),
    empirical: object({
      dist: literal('empirical'),
      values: array(number({ min: 1, max: LIMITS.exchanges, integer: true }), { minItems: 1, maxItems: LIMITS.empiricalValues }),
    }),
  },
  'a count (1, 2, 3, …) drawn from a named distribution',
);

/** What-if multipliers: volume and handle time, for `--vary …scale=0.9..1.2:0.1`. */
const volumeScale = number({ min: 0, max: 1000, description: 'multiplies the Poisson arrivals (rate, volumes, forecast), not a backlog or a trace: 1.1 is 10 % more contacts' });
const ahtShape = object(
  { scale: optional(number({ above: 0, max: 1000, description: 'multiplies every handling time (talk, chat reply, work), its cv kept: 1.1 is 10 % longer' })) },
  'what-if on handle time',
);

const arrivalsShape = object(
  {
    ratePerHour: optional(nonNegative('constant arrival rate (Poisson), contacts per hour')),
    volumes: optional(array(nonNegative(), { minItems: 1, maxItems: LIMITS.intervals, description: 'contacts per reporting interval (piecewise-constant Poisson)' })),
    backlog: optional(number({ min: 0, max: 10_000_000, integer: true, description: 'contacts already waiting at the start' })),
    trace: optional(string({ minLength: 1, maxLength: 1000, description: 'CSV of recorded arrivals replayed as they are (path relative to the scenario file)' })),
    scale: optional(volumeScale),
  },
  'how contacts arrive: ratePerHour, volumes per interval, a recorded trace, and/or a backlog at start',
);

const serviceLevelShape = refine(
  object({
    thresholdSec: seconds('answered within this many seconds counts as within service level'),
    target: optional(number({ min: 0, max: 1 })),
    formula: optional(oneOf(['offered', 'answered', 'excludeShortAbandons'] as const)),
    shortAbandonSec: optional(seconds('abandons sooner than this are left out (excludeShortAbandons)')),
  }),
  (v, path, issues) => {
    if (v.formula === 'excludeShortAbandons' && v.shortAbandonSec === undefined) {
      issues.push({ path: `${path}.shortAbandonSec`, message: messages.shortAbandonNeeded() });
    }
  },
);

const priorityShape = object({
  initial: optional(number({ min: -1e6, max: 1e6 })),
  accelerationPerMinute: optional(number({ min: 0, max: 1e6 })),
  max: optional(number({ min: -1e6, max: 1e6, description: 'the most a waiting contact\'s priority grows to (NICE CXone\'s maximum priority); at least initial' })),
});

const commonChannelFields = {
  arrivals: optional(arrivalsShape),
  aht: optional(ahtShape),
  wrap: optional(durationShape),
  serviceLevel: optional(serviceLevelShape),
  priority: optional(priorityShape),
};

const voiceFields = { ...commonChannelFields, talk: durationShape, patience: optional(durationShape) };
const voiceShape = object(voiceFields);
const chatFields = {
  ...commonChannelFields,
  exchanges: countShape,
  reply: durationShape,
  think: optional(durationShape),
  patience: optional(durationShape),
  replyPatience: optional(durationShape),
  responseThresholdSec: optional(seconds('a reply later than this after the customer message is a response breach (the red timer)')),
  responseTarget: optional(number({ min: 0, max: 1, description: 'share of replies to send within responseThresholdSec (0.9: at most 10 % breaches); a target for osh-sim capacity' })),
};
const chatShape = object(chatFields);
const workFields = { ...commonChannelFields, work: durationShape };
const workShape = object(workFields);

const channelsShape = object(
  {
    voice: optional(voiceShape),
    chat: optional(chatShape),
    email: optional(workShape),
    workitem: optional(workShape),
    voicemail: optional(workShape),
  },
  'inbound channels and how their contacts arrive and are handled',
);

/** A skill: a queue of one channel, with every field of that channel's entry. */
const skillShape = tagged(
  'channel',
  {
    voice: object({ channel: literal('voice'), ...voiceFields }),
    chat: object({ channel: literal('chat'), ...chatFields }),
    email: object({ channel: literal('email'), ...workFields }),
    workitem: object({ channel: literal('workitem'), ...workFields }),
    voicemail: object({ channel: literal('voicemail'), ...workFields }),
  },
  'a skill: a queue of contacts of one channel, with the fields of that channel',
);

/** Names of skills: letters, digits, _ . - (no dots: they appear in metric paths like skills.voice-sales.asa). */
export const SKILL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const groupSkillShape = either(
  string({ minLength: 1, maxLength: 64, description: 'a skill held at proficiency 1, no delay, rank 1' }),
  object({
    skill: string({ minLength: 1, maxLength: 64, description: 'name of a skill under skills (or a channel)' }),
    proficiency: optional(number({ min: 1, max: 20, integer: true, description: '1 best … 20: arriving contacts go to the best proficiency available first (default 1)' })),
    delaySec: optional(seconds('the group is offered a contact of this skill once it has waited this long (default 0)')),
    rank: optional(number({ min: 1, max: 100, integer: true, description: 'an agent with room takes from its rank-1 skills first (default 1)' })),
  }),
  (value) => (typeof value === 'string' ? 0 : isPlainMapping(value) ? 1 : null),
  'a skill name or { skill, proficiency, delaySec, rank }',
);

const outboundShape = object({
  voice: optional(object({ connect: optional(durationShape), talk: optional(durationShape), wrap: optional(durationShape) })),
  email: optional(object({ work: optional(durationShape), wrap: optional(durationShape) })),
});

const clockText = 'a time of day HH:MM (8:00 or 08:00)';
/** A name shown in tables, charts and the terminal: no control characters, no line or paragraph separators. */
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
const PRINTABLE_TEXT = 'a name without control characters or line breaks (U+2028, U+2029 included)';

const clockShape = string({ pattern: /^([01]?\d|2[0-3]):[0-5]\d$/, patternText: clockText });

const channelName = oneOf(CHANNELS);
const groupShape = object({
  group: string({ minLength: 1, maxLength: 100, pattern: PRINTABLE, patternText: PRINTABLE_TEXT, description: 'group name' }),
  count: optional(number({ min: 0, max: LIMITS.agentsPerGroup, integer: true, description: 'agents logged in all day' })),
  staffing: optional(array(number({ min: 0, max: LIMITS.agentsPerGroup, integer: true }), { minItems: 1, maxItems: LIMITS.intervals, description: 'agents logged in per interval' })),
  shifts: optional(
    array(
      object({ start: clockShape, end: clockShape, count: number({ min: 0, max: LIMITS.agentsPerGroup, integer: true }) }),
      { minItems: 1, maxItems: 1000, description: 'shifts: agents logged in from start to end' },
    ),
  ),
  scale: optional(
    number({ min: 0, max: 1000, description: "what-if on staffing: multiplies the group's logged-in agents in every interval (count, staffing, shifts or the schedule's rows), each rounded to a whole agent: 1.1 is 10 % more agents" }),
  ),
  channels: optional(array(channelName, { minItems: 1, description: 'the channels this group takes (each the skill named after its channel)' })),
  skills: optional(array(groupSkillShape, { minItems: 1, maxItems: 1000, description: 'the skills this group holds, by name or { skill, proficiency, delaySec, rank }' })),
  profile: optional(string({ minLength: 1, description: 'name of a concurrency profile under osh.profiles; omit for one contact at a time' })),
  speed: optional(number({ above: 0, max: 10, description: 'handling speed factor: 1.2 works 20% faster' })),
  shrinkage: optional(
    either(
      number({ min: 0, max: 0.99, description: 'share of paid time off contacts in every interval (0.3 for 30 %)' }),
      array(number({ min: 0, max: 0.99 }), { minItems: 1, maxItems: LIMITS.intervals, description: 'share of paid time off contacts, per interval' }),
      (value) => (typeof value === 'number' ? 0 : Array.isArray(value) ? 1 : null),
      'a share from 0 to 0.99, or a list of one per interval',
    ),
  ),
  maxOccupancy: optional(number({ above: 0, max: 1, description: 'capacity target: the group busy at most this share of its logged-in time (0.85)' })),
  minAgents: optional(
    either(
      number({ min: 0, max: LIMITS.agentsPerGroup, integer: true, description: 'capacity: agents the plan never goes below, in every interval' }),
      array(number({ min: 0, max: LIMITS.agentsPerGroup, integer: true }), { minItems: 1, maxItems: LIMITS.intervals, description: 'capacity: agents the plan never goes below, per interval' }),
      (value) => (typeof value === 'number' ? 0 : Array.isArray(value) ? 1 : null),
      'a whole number of agents, or a list of one per interval',
    ),
  ),
});

const channelCounts = object({
  voice: optional(number({ min: 0, max: 1000, integer: true })),
  chat: optional(number({ min: 0, max: 1000, integer: true })),
  email: optional(number({ min: 0, max: 1000, integer: true })),
  workitem: optional(number({ min: 0, max: 1000, integer: true })),
  voicemail: optional(number({ min: 0, max: 1000, integer: true })),
});
const channelUnits = object({
  voice: optional(number({ min: 0, max: 1_000_000 })),
  chat: optional(number({ min: 0, max: 1_000_000 })),
  email: optional(number({ min: 0, max: 1_000_000 })),
  workitem: optional(number({ min: 0, max: 1_000_000 })),
  voicemail: optional(number({ min: 0, max: 1_000_000 })),
});
const channelLists = object({
  voice: optional(array(channelName)),
  chat: optional(array(channelName)),
  email: optional(array(channelName)),
  workitem: optional(array(channelName)),
  voicemail: optional(array(channelName)),
});

const profileShape = object({
  maxPerChannel: optional(described(channelCounts, 'most contacts of each channel at once')),
  maxTotal: optional(number({ min: 1, max: 1000, integer: true, description: 'most contacts at once across channels' })),
  units: optional(described(channelUnits, 'capacity units one contact of each channel takes out of budget')),
  budget: optional(number({ above: 0, max: 1_000_000, description: 'capacity-unit budget of an agent' })),
  block: optional(array(object({ while: channelName, noNew: array(channelName, { minItems: 1 }) }))),
  currentChannelOnly: optional(described(array(channelName), 'while holding one of these channels, no contact of another channel is routed')),
  interruptibleBy: optional(described(channelLists, 'per channel, the channels that may be routed while it is held (all others are not)')),
  wrapHoldsSlot: optional(boolean('whether a contact in wrap still takes its slot (default true)')),
});

const afterShape = either(
  literal('end'),
  object({ exchange: number({ min: 1, max: LIMITS.exchanges, integer: true }) }),
  (value) => (typeof value === 'string' ? 0 : isPlainMapping(value) ? 1 : null),
  "'end' or { exchange: k }",
);

const policyShape = object({
  from: oneOf(CHANNELS),
  to: oneOf(ELEVATION_TARGETS),
  probability: number({ min: 0, max: 1 }),
  after: afterShape,
  origin: optional(oneOf(ORIGIN_BEHAVIOURS)),
  direction: optional(oneOf(['any', 'inbound', 'outbound'] as const, 'which contacts of `from` the policy applies to (default any)')),
});

const oshShape = object({
  profiles: optional(record(profileShape, { keyPattern: /^[A-Za-z0-9_.-]{1,64}$/, keyText: 'a name of letters, digits, _ . -' })),
  attention: optional(
    object({
      discipline: optional(oneOf(['focus', 'sharing'] as const)),
      efficiency: optional(array(number({ above: 0, max: 1000 }), { minItems: 1, maxItems: 1000, description: 'e(n): total work rate with n units in progress; the last value repeats' })),
      multitaskOnVoice: optional(number({ min: 0, max: 1, description: 'fraction of work speed kept while on a live call' })),
    }),
  ),
  elevation: optional(
    object({
      onBlocked: optional(oneOf(['defer', 'drop'] as const)),
      policies: optional(array(policyShape, { maxItems: LIMITS.policies })),
    }),
  ),
});

const expectationShape = object({
  metric: string({ minLength: 1, maxLength: 200 }),
  '>=': optional(number()),
  '<=': optional(number()),
  '==': optional(number()),
  tolerance: optional(nonNegative()),
  confidence: optional(number({ above: 0, max: 0.9999 })),
});

export const scenarioShape = object(
  {
    $schema: optional(string()),
    name: string({ minLength: 1, maxLength: 200, description: 'scenario name; names the report folder' }),
    description: optional(string({ maxLength: 10_000 })),
    seed: optional(number({ min: 0, max: 2 ** 32 - 1, integer: true })),
    horizon: object({
      intervalMinutes: number({ integer: true, min: 1, max: 1440, description: 'reporting interval: 15, 30 or 60' }),
      intervals: number({ min: 1, max: LIMITS.intervals, integer: true }),
      start: optional(clockShape),
    }),
    warmupMinutes: optional(nonNegative('contacts arriving earlier are simulated but not counted')),
    replications: optional(number({ min: 1, max: LIMITS.replications, integer: true })),
    forecast: optional(string({ minLength: 1, maxLength: 1000, description: 'CSV of volumes (and optional aht) per interval and skill or channel, as WFM tools export them (path relative to the scenario file)' })),
    schedule: optional(string({ minLength: 1, maxLength: 1000, description: 'CSV of agents logged in (and optional shrinkage) per interval and group (path relative to the scenario file)' })),
    arrivals: optional(object({ scale: optional(volumeScale) }, 'what-if on volume: multiplies every channel\'s arrivals')),
    aht: optional(described(ahtShape, 'what-if on handle time: multiplies every channel\'s handling times')),
    channels: optional(channelsShape),
    skills: optional(
      record(skillShape, { keyPattern: SKILL_NAME, keyText: 'a skill name of letters, digits, _ and - (at most 64; no dots: it is part of metric paths)' }),
    ),
    outbound: optional(outboundShape),
    agents: array(groupShape, { minItems: 1, maxItems: LIMITS.groups }),
    osh: optional(oshShape),
    routing: optional(object({ agentSelection: optional(oneOf(AGENT_SELECTIONS)) })),
    expect: optional(array(expectationShape, { maxItems: LIMITS.expectations })),
  },
  'an osh-sim scenario',
  // Top-level `x-…` blocks hold what skills and groups share through YAML anchors and merges.
  { extensions: true },
);

export type WrittenScenario = Infer<typeof scenarioShape>;
export type WrittenGroup = Infer<typeof groupShape>;
export type WrittenProfile = Infer<typeof profileShape>;
export type WrittenSkill = Infer<typeof skillShape>;

/** The published JSON Schema (`osh-sim schema`), for editor completion and checks. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://osh-sim.dev/scenario.schema.json',
    title: 'osh-sim scenario',
    ...scenarioShape.jsonSchema(),
  };
}
