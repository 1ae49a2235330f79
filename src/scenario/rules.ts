// Rules across fields of a scenario that has the right shape: staffing lengths, references
// between groups, channels and profiles, the elevation table. Each rule is a small named
// function pushing `{ path, message }`, so a user sees every problem at once.
import type { InputIssue } from '../errors.js';
import { CHANNELS, type ChannelName } from '../osh/channels.js';
import { elevationRefusal } from '../osh/elevation.js';
import { certainElevationCycles } from '../policies/elevation.js';
import { certainElevationCycle, replicationFiguresLimit } from './messages.js';
import { horizonStartMinute, scaledAgents, staffingFromShifts } from './horizon.js';
import { CHANNEL_DEFAULTS, DEFAULT_REPLICATIONS } from './normalize.js';
import { LIMITS, type WrittenScenario } from './schema.js';
import { named } from './shape.js';
import { suggestion } from '../suggest.js';
import * as messages from './messages.js';
import { elevationPolicies } from './policies.js';
import { groupChannels, groupSkills, writtenSkills } from './skills.js';

type Rule = (scenario: WrittenScenario, issues: InputIssue[]) => void;

/** Channels with a `channels:` entry. */
export function definedChannels(scenario: WrittenScenario): ChannelName[] {
  return CHANNELS.filter((c) => scenario.channels?.[c] !== undefined);
}

/** Channels with contacts: a `channels:` entry or a skill of that channel. */
export function channelsWithSkills(scenario: WrittenScenario): ChannelName[] {
  const used = new Set(writtenSkills(scenario).map((q) => q.channel));
  return CHANNELS.filter((c) => used.has(c));
}

const atLeastOneChannel: Rule = (s, issues) => {
  if (writtenSkills(s).length === 0) {
    issues.push({ path: 'channels', message: messages.noChannelOrSkill(CHANNELS) });
  }
};

const horizonFitsADay: Rule = (s, issues) => {
  if (1440 % s.horizon.intervalMinutes !== 0) {
    issues.push({
      path: 'horizon.intervalMinutes',
      message: messages.intervalNotDividingADay(s.horizon.intervalMinutes),
    });
  }
  const horizonMinutes = s.horizon.intervalMinutes * s.horizon.intervals;
  if (s.warmupMinutes !== undefined && s.warmupMinutes >= horizonMinutes) {
    issues.push({ path: 'warmupMinutes', message: messages.warmupTooLong(horizonMinutes, s.warmupMinutes) });
  }
};

const arrivalsAreSpecified: Rule = (s, issues) => {
  for (const { channel, entry, path: at } of writtenSkills(s)) {
    const arrivals = entry.arrivals ?? {};
    const path = `${at}.arrivals`;
    const given = (['ratePerHour', 'volumes', 'trace'] as const).filter((f) => arrivals[f] !== undefined);
    if (given.length > 1) issues.push({ path, message: messages.oneOfFields('ratePerHour, volumes or trace', given) });
    if (given.length === 0 && arrivals.backlog === undefined) {
      issues.push({ path, message: messages.needsFields('ratePerHour, volumes, trace or backlog', s.forecast === undefined ? undefined : { name: channel, file: 'forecast' }) });
    }
    if (arrivals.volumes !== undefined && arrivals.volumes.length !== s.horizon.intervals) {
      issues.push({
        path: `${path}.volumes`,
        message: messages.onePerInterval(s.horizon.intervals, arrivals.volumes.length),
      });
    }
    if (arrivals.trace !== undefined && ((arrivals.scale ?? 1) !== 1 || (s.arrivals?.scale ?? 1) !== 1)) {
      issues.push({ path: `${path}.${arrivals.scale === undefined ? 'trace' : 'scale'}`, message: messages.traceNotScalable() });
    }
    if (arrivals.backlog !== undefined && (channel === 'voice' || channel === 'chat')) {
      issues.push({ path: `${path}.backlog`, message: messages.backlogNotLive(channel) });
    }
  }
};

/** A priority cap below where a contact starts would lower it: that is a typo, not a policy. */
const priorityCapsReachStart: Rule = (s, issues) => {
  for (const { channel, entry, path } of writtenSkills(s)) {
    const max = entry.priority?.max;
    if (max === undefined) continue;
    const initial = entry.priority?.initial ?? CHANNEL_DEFAULTS[channel].priority;
    if (max < initial) issues.push({ path: `${path}.priority.max`, message: messages.priorityCapBelowStart(max, initial, entry.priority?.initial === undefined) });
  }
};

const staffingIsSpecified: Rule = (s, issues) => {
  s.agents.forEach((group, g) => {
    const path = `agents[${g}]`;
    const given = (['count', 'staffing', 'shifts'] as const).filter((f) => group[f] !== undefined);
    if (given.length === 0) issues.push({ path, message: messages.needsFields('count, staffing or shifts', s.schedule === undefined ? undefined : { name: group.group, file: 'schedule' }) });
    if (given.length > 1) issues.push({ path, message: messages.oneOfFields('count, staffing or shifts', given) });
    if (group.staffing !== undefined && group.staffing.length !== s.horizon.intervals) {
      issues.push({
        path: `${path}.staffing`,
        message: messages.onePerInterval(s.horizon.intervals, group.staffing.length),
      });
    }
    for (const field of ['shrinkage', 'minAgents'] as const) {
      const list = group[field];
      if (Array.isArray(list) && list.length !== s.horizon.intervals) {
        issues.push({ path: `${path}.${field}`, message: messages.onePerInterval(s.horizon.intervals, list.length) });
      }
    }
  });
};

const groupNamesAreUnique: Rule = (s, issues) => {
  const seen = new Map<string, number>();
  s.agents.forEach((group, g) => {
    const first = seen.get(group.group);
    if (first !== undefined) {
      issues.push({ path: `agents[${g}].group`, message: messages.groupNameTaken(group.group, first) });
    } else {
      seen.set(group.group, g);
    }
  });
};

const groupChannelsAreDefined: Rule = (s, issues) => {
  const defined = definedChannels(s);
  const queues = writtenSkills(s);
  const skillNames = queues.map((q) => q.skill);
  s.agents.forEach((group, g) => {
    if (group.channels === undefined && group.skills === undefined) issues.push({ path: `agents[${g}]`, message: messages.groupNeedsSkills() });
    (group.channels ?? []).forEach((channel, i) => {
      const path = `agents[${g}].channels[${i}]`;
      if (defined.includes(channel)) return;
      const ofChannel = queues.filter((q) => q.channel === channel).map((q) => q.skill);
      if (ofChannel.length > 0) {
        issues.push({ path, message: messages.channelWithoutEntry(channel, ofChannel) });
        return;
      }
      const hint = suggestion(channel, defined);
      issues.push({
        path,
        message: messages.notAChannelOfScenario(channel, hint, defined),
      });
    });
    const seen = new Set<string>();
    for (const held of groupSkills(group, g)) {
      if (seen.has(held.skill)) issues.push({ path: held.path, message: messages.skillListedTwice(held.skill) });
      seen.add(held.skill);
      if (held.path.includes('.skills[') && !skillNames.includes(held.skill)) {
        issues.push({ path: held.path, message: messages.unknownSkill(held.skill, suggestion(held.skill, skillNames), skillNames) });
      }
    }
  });
};

const skillNamesAreDistinct: Rule = (s, issues) => {
  for (const [name, skill] of Object.entries(s.skills ?? {})) {
    if (!(CHANNELS as readonly string[]).includes(name)) continue;
    if (s.channels?.[name as ChannelName] !== undefined) issues.push({ path: `skills.${name}`, message: messages.skillNameIsAChannelEntry(name) });
    else if (name !== skill.channel) issues.push({ path: `skills.${name}`, message: messages.skillNameIsAnotherChannel(name, skill.channel) });
  }
};

const everyChannelIsTaken: Rule = (s, issues) => {
  for (const channel of definedChannels(s)) {
    if (!s.agents.some((g, i) => groupSkills(g, i).some((h) => h.skill === channel))) {
      issues.push({ path: `channels.${channel}`, message: messages.channelNotTaken(channel) });
    }
  }
};

/** Skills under `skills:` nobody holds: not an error (their contacts wait or abandon), a warning. */
export function scenarioWarnings(s: WrittenScenario): string[] {
  const held = new Set(s.agents.flatMap((g, i) => groupSkills(g, i).map((h) => h.skill)));
  const warnings = writtenSkills(s)
    .filter((q) => !q.fromChannels && !held.has(q.skill))
    .map((q) => `${q.path}: ${messages.skillHeldByNobody(q.skill)}`);
  // Not an error: the total simply wins, as it does in every vendor's profile settings.
  for (const [name, profile] of Object.entries(s.osh?.profiles ?? {})) {
    if (profile.maxTotal === undefined) continue;
    for (const [channel, most] of Object.entries(profile.maxPerChannel ?? {})) {
      if (most !== undefined && most > profile.maxTotal) {
        warnings.push(`osh.profiles.${name}.maxPerChannel.${channel}: ${messages.maxPerChannelAboveTotal(channel, most, profile.maxTotal)}`);
      }
    }
  }
  return warnings;
}

const profilesExistAndFit: Rule = (s, issues) => {
  const profiles = s.osh?.profiles ?? {};
  const names = Object.keys(profiles);
  s.agents.forEach((group, g) => {
    if (group.profile === undefined) return;
    const profile = named(profiles, group.profile);
    if (profile === undefined) {
      const hint = suggestion(group.profile, names);
      issues.push({
        path: `agents[${g}].profile`,
        message: messages.noSuchProfile(group.profile, hint, names),
      });
      return;
    }
    for (const channel of groupChannels(s, group, g)) {
      if (profile.maxPerChannel?.[channel] === 0) {
        issues.push({
          path: `osh.profiles.${group.profile}.maxPerChannel.${channel}`,
          message: messages.profileRefusesGroupChannel(group.group, channel),
        });
      }
      if (profile.budget !== undefined && profile.units?.[channel] === undefined) {
        issues.push({
          path: `osh.profiles.${group.profile}.units.${channel}`,
          message: messages.unitsNeededForChannel(group.group, channel),
        });
      }
    }
  });
};

const profilesAreConsistent: Rule = (s, issues) => {
  for (const [name, profile] of Object.entries(s.osh?.profiles ?? {})) {
    const path = `osh.profiles.${name}`;
    const voiceMax = profile.maxPerChannel?.voice;
    if (voiceMax !== undefined && voiceMax > 1) {
      issues.push({ path: `${path}.maxPerChannel.voice`, message: messages.oneCallAtATime(voiceMax) });
    }
    if (profile.units !== undefined && profile.budget === undefined) {
      issues.push({ path: `${path}.budget`, message: messages.budgetNeeded() });
    }
    if (profile.budget !== undefined && profile.units === undefined) {
      issues.push({ path: `${path}.units`, message: messages.unitsNeeded() });
    }
    if (profile.budget !== undefined && profile.units !== undefined) {
      for (const [channel, units] of Object.entries(profile.units)) {
        if (units !== undefined && units > profile.budget) {
          issues.push({
            path: `${path}.units.${channel}`,
            message: messages.unitsAboveBudget(profile.budget, channel, units),
          });
        }
      }
    }
    (profile.block ?? []).forEach((block, b) => {
      if (block.noNew.length === 0) issues.push({ path: `${path}.block[${b}].noNew`, message: messages.mustNotBeEmpty() });
    });
  }
};

const attentionIsSound: Rule = (s, issues) => {
  const efficiency = s.osh?.attention?.efficiency;
  if (efficiency !== undefined && efficiency[0] !== 1) {
    issues.push({
      path: 'osh.attention.efficiency[0]',
      message: messages.firstEfficiencyNotOne(efficiency[0]),
    });
  }
};

function oshIsOff(s: WrittenScenario): boolean {
  const profiles = s.osh?.profiles ?? {};
  return s.agents.every((group) => {
    const profile = group.profile === undefined ? undefined : named(profiles, group.profile);
    return profile === undefined || profile.maxTotal === 1;
  });
}

const elevationsAreAllowed: Rule = (s, issues) => {
  const policies = s.osh?.elevation?.policies ?? [];
  if (policies.length === 0) return;
  if (oshIsOff(s)) {
    issues.push({
      path: 'osh.elevation.policies',
      message: messages.elevationNeedsOsh(),
    });
  }
  const defined = channelsWithSkills(s);
  policies.forEach((policy, p) => {
    const path = `osh.elevation.policies[${p}]`;
    const refusal = elevationRefusal(policy.from, policy.to);
    if (refusal !== null) issues.push({ path, message: messages.elevationNotAllowed(policy.from, policy.to, refusal) });
    const reachable = defined.includes(policy.from) || (policy.direction !== 'inbound' && (policy.from === 'voice' || policy.from === 'email'));
    if (!reachable) {
      issues.push({ path: `${path}.from`, message: messages.policyNeverApplies(policy.from) });
    }
    if (policy.direction === 'outbound' && policy.from !== 'voice' && policy.from !== 'email') {
      issues.push({ path: `${path}.direction`, message: messages.noOutboundOf(policy.from) });
    }
    if (typeof policy.after === 'object' && policy.from !== 'chat') {
      issues.push({ path: `${path}.after`, message: messages.exchangeIsForChat(policy.from) });
    }
  });
};

/** Policies certain to elevate each other's contacts would elevate forever: refused as written. */
const elevationsEnd: Rule = (s, issues) => {
  const policies = elevationPolicies(s);
  for (const cycle of certainElevationCycles(policies)) {
    issues.push({ path: `osh.elevation.policies[${cycle[0]}].probability`, message: certainElevationCycle(cycle.map((i) => policies[i]!)) });
  }
};

const expectationsAreWellFormed: Rule = (s, issues) => {
  (s.expect ?? []).forEach((e, i) => {
    const path = `expect[${i}]`;
    const comparators = (['>=', '<=', '=='] as const).filter((c) => e[c] !== undefined);
    if (comparators.length !== 1) {
      issues.push({ path, message: messages.oneComparator(comparators) });
    }
    if (e.tolerance !== undefined && e['=='] === undefined) {
      issues.push({ path: `${path}.tolerance`, message: messages.toleranceWithEquals() });
    }
  });
};

/** Guards on the size of one replication, so a typo (`ratePerHour: 1e9`) fails at once instead of exhausting memory. */
const workloadIsBounded: Rule = (s, issues) => {
  let agents = 0;
  for (const group of s.agents) {
    // Overlapping shifts add up: a group's size is its busiest interval.
    const byShifts = group.shifts === undefined ? [] : staffingFromShifts(group.shifts, s.horizon.intervals, s.horizon.intervalMinutes, horizonStartMinute(s));
    agents += scaledAgents(group.count ?? Math.max(0, ...(group.staffing ?? []), ...byShifts), group.scale ?? 1);
  }
  if (agents > LIMITS.agents) {
    issues.push({ path: 'agents', message: messages.tooManyAgents(agents, LIMITS.agents) });
  }
  const replications = s.replications ?? DEFAULT_REPLICATIONS;
  if (replications * s.horizon.intervals > LIMITS.replicationIntervals) {
    issues.push({ path: 'replications', message: replicationFiguresLimit(replications, s.horizon.intervals, LIMITS.replicationIntervals) });
  }
  const backlog = writtenSkills(s).reduce((n, q) => n + (q.entry.arrivals?.backlog ?? 0), 0);
  if (backlog > LIMITS.contactsHeld) {
    issues.push({ path: 'channels', message: `hold a backlog of ${backlog.toLocaleString('en-US')} contacts at the start; at most ${LIMITS.contactsHeld.toLocaleString('en-US')} contacts are held at once` });
  }
  let arrivals = 0;
  const hours = (s.horizon.intervals * s.horizon.intervalMinutes) / 60;
  for (const { entry } of writtenSkills(s)) {
    const a = entry.arrivals ?? {};
    const scale = (a.scale ?? 1) * (s.arrivals?.scale ?? 1);
    arrivals += scale * ((a.ratePerHour ?? 0) * hours + (a.volumes ?? []).reduce((x, y) => x + y, 0)) + (a.backlog ?? 0);
  }
  if (arrivals > LIMITS.arrivalsPerReplication) {
    issues.push({
      path: 'channels',
      message: messages.tooManyArrivals(arrivals, LIMITS.arrivalsPerReplication),
    });
  }
};

export const SCENARIO_RULES: readonly Rule[] = [
  atLeastOneChannel,
  horizonFitsADay,
  arrivalsAreSpecified,
  priorityCapsReachStart,
  staffingIsSpecified,
  groupNamesAreUnique,
  groupChannelsAreDefined,
  skillNamesAreDistinct,
  everyChannelIsTaken,
  profilesExistAndFit,
  profilesAreConsistent,
  attentionIsSound,
  elevationsAreAllowed,
  elevationsEnd,
  expectationsAreWellFormed,
  workloadIsBounded,
];

export function checkRules(scenario: WrittenScenario): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const rule of SCENARIO_RULES) rule(scenario, issues);
  return issues;
}
