// Problems that do not stop a run, shown as warning lines: a skill nobody holds (tested with
// skills), and a profile's per-channel maximum its maxTotal never lets an agent reach.
import { describe, expect, it } from 'vitest';
import { maxPerChannelAboveTotal, scenarioWarning } from '../../src/scenario/messages.js';
import { cli } from '../helpers/cli.js';
import { scenarioOf } from '../helpers/scenarios.js';

const FIXTURE = 'test/fixtures/planner/per-channel-above-total.yaml';

function withProfile(profile: Record<string, unknown>) {
  return scenarioOf({
    name: 'w',
    horizon: { intervalMinutes: 30, intervals: 1 },
    channels: {
      chat: { arrivals: { ratePerHour: 10 }, exchanges: { dist: 'fixed', value: 1 }, reply: { dist: 'fixed', value: 30 } },
      email: { arrivals: { ratePerHour: 5 }, work: { dist: 'fixed', value: 60 } },
    },
    agents: [{ group: 'team', count: 2, channels: ['chat', 'email'], profile: 'p' }],
    osh: { profiles: { p: profile } },
  });
}

describe('a per-channel maximum above maxTotal', () => {
  it('is a warning naming the profile, the channel and both figures', () => {
    expect(withProfile({ maxPerChannel: { chat: 4, email: 2 }, maxTotal: 3 }).warnings).toEqual([
      `osh.profiles.p.maxPerChannel.chat: ${maxPerChannelAboveTotal('chat', 4, 3)}`,
    ]);
  });

  it('is no warning at or below the total, or without one', () => {
    expect(withProfile({ maxPerChannel: { chat: 3, email: 1 }, maxTotal: 3 }).warnings).toEqual([]);
    expect(withProfile({ maxPerChannel: { chat: 4 } }).warnings).toEqual([]);
  });

  it('is printed on stderr while the run goes on and exits 0', () => {
    const run = cli(['validate', FIXTURE]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(scenarioWarning(FIXTURE, `osh.profiles.four-chats.maxPerChannel.chat: ${maxPerChannelAboveTotal('chat', 4, 3)}`));
  });
});
