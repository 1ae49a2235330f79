// `handleWork`, the agent's work content per handled contact (talk, replies, work, wrap at the
// agent's own pace), against the means of the drawn durations; and against `aht`, which is
// the same figure with one contact at a time and larger once an agent shares its attention.
// 20 replications a case; Student-t intervals at a family-wise 5 % level (Bonferroni).
import { describe, expect, it } from 'vitest';
import { expectAgreement, replicate, total } from '../helpers/replicate.js';
import { mmc, merge, scenarioOf } from '../helpers/scenarios.js';

const REPLICATIONS = 20;
const ALPHA = 0.05 / 3;

describe('handleWork', () => {
  it('is talk plus wrap for voice one call at a time, and equals aht there', () => {
    const scenario = scenarioOf(
      merge(mmc({ agents: 10, load: 0.8, aht: 240, hours: 40 }), { channels: { voice: { wrap: { dist: 'fixed', value: 30 } } } }),
    );
    const { results } = replicate(scenario, REPLICATIONS);
    const work = results.map((r) => total(r, 'voice', 'handleWork'));
    expectAgreement('voice handleWork', work, 240 + 30, ALPHA, 5);
    for (const r of results) expect(total(r, 'voice', 'handleWork')).toBeCloseTo(total(r, 'voice', 'aht'), 6);
  });

  it('is the reply and wrap work of a chat, below its aht when agents share their attention', () => {
    const scenario = scenarioOf({
      name: 'shared-chats',
      seed: 5,
      horizon: { intervalMinutes: 60, intervals: 40 },
      channels: {
        chat: {
          arrivals: { ratePerHour: 200 },
          exchanges: { dist: 'fixed', value: 2 },
          reply: { dist: 'exponential', mean: 50 },
          think: { dist: 'exponential', mean: 30 },
          wrap: { dist: 'fixed', value: 20 },
          serviceLevel: { thresholdSec: 30 },
        },
      },
      agents: [{ group: 'chat', count: 6, channels: ['chat'], profile: 'three' }],
      osh: { profiles: { three: { maxPerChannel: { chat: 3 } } }, attention: { discipline: 'sharing', efficiency: [1] } },
    });
    const { results } = replicate(scenario, REPLICATIONS);
    const work = results.map((r) => total(r, 'chat', 'handleWork'));
    expectAgreement('chat handleWork', work, 2 * 50 + 20, ALPHA, 5);
    const aht = results.map((r) => total(r, 'chat', 'aht'));
    // Shared attention and the customer's think time between replies stretch the wall clock.
    for (let r = 0; r < REPLICATIONS; r++) expect(aht[r]!).toBeGreaterThan(work[r]! + 30);
  });

  it('counts the unwritten rest of a reply as no work when the customer leaves', () => {
    const base = {
      name: 'leaving-chats',
      seed: 9,
      horizon: { intervalMinutes: 60, intervals: 30 },
      channels: {
        chat: {
          arrivals: { ratePerHour: 100 },
          exchanges: { dist: 'fixed', value: 1 },
          reply: { dist: 'fixed', value: 120 },
          serviceLevel: { thresholdSec: 30 },
        },
      },
      agents: [{ group: 'chat', count: 4, channels: ['chat'] }],
    };
    const patient = replicate(scenarioOf(base), 4).results.map((r) => total(r, 'chat', 'handleWork'));
    for (const w of patient) expect(w).toBeCloseTo(120, 6);
    const leaving = replicate(scenarioOf(merge(base, { channels: { chat: { replyPatience: { dist: 'fixed', value: 60 } } } })), 4).results;
    // Every customer leaves 60 s into a 120 s reply: the agent did 60 s of work on it.
    for (const r of leaving) expect(total(r, 'chat', 'handleWork')).toBeCloseTo(60, 6);
  });
});
