// Skills as written: `skills:` with a channel each, a group's `skills:` list of names or
// { skill, proficiency, delaySec, rank }, the checks on them, and `channels:` read as one skill
// per channel.
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../src/errors.js';
import * as scenarioMessages from '../../src/scenario/messages.js';
import { scenarioFromText } from '../../src/scenario/read.js';
import { suggestion } from '../../src/suggest.js';

const horizon = { intervalMinutes: 30, intervals: 4 };
const talk = { dist: 'exponential', mean: 200 };
const chatFields = { exchanges: { dist: 'fixed', value: 2 }, reply: { dist: 'fixed', value: 20 } };

const withSkills = {
  name: 'skills',
  horizon,
  skills: {
    'voice-sales': { channel: 'voice', arrivals: { ratePerHour: 60 }, talk, priority: { initial: 120 } },
    'voice-support': { channel: 'voice', arrivals: { ratePerHour: 30 }, talk },
    'chat-billing': { channel: 'chat', arrivals: { ratePerHour: 20 }, ...chatFields },
  },
  agents: [
    { group: 'sales', count: 3, skills: ['voice-sales', { skill: 'voice-support', proficiency: 8, delaySec: 30 }] },
    { group: 'blended', count: 2, skills: ['chat-billing', { skill: 'voice-support', rank: 2 }] },
  ],
};

function load(value: unknown) {
  return scenarioFromText(JSON.stringify(value), 's.json');
}

function issuesOf(value: unknown): readonly InputIssue[] {
  try {
    load(value);
  } catch (error) {
    if (error instanceof InputError) return error.issues;
    throw error;
  }
  throw new Error('the scenario was accepted');
}

describe('skills in the scenario', () => {
  it('normalises skills by channel, then as written, and the groups that hold them', () => {
    const s = load(withSkills);
    expect(s.skillsWritten).toBe(true);
    expect(s.skills.map((k) => [k.name, k.channel])).toEqual([
      ['voice-sales', 'voice'],
      ['voice-support', 'voice'],
      ['chat-billing', 'chat'],
    ]);
    expect(s.skills[0]!.priority.initial).toBe(120);
    expect(s.skills[1]!.priority.initial).toBe(100);
    expect(s.groups[0]!.skills).toEqual([
      { skill: 0, proficiency: 1, delaySec: 0, rank: 1 },
      { skill: 1, proficiency: 8, delaySec: 30, rank: 1 },
    ]);
    expect(s.groups[0]!.channels).toEqual(['voice']);
    expect(s.groups[1]!.channels).toEqual(['voice', 'chat']);
    expect(s.warnings).toEqual([]);
  });

  it('reads a channels: entry as the skill named after its channel', () => {
    const s = load({ name: 'c', horizon, channels: { voice: { arrivals: { ratePerHour: 60 }, talk } }, agents: [{ group: 'a', count: 2, channels: ['voice'] }] });
    expect(s.skillsWritten).toBe(false);
    expect(s.skills.map((k) => [k.name, k.channel])).toEqual([['voice', 'voice']]);
    expect(s.groups[0]!.skills).toEqual([{ skill: 0, proficiency: 1, delaySec: 0, rank: 1 }]);
  });

  it('mixes channel entries and skills; a group may name a channel entry under skills', () => {
    const s = load({
      ...withSkills,
      channels: { email: { arrivals: { ratePerHour: 10 }, work: talk } },
      agents: [...withSkills.agents, { group: 'mail', count: 1, skills: ['email'] }],
    });
    expect(s.skills.map((k) => k.name)).toEqual(['voice-sales', 'voice-support', 'chat-billing', 'email']);
    expect(s.groups[2]!.channels).toEqual(['email']);
  });

  it('names an unknown skill with a suggestion', () => {
    const issues = issuesOf({ ...withSkills, agents: [{ group: 'a', count: 1, skills: ['voice-sale', 'voice-support', 'chat-billing'] }] });
    const known = ['voice-sales', 'voice-support', 'chat-billing'];
    expect(issues).toContainEqual({ path: 'agents[0].skills[0]', message: scenarioMessages.unknownSkill('voice-sale', suggestion('voice-sale', known), known) });
    expect(issues[0]!.message).toContain("did you mean 'voice-sales'");
  });

  it('warns of a skill nobody holds, and runs', () => {
    const s = load({ ...withSkills, agents: [withSkills.agents[0]] });
    expect(s.warnings).toEqual([`skills.chat-billing: ${scenarioMessages.skillHeldByNobody('chat-billing')}`]);
  });

  it('refuses proficiency outside 1–20, a delay beyond the duration limit, a rank below 1', () => {
    const issues = issuesOf({ ...withSkills, agents: [{ group: 'a', count: 1, skills: [{ skill: 'voice-sales', proficiency: 21 }, { skill: 'voice-support', proficiency: 0, delaySec: 1e9 }, { skill: 'chat-billing', rank: 0 }] }] });
    expect(issues.map((i) => i.path).sort()).toEqual(['agents[0].skills[0].proficiency', 'agents[0].skills[1].delaySec', 'agents[0].skills[1].proficiency', 'agents[0].skills[2].rank']);
    expect(issues.find((i) => i.path === 'agents[0].skills[0].proficiency')!.message).toContain('<= 20');
  });

  it('refuses a name used both as a channel entry and a skill', () => {
    const issues = issuesOf({ ...withSkills, channels: { voice: { arrivals: { ratePerHour: 1 }, talk } }, skills: { ...withSkills.skills, voice: { channel: 'voice', arrivals: { ratePerHour: 1 }, talk } } });
    expect(issues).toContainEqual({ path: 'skills.voice', message: scenarioMessages.skillNameIsAChannelEntry('voice') });
  });

  it('refuses a skill named after another channel, and a skill without its channel fields', () => {
    const named = issuesOf({ ...withSkills, skills: { ...withSkills.skills, email: { channel: 'voice', arrivals: { ratePerHour: 1 }, talk } } });
    expect(named).toContainEqual({ path: 'skills.email', message: scenarioMessages.skillNameIsAnotherChannel('email', 'voice') });
    const incomplete = issuesOf({ ...withSkills, skills: { ...withSkills.skills, 'chat-x': { channel: 'chat', arrivals: { ratePerHour: 1 } } } });
    expect(incomplete.map((i) => i.path)).toContain('skills.chat-x.exchanges');
  });

  it("refuses a group's channel that has skills but no channels: entry, a skill held twice, a group without channels or skills", () => {
    const issues = issuesOf({ ...withSkills, agents: [{ group: 'a', count: 1, channels: ['voice'], skills: ['voice-sales', 'voice-sales', 'voice-support', 'chat-billing'] }, { group: 'b', count: 1 }] });
    expect(issues).toContainEqual({ path: 'agents[0].channels[0]', message: scenarioMessages.channelWithoutEntry('voice', ['voice-sales', 'voice-support']) });
    expect(issues).toContainEqual({ path: 'agents[0].skills[1]', message: scenarioMessages.skillListedTwice('voice-sales') });
    expect(issues).toContainEqual({ path: 'agents[1]', message: scenarioMessages.groupNeedsSkills() });
  });

  it('refuses a skill whose channel the holding group’s profile does not accept', () => {
    const issues = issuesOf({ ...withSkills, osh: { profiles: { voiceless: { maxPerChannel: { voice: 0, chat: 2 }, maxTotal: 2 } } }, agents: [withSkills.agents[0], { ...withSkills.agents[1], profile: 'voiceless' }] });
    expect(issues.map((i) => i.path)).toContain('osh.profiles.voiceless.maxPerChannel.voice');
  });

  it('refuses skill names with dots (they are part of metric paths)', () => {
    const issues = issuesOf({ ...withSkills, skills: { ...withSkills.skills, 'voice.x': { channel: 'voice', arrivals: { ratePerHour: 1 }, talk } } });
    expect(issues.map((i) => i.path)).toContain('skills."voice.x"');
  });
});
