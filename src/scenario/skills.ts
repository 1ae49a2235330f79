// Skills as written: the queues a scenario defines (each `channels:` entry is the skill named
// after its channel; each `skills:` entry names its channel) and the skills a group holds
// (its `channels:` and its `skills:` list). Shared by the rules and normalisation.
// Exports `writtenSkills`, `groupSkills`, `WrittenQueue`, `HeldSkill`, the defaults.
import { CHANNELS, type ChannelName } from '../osh/channels.js';
import type { WrittenGroup, WrittenScenario } from './schema.js';

export const DEFAULT_PROFICIENCY = 1;
export const DEFAULT_DELAY_SEC = 0;
export const DEFAULT_RANK = 1;

/** One queue of the scenario as written, with the path of its entry. */
export interface WrittenQueue {
  readonly skill: string;
  readonly channel: ChannelName;
  readonly entry: NonNullable<WrittenScenario['channels']>[ChannelName] & object;
  readonly path: string;
  /** Written as a `channels:` entry (not under `skills:`). */
  readonly fromChannels: boolean;
}

/** Every queue: by channel in the canonical order, a channel's own entry first, then its skills as written. */
export function writtenSkills(s: WrittenScenario): WrittenQueue[] {
  const queues: WrittenQueue[] = [];
  for (const channel of CHANNELS) {
    const entry = s.channels?.[channel];
    if (entry !== undefined) queues.push({ skill: channel, channel, entry, path: `channels.${channel}`, fromChannels: true });
    for (const [skill, written] of Object.entries(s.skills ?? {})) {
      if (written.channel !== channel) continue;
      const { channel: _channel, ...entry } = written;
      queues.push({ skill, channel, entry: entry as WrittenQueue['entry'], path: `skills.${skill}`, fromChannels: false });
    }
  }
  return queues;
}

/** A skill a group holds, as written, with the path it was written at. */
export interface HeldSkill {
  readonly skill: string;
  readonly proficiency: number;
  readonly delaySec: number;
  readonly rank: number;
  readonly path: string;
}

/** The group's skills: its `channels:` (each the skill named after it), then its `skills:` list. */
export function groupSkills(group: WrittenGroup, g: number): HeldSkill[] {
  const held: HeldSkill[] = (group.channels ?? []).map((channel, i) => ({
    skill: channel,
    proficiency: DEFAULT_PROFICIENCY,
    delaySec: DEFAULT_DELAY_SEC,
    rank: DEFAULT_RANK,
    path: `agents[${g}].channels[${i}]`,
  }));
  (group.skills ?? []).forEach((entry, i) => {
    const path = `agents[${g}].skills[${i}]`;
    if (typeof entry === 'string') held.push({ skill: entry, proficiency: DEFAULT_PROFICIENCY, delaySec: DEFAULT_DELAY_SEC, rank: DEFAULT_RANK, path });
    else held.push({ skill: entry.skill, proficiency: entry.proficiency ?? DEFAULT_PROFICIENCY, delaySec: entry.delaySec ?? DEFAULT_DELAY_SEC, rank: entry.rank ?? DEFAULT_RANK, path });
  });
  return held;
}

/** The channels of the skills a group holds that the scenario defines, in canonical order. */
export function groupChannels(s: WrittenScenario, group: WrittenGroup, g: number): ChannelName[] {
  const byName = new Map(writtenSkills(s).map((q) => [q.skill, q.channel]));
  const channels = new Set<ChannelName>();
  for (const held of groupSkills(group, g)) {
    const channel = byName.get(held.skill);
    if (channel !== undefined) channels.add(channel);
  }
  return CHANNELS.filter((c) => channels.has(c));
}
