// A small skills system against its exact Markov chain: two skills, a specialist holding only
// A and a flexible agent holding A (at a worse proficiency) and B (of higher priority), one
// exponential handle time, exponential patience, no delays. State (specialist busy, flexible
// busy, A waiting, B waiting), queues truncated where their probability is negligible (checked).
// Abandon rates per skill and each agent's occupancy are compared on replications at a
// family-wise 1 % level, each interval narrower than 2 points.
import { describe, expect, it } from 'vitest';
import { tableValue } from '../../src/stats/table.js';
import { Ctmc } from '../helpers/ctmc.js';
import { expectAgreement, replicate } from '../helpers/replicate.js';
import { scenarioOf } from '../helpers/scenarios.js';

const AHT = 300;
const PATIENCE = 120;
const PER_HOUR = { a: 10, b: 6 };
const Q = 11;
const CHECKS = 4;
const ALPHA = 0.01 / CHECKS;

function exactChain() {
  const mu = 1 / AHT;
  const theta = 1 / PATIENCE;
  const la = PER_HOUR.a / 3600;
  const lb = PER_HOUR.b / 3600;
  // Queues wait only when the agents that take them are busy: only such states exist.
  const valid = (s: number, f: number, a: number, b: number) => !((a > 0 && (s === 0 || f === 0)) || (b > 0 && f === 0));
  const states: [number, number, number, number][] = [];
  const numbered = new Map<string, number>();
  for (let s = 0; s < 2; s++)
    for (let f = 0; f < 2; f++)
      for (let a = 0; a <= Q; a++)
        for (let b = 0; b <= Q; b++) {
          if (!valid(s, f, a, b)) continue;
          numbered.set(`${s},${f},${a},${b}`, states.length);
          states.push([s, f, a, b]);
        }
  const index = (s: number, f: number, a: number, b: number) => numbered.get(`${s},${f},${a},${b}`)!;
  const chain = new Ctmc(states.length);
  for (const [s, f, a, b] of states) {
    const from = index(s, f, a, b);
    // An A goes to the specialist (proficiency 1), else the flexible agent, else waits.
    if (s === 0) chain.addRate(from, index(1, f, a, b), la);
    else if (f === 0) chain.addRate(from, index(s, 1, a, b), la);
    else if (a < Q) chain.addRate(from, index(s, f, a + 1, b), la);
    if (f === 0) chain.addRate(from, index(s, 1, a, b), lb);
    else if (b < Q) chain.addRate(from, index(s, f, a, b + 1), lb);
    // The specialist takes the next A; the flexible agent the next B (higher priority), else A.
    if (s === 1) chain.addRate(from, a > 0 ? index(1, f, a - 1, b) : index(0, f, a, b), mu);
    if (f === 1) chain.addRate(from, b > 0 ? index(s, 1, a, b - 1) : a > 0 ? index(s, 1, a - 1, b) : index(s, 0, a, b), mu);
    if (a > 0) chain.addRate(from, index(s, f, a - 1, b), a * theta);
    if (b > 0) chain.addRate(from, index(s, f, a, b - 1), b * theta);
  }
  const pi = chain.stationary();
  let specialist = 0;
  let flexible = 0;
  let waitingA = 0;
  let waitingB = 0;
  let edge = 0;
  for (const [s, f, a, b] of states) {
    const p = pi[index(s, f, a, b)]!;
    specialist += s * p;
    flexible += f * p;
    waitingA += a * p;
    waitingB += b * p;
    if (a === Q || b === Q) edge += p;
  }
  return { specialist, flexible, abandonA: (theta * waitingA) / la, abandonB: (theta * waitingB) / lb, edge };
}

describe('a specialist and a flexible agent agree with the exact Markov chain', () => {
  it('abandon rate per skill and occupancy per agent', () => {
    const exact = exactChain();
    // Truncating the queues at Q changes nothing measurable.
    expect(exact.edge).toBeLessThan(1e-6);
    const skill = (ratePerHour: number, priority: number) => ({
      channel: 'voice',
      arrivals: { ratePerHour },
      talk: { dist: 'exponential', mean: AHT },
      patience: { dist: 'exponential', mean: PATIENCE },
      priority: { initial: priority },
    });
    const scenario = scenarioOf({
      name: 'n-design',
      seed: 1404,
      horizon: { intervalMinutes: 1440, intervals: 250 },
      warmupMinutes: 1440,
      skills: { a: skill(PER_HOUR.a, 100), b: skill(PER_HOUR.b, 200) },
      agents: [
        { group: 'specialist', count: 1, skills: ['a'] },
        { group: 'flexible', count: 1, skills: [{ skill: 'a', proficiency: 2 }, 'b'] },
      ],
    });
    const { results } = replicate(scenario, 10);
    const last = results[0]!.skills.columns - 1;
    const figure = (table: 'skills' | 'groups', row: string, metric: string) => results.map((r) => tableValue(r[table], row, last, metric));
    expectAgreement('a: abandon rate', figure('skills', 'a', 'abandonRate'), exact.abandonA, ALPHA, 0.02);
    expectAgreement('b: abandon rate', figure('skills', 'b', 'abandonRate'), exact.abandonB, ALPHA, 0.02);
    expectAgreement('specialist occupancy', figure('groups', 'specialist', 'occupancy'), exact.specialist, ALPHA, 0.02);
    expectAgreement('flexible occupancy', figure('groups', 'flexible', 'occupancy'), exact.flexible, ALPHA, 0.02);
  });
});
