// Property-based checks over randomly generated valid scenarios (channels, profiles, staffing,
// elevation policies, attention disciplines): after each run, from its contact log and figures,
// contacts are conserved, no agent exceeds its profile at any instant, sessions end with their
// last wrap, every elevation is allowed by the table, response breaches agree, no figure is
// negative, and the same seed gives the same result. A failing case shrinks to a small one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { CHANNELS, type ChannelName } from '../../src/osh/channels.js';
import { ELEVATION_TABLE } from '../../src/osh/elevation.js';
import { toJson } from '../../src/stats/serialize.js';
import { tableValue } from '../../src/stats/table.js';
import { expectInvariants } from '../helpers/invariants.js';
import { expectProfilesRespected, expectSessionsConsistent } from '../helpers/osh-invariants.js';
import { KeepAll } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

const RUNS = 220;

const duration = (mean: [number, number]) =>
  fc.oneof(
    fc.record({ dist: fc.constant('fixed'), value: fc.double({ min: mean[0], max: mean[1], noNaN: true }) }),
    fc.record({ dist: fc.constant('exponential'), mean: fc.double({ min: mean[0], max: mean[1], noNaN: true }) }),
    fc.record({ dist: fc.constant('lognormal'), mean: fc.double({ min: mean[0], max: mean[1], noNaN: true }), cv: fc.double({ min: 0.2, max: 1.5, noNaN: true }) }),
    fc.record({ dist: fc.constant('gamma'), mean: fc.double({ min: mean[0], max: mean[1], noNaN: true }), cv: fc.double({ min: 0.3, max: 1.2, noNaN: true }) }),
    fc.record({ dist: fc.constant('erlang'), mean: fc.double({ min: mean[0], max: mean[1], noNaN: true }), k: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ dist: fc.constant('uniform'), mean: fc.double({ min: mean[0], max: mean[1], noNaN: true }), cv: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
    fc.record({ dist: fc.constant('empirical'), values: fc.array(fc.integer({ min: 1, max: Math.round(mean[1]) }), { minLength: 1, maxLength: 5 }) }),
  );

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const channelArb = (name: ChannelName) => {
  const common = { arrivals: fc.record({ ratePerHour: fc.integer({ min: 5, max: 120 }) }), wrap: optional(duration([1, 60])) };
  switch (name) {
    case 'voice':
      return fc.record({ ...common, talk: duration([20, 400]), patience: optional(duration([10, 300])) }, { requiredKeys: ['arrivals', 'talk'] });
    case 'chat':
      return fc.record(
        {
          ...common,
          exchanges: fc.oneof(fc.record({ dist: fc.constant('fixed'), value: fc.integer({ min: 1, max: 4 }) }), fc.record({ dist: fc.constant('geometric'), mean: fc.double({ min: 1, max: 4, noNaN: true }) })),
          reply: duration([5, 60]),
          think: optional(duration([5, 60])),
          patience: optional(duration([10, 300])),
          replyPatience: optional(duration([30, 400])),
          responseThresholdSec: fc.integer({ min: 10, max: 90 }),
        },
        { requiredKeys: ['arrivals', 'exchanges', 'reply', 'responseThresholdSec'] },
      );
    default:
      return fc.record(
        { ...common, arrivals: fc.record({ ratePerHour: fc.integer({ min: 0, max: 60 }), backlog: fc.integer({ min: 0, max: 8 }) }), work: duration([20, 400]) },
        { requiredKeys: ['arrivals', 'work'] },
      );
  }
};

const scenarioArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    intervalMinutes: fc.constantFrom(15, 30, 60),
    intervals: fc.integer({ min: 1, max: 4 }),
    channels: fc.subarray([...CHANNELS], { minLength: 1 }),
    groups: fc.integer({ min: 1, max: 3 }),
    discipline: fc.constantFrom('focus', 'sharing'),
    efficiency: fc.array(fc.double({ min: 1, max: 1.6, noNaN: true }), { minLength: 0, maxLength: 3 }),
    multitaskOnVoice: fc.double({ min: 0, max: 1, noNaN: true }),
    selection: fc.constantFrom('longestIdle', 'leastBusy', 'roundRobin'),
    onBlocked: fc.constantFrom('defer', 'drop'),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      channelSpecs: fc.tuple(...base.channels.map((c) => channelArb(c))),
      groupSpecs: fc.array(
        fc.record({
          take: fc.subarray(base.channels, { minLength: 1 }),
          count: fc.integer({ min: 1, max: 5 }),
          staffed: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: base.intervals, maxLength: base.intervals }), { nil: undefined }),
          osh: fc.boolean(),
          perChannel: fc.integer({ min: 1, max: 3 }),
          maxTotal: optional(fc.integer({ min: 1, max: 5 })),
          units: fc.boolean(),
          block: fc.boolean(),
          wrapHoldsSlot: fc.boolean(),
          speed: fc.constantFrom(1, 1, 0.8, 1.25),
        }),
        { minLength: base.groups, maxLength: base.groups },
      ),
      policies: fc.array(
        fc.record({
          pair: fc.integer({ min: 0, max: 100 }),
          probability: fc.double({ min: 0, max: 1, noNaN: true }),
          afterExchange: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          origin: fc.constantFrom('waitThenWrap', 'continue', 'wrapNow'),
        }),
        { maxLength: 3 },
      ),
    }),
  )
  .map(({ base, channelSpecs, groupSpecs, policies }) => {
    const channels: Record<string, unknown> = {};
    base.channels.forEach((c, i) => (channels[c] = channelSpecs[i]));
    // Every channel is taken by some group: the first group takes what no other does.
    const taken = new Set(groupSpecs.flatMap((g) => g.take));
    const missing = base.channels.filter((c) => !taken.has(c));
    const profiles: Record<string, unknown> = {};
    const agents = groupSpecs.map((g, i) => {
      const take = i === 0 ? [...new Set([...g.take, ...missing])] : g.take;
      const group: Record<string, unknown> = { group: `g${i}`, channels: take, speed: g.speed };
      if (g.staffed) group['staffing'] = g.staffed;
      else group['count'] = g.count;
      if (g.osh) {
        const maxPerChannel = Object.fromEntries([...take, 'voice', 'email'].map((c) => [c, c === 'voice' ? 1 : g.perChannel]));
        const profile: Record<string, unknown> = { maxPerChannel, wrapHoldsSlot: g.wrapHoldsSlot };
        if (g.maxTotal !== undefined) profile['maxTotal'] = g.maxTotal;
        if (g.units) {
          profile['budget'] = 100;
          profile['units'] = Object.fromEntries(take.map((c) => [c, c === 'voice' ? 100 : c === 'chat' ? 34 : 50]));
        }
        if (g.block && take.includes('voice')) profile['block'] = [{ while: 'voice', noNew: take.filter((c) => c !== 'voice').length > 0 ? take.filter((c) => c !== 'voice') : ['voice'] }];
        profiles[`p${i}`] = profile;
        group['profile'] = `p${i}`;
      }
      return group;
    });
    const oshOn = Object.values(profiles).some((p) => (p as { maxTotal?: number }).maxTotal !== 1);
    const pairs = Object.entries(ELEVATION_TABLE).flatMap(([from, targets]) => targets.map((to) => ({ from, to }))).filter((p) => base.channels.includes(p.from as ChannelName));
    const elevationPolicies = oshOn && pairs.length > 0
      ? policies.map((p) => {
          const pair = pairs[p.pair % pairs.length]!;
          const policy: Record<string, unknown> = { from: pair.from, to: pair.to, probability: p.probability, after: pair.from === 'chat' && p.afterExchange !== undefined ? { exchange: p.afterExchange } : 'end', origin: p.origin };
          return policy;
        })
      : [];
    const efficiency = [1, ...base.efficiency].reduce<number[]>((acc, e) => [...acc, Math.max(acc[acc.length - 1] ?? 1, acc.length === 0 ? 1 : e * (acc[acc.length - 1] ?? 1))], []);
    return {
      name: 'generated',
      seed: base.seed,
      horizon: { intervalMinutes: base.intervalMinutes, intervals: base.intervals },
      replications: 1,
      channels,
      agents,
      osh: {
        profiles,
        attention: { discipline: base.discipline, efficiency, multitaskOnVoice: base.multitaskOnVoice },
        elevation: { onBlocked: base.onBlocked, policies: elevationPolicies },
      },
      routing: { agentSelection: base.selection },
    };
  });

describe(`properties over ${RUNS} generated scenarios`, () => {
  it('keep every invariant of the contact center', () => {
    let contacts = 0;
    let elevated = 0;
    fc.assert(
      fc.property(scenarioArb, (written) => {
        const scenario = scenarioOf(written);
        const log = new KeepAll();
        const result = simulate(scenario, 0, { log });
        const inbound = scenario.skills.map((c) => c.channel);
        expectInvariants(result, inbound);
        expect(log.contacts.filter((c) => c.direction === 'inbound')).toHaveLength(result.ledger.arrived.reduce((a, b) => a + b, 0));
        expectProfilesRespected(scenario, log.contacts);
        expectSessionsConsistent(log.contacts, log.sessions);
        // Response breaches: the table's count is the log's, chat by chat.
        if (inbound.includes('chat')) {
          const breaches = log.contacts.filter((c) => c.channel === 'chat' && c.direction === 'inbound').reduce((n, c) => n + c.responseBreaches, 0);
          expect(tableValue(result.channels, 'chat', result.channels.columns - 1, 'responseBreaches')).toBe(breaches);
        }
        // No figure is negative; counts are never missing.
        for (const table of [result.channels, result.groups, result.levels, result.sessions]) {
          for (const value of table.values) if (!Number.isNaN(value)) expect(value).toBeGreaterThanOrEqual(0);
        }
        for (const row of result.channels.rows) expect(Number.isNaN(tableValue(result.channels, row, result.channels.columns - 1, 'offered'))).toBe(false);
        // The same seed gives the same result, bit for bit.
        expect(JSON.stringify(toJson(simulate(scenario, 0)))).toBe(JSON.stringify(toJson(result)));
        contacts += log.contacts.length;
        elevated += log.contacts.filter((c) => c.direction === 'outbound').length;
      }),
      { numRuns: RUNS, seed: 20261125, endOnFailure: false },
    );
    // The generator reaches what it should: many contacts, elevations among them.
    expect(contacts).toBeGreaterThan(RUNS * 20);
    expect(elevated).toBeGreaterThan(100);
  });
});
