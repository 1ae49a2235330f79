// A group's concurrency levels and capacity follow from its profile, its channels and the
// elevation targets alone: the figures' layout and the running center read the same numbers.
import { describe, expect, it } from 'vitest';
import { groupShapes } from '../../src/center/group-shape.js';
import { scenarioOf } from '../helpers/scenarios.js';

const shapeOf = (agents: object, osh: object = {}) =>
  groupShapes(
    scenarioOf({
      name: 'shape',
      horizon: { intervalMinutes: 30, intervals: 1 },
      channels: {
        voice: { arrivals: { ratePerHour: 1 }, talk: { dist: 'fixed', value: 60 } },
        chat: { arrivals: { ratePerHour: 1 }, exchanges: { dist: 'fixed', value: 1 }, reply: { dist: 'fixed', value: 10 } },
        email: { arrivals: { ratePerHour: 1 }, work: { dist: 'fixed', value: 60 } },
      },
      // The second group takes every channel, so the first may take any subset.
      agents: [{ group: 'g', count: 1, ...agents }, { group: 'rest', count: 1, channels: ['voice', 'chat', 'email'] }],
      osh,
    }),
  )[0]!;

describe('group shape', () => {
  // Levels bound what an agent can ever hold, which may pass maxTotal: a wrap that frees its
  // slot stays held, and elevations ignore totals. So each channel adds min(its maximum,
  // maxTotal, units allowed); capacity (utilization's denominator) is maxTotal or the budget.
  it('one contact at a time: capacity 1, levels up to one contact of each channel', () => {
    const shape = shapeOf({ channels: ['voice', 'chat', 'email'], profile: 'one' }, { profiles: { one: { maxTotal: 1 } } });
    expect(shape).toMatchObject({ levels: 4, capacity: 1, usesUnits: false });
  });

  it('per-channel maxima add up, each capped by maxTotal; capacity counts only routed channels', () => {
    const p = { profiles: { p: { maxPerChannel: { voice: 1, chat: 3, email: 2 } } } };
    expect(shapeOf({ channels: ['voice', 'chat', 'email'], profile: 'p' }, p)).toMatchObject({ levels: 7, capacity: 6 });
    expect(shapeOf({ channels: ['chat'], profile: 'p' }, p)).toMatchObject({ levels: 4, capacity: 3 });
    const capped = { profiles: { p: { maxPerChannel: { voice: 1, chat: 3, email: 2 }, maxTotal: 2 } } };
    expect(shapeOf({ channels: ['voice', 'chat', 'email'], profile: 'p' }, capped)).toMatchObject({ levels: 1 + 1 + 2 + 2, capacity: 2 });
  });

  it('counts an elevation target the group is not routed among its levels, not its capacity', () => {
    const osh = {
      profiles: { p: { maxPerChannel: { voice: 1, chat: 3, email: 2 } } },
      elevation: { policies: [{ from: 'chat', to: 'voice', probability: 0.1, after: 'end' }] },
    };
    expect(shapeOf({ channels: ['chat'], profile: 'p' }, osh)).toMatchObject({ levels: 5, capacity: 3 });
  });

  it('with capacity units, capacity is the budget', () => {
    const osh = { profiles: { p: { maxPerChannel: { voice: 1, chat: 3, email: 2 }, units: { voice: 3, chat: 1, email: 2 }, budget: 4 } } };
    const shape = shapeOf({ channels: ['voice', 'chat', 'email'], profile: 'p' }, osh);
    expect(shape).toMatchObject({ capacity: 4, usesUnits: true });
    // voice: min(1, 4/3 → 1), chat: min(3, 4), email: min(2, 2): 1 + 3 + 2 levels above zero.
    expect(shape.levels).toBe(7);
  });
});
