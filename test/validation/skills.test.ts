// Routing by skill against queueing theory, one exponential handle time throughout:
// - every agent holds every skill, equal priority: each skill waits like the pooled M/M/c
//   (Erlang C), whatever the proficiencies (they only choose among idle agents);
// - two skills of different priority, every agent both: each skill's ASA is that of the
//   non-preemptive priority M/M/c (Cobham): W_k = W_0 / ((1 − σ_{k−1})(1 − σ_k)),
//   W_0 = C(c, a) / (c μ), σ_k the load of classes 1..k over c;
// - dedicated groups: each skill is its own Erlang C, and a group whose delay no wait reaches
//   takes nothing.
// Each case runs independent replications of a long stationary horizon after a warm-up; each
// check is a Student-t interval at a family-wise 1 % level (Bonferroni over the file), and must
// be narrower than a stated precision so that agreement means something.
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import type { ReplicationResult } from '../../src/stats/metrics.js';
import { tableValue } from '../../src/stats/table.js';
import { expectAgreement, replicate, total } from '../helpers/replicate.js';
import { scenarioOf } from '../helpers/scenarios.js';

const AHT = 300;
const REPLICATIONS = 12;
const PRECISION = { share: 0.03, asa: 0.15 };
// pooled: 3 skills × (ASA, SL) + P(wait); priority: 2 ASA; dedicated: 2 × (ASA, SL).
const CHECKS = 7 + 2 + 4;
const ALPHA = 0.01 / CHECKS;

function skillTotal(result: ReplicationResult, skill: string, metric: string): number {
  return tableValue(result.skills, skill, result.skills.columns - 1, metric);
}

function voiceSkill(ratePerHour: number, priority = 100) {
  return { channel: 'voice', arrivals: { ratePerHour }, talk: { dist: 'exponential', mean: AHT }, serviceLevel: { thresholdSec: 20 }, priority: { initial: priority } };
}

/** Day-long intervals over a long stationary run: few cells, same figures. */
function horizon(hours: number) {
  return { intervalMinutes: 1440, intervals: Math.ceil(hours / 24) };
}

describe('routing by skill agrees with queueing theory', () => {
  it('all agents hold all skills, equal priority: every skill waits like the pooled M/M/c', () => {
    const agents = 10;
    const load = 0.85;
    const totalPerHour = (load * agents * 3600) / AHT;
    const shares = { a: 0.5, b: 0.3, c: 0.2 };
    const scenario = scenarioOf({
      name: 'pooled',
      seed: 1401,
      horizon: horizon(1200),
      warmupMinutes: 24 * 60,
      skills: Object.fromEntries(Object.entries(shares).map(([s, share]) => [s, voiceSkill(totalPerHour * share)])),
      // Proficiencies differ by group and skill: they pick among idle agents, which with one
      // service rate changes no wait.
      agents: [
        { group: 'left', count: 5, skills: ['a', { skill: 'b', proficiency: 5 }, { skill: 'c', proficiency: 12 }] },
        { group: 'right', count: 5, skills: [{ skill: 'a', proficiency: 9 }, 'b', { skill: 'c', proficiency: 2 }] },
      ],
    });
    const theory = erlangC({ agents, arrivalRate: totalPerHour / 3600, aht: AHT, thresholdSec: 20 });
    const { results, counters } = replicate(scenario, REPLICATIONS);
    expectAgreement('P(wait), all skills', counters.map((k) => k.waited / k.answered), theory.probWait, ALPHA, PRECISION.share);
    for (const skill of Object.keys(shares)) {
      expectAgreement(`${skill}: ASA`, results.map((r) => skillTotal(r, skill, 'asa')), theory.asa, ALPHA, PRECISION.asa * theory.asa);
      expectAgreement(`${skill}: service level 20 s`, results.map((r) => skillTotal(r, skill, 'serviceLevel')), theory.serviceLevel, ALPHA, PRECISION.share);
    }
  });

  it("two skills of different priority, all agents both: Cobham's non-preemptive priority M/M/c", () => {
    const agents = 8;
    const mu = 1 / AHT;
    const perHour = { urgent: (0.35 * agents * 3600) / AHT, routine: (0.5 * agents * 3600) / AHT };
    const scenario = scenarioOf({
      name: 'priority',
      seed: 1402,
      horizon: horizon(1500),
      warmupMinutes: 24 * 60,
      skills: { urgent: voiceSkill(perHour.urgent, 200), routine: voiceSkill(perHour.routine, 100) },
      agents: [{ group: 'all', count: agents, skills: ['routine', 'urgent'] }],
    });
    const lambda = (perHour.urgent + perHour.routine) / 3600;
    const c = erlangC({ agents, arrivalRate: lambda, aht: AHT, thresholdSec: 20 }).probWait;
    const w0 = c / (agents * mu);
    const sigma1 = perHour.urgent / 3600 / (agents * mu);
    const sigma2 = lambda / (agents * mu);
    const cobham = { urgent: w0 / (1 - sigma1), routine: w0 / ((1 - sigma1) * (1 - sigma2)) };
    const { results } = replicate(scenario, REPLICATIONS);
    for (const skill of ['urgent', 'routine'] as const) {
      expectAgreement(`${skill}: ASA`, results.map((r) => skillTotal(r, skill, 'asa')), cobham[skill], ALPHA, PRECISION.asa * cobham[skill]);
    }
  });

  it('dedicated groups: each skill its own Erlang C; a group whose delay no wait reaches takes nothing', () => {
    const cases = { north: { agents: 5, load: 0.8 }, south: { agents: 9, load: 0.85 } };
    const perHour = (k: keyof typeof cases) => (cases[k].load * cases[k].agents * 3600) / AHT;
    const scenario = scenarioOf({
      name: 'dedicated',
      seed: 1403,
      horizon: horizon(1200),
      warmupMinutes: 24 * 60,
      skills: { north: voiceSkill(perHour('north')), south: voiceSkill(perHour('south')) },
      agents: [
        { group: 'north-desk', count: cases.north.agents, skills: ['north'] },
        { group: 'south-desk', count: cases.south.agents, skills: ['south'] },
        // Offered both, but only after a wait no contact reaches in these loads.
        { group: 'reserve', count: 4, skills: [{ skill: 'north', delaySec: 1_000_000 }, { skill: 'south', delaySec: 1_000_000 }] },
      ],
    });
    const { results } = replicate(scenario, REPLICATIONS);
    for (const r of results) expect(tableValue(r.groups, 'reserve', r.groups.columns - 1, 'handled')).toBe(0);
    for (const skill of ['north', 'south'] as const) {
      const theory = erlangC({ agents: cases[skill].agents, arrivalRate: perHour(skill) / 3600, aht: AHT, thresholdSec: 20 });
      expectAgreement(`${skill}: ASA`, results.map((r) => skillTotal(r, skill, 'asa')), theory.asa, ALPHA, PRECISION.asa * theory.asa);
      expectAgreement(`${skill}: service level 20 s`, results.map((r) => skillTotal(r, skill, 'serviceLevel')), theory.serviceLevel, ALPHA, PRECISION.share);
    }
    expect(total(results[0]!, 'voice', 'offered')).toBe(skillTotal(results[0]!, 'north', 'offered') + skillTotal(results[0]!, 'south', 'offered'));
  });
});
