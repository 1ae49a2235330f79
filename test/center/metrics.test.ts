// Channel figures computed from a known contact log: the three service-level formulas,
// abandonment, and the queue metrics of each channel kind (voicemail and work items too).
import { describe, expect, it } from 'vitest';
import { tableValue } from '../../src/stats/table.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

function scenarioWithFormula(serviceLevel: Record<string, unknown>) {
  return scenarioOf({
    name: 'formulas',
    seed: 9,
    horizon: { intervalMinutes: 60, intervals: 6 },
    channels: {
      voice: {
        arrivals: { ratePerHour: 90 },
        talk: { dist: 'exponential', mean: 240 },
        patience: { dist: 'exponential', mean: 40 },
        serviceLevel,
      },
    },
    agents: [{ group: 'team', count: 6, channels: ['voice'] }],
  });
}

describe('service level formulas', () => {
  const threshold = 20;
  const short = 5;
  for (const formula of ['offered', 'answered', 'excludeShortAbandons'] as const) {
    it(`${formula}`, () => {
      const { result, log } = runKeeping(scenarioWithFormula({ thresholdSec: threshold, formula, shortAbandonSec: short }));
      const contacts = log.contacts;
      const inThreshold = contacts.filter((c) => c.outcome === 'handled' && c.wait <= threshold).length;
      const answered = contacts.filter((c) => c.outcome === 'handled').length;
      const shortAbandons = contacts.filter((c) => c.outcome === 'abandoned' && c.wait < short).length;
      const denominator = formula === 'offered' ? contacts.length : formula === 'answered' ? answered : contacts.length - shortAbandons;
      expect(shortAbandons).toBeGreaterThan(0);
      expect(tableValue(result.channels, 'voice', 6, 'serviceLevel')).toBeCloseTo(inThreshold / denominator, 12);
      const abandoned = contacts.filter((c) => c.outcome === 'abandoned');
      expect(tableValue(result.channels, 'voice', 6, 'abandoned')).toBe(abandoned.length);
      expect(tableValue(result.channels, 'voice', 6, 'abandonRate')).toBeCloseTo(abandoned.length / contacts.length, 12);
      const late = contacts.filter((c) => c.wait > threshold && c.outcome !== 'abandoned').length;
      expect(tableValue(result.channels, 'voice', 6, 'slaBreaches')).toBe(late);
      const waits = contacts.filter((c) => c.outcome === 'handled').map((c) => c.wait);
      expect(tableValue(result.channels, 'voice', 6, 'asa')).toBeCloseTo(waits.reduce((a, b) => a + b, 0) / waits.length, 9);
    });
  }
});

describe('every inbound channel', () => {
  it('queues, serves and wraps voice, chat, email, work items and voicemail', () => {
    const work = { work: { dist: 'gamma', mean: 200, cv: 0.5 }, wrap: { dist: 'fixed', value: 10 } };
    const scenario = scenarioOf({
      name: 'five',
      seed: 4,
      horizon: { intervalMinutes: 30, intervals: 4 },
      channels: {
        voice: { arrivals: { ratePerHour: 30 }, talk: { dist: 'erlang', mean: 180, k: 3 }, wrap: { dist: 'uniform', mean: 20, cv: 0.3 } },
        chat: {
          arrivals: { ratePerHour: 20 },
          exchanges: { dist: 'empirical', values: [1, 2, 4] },
          reply: { dist: 'empirical', values: [10, 20, 30] },
          think: { dist: 'exponential', mean: 30 },
          patience: { dist: 'exponential', mean: 60 },
        },
        email: { arrivals: { ratePerHour: 10, backlog: 5 }, ...work },
        workitem: { arrivals: { volumes: [4, 8, 4, 2] }, ...work },
        voicemail: { arrivals: { ratePerHour: 6, backlog: 3 }, ...work },
      },
      agents: [
        { group: 'phones', count: 4, channels: ['voice', 'voicemail'] },
        { group: 'digital', count: 4, channels: ['chat', 'email', 'workitem'] },
      ],
    });
    const { result, log } = runKeeping(scenario);
    for (const channel of ['voice', 'chat', 'email', 'workitem', 'voicemail']) {
      const contacts = log.contacts.filter((c) => c.channel === channel);
      expect(contacts.length, channel).toBeGreaterThan(0);
      expect(tableValue(result.channels, channel, 4, 'offered')).toBe(contacts.length);
      for (const c of contacts.filter((x) => x.outcome === 'handled')) {
        expect(c.group).toBe(channel === 'voice' || channel === 'voicemail' ? 'phones' : 'digital');
        expect(c.wrapEnd).toBeGreaterThanOrEqual(c.end);
      }
    }
    expect(log.contacts.filter((c) => c.outcome === 'abandoned').every((c) => c.channel === 'voice' || c.channel === 'chat')).toBe(true);
  });
});
