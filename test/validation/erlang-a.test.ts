// M/M/c+M against Erlang A: probability of wait, abandonment, ASA of answered contacts and
// service level (answered within 20 s / offered), under and over load. 20 replications a
// case; Student-t intervals at a family-wise 1 % level (Bonferroni over this file's checks).
import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/analytic/erlang.js';
import { expectAgreement, replicate, total } from '../helpers/replicate.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

const REPLICATIONS = 20;
const AHT = 300;
const CASES: { agents: number; load: number; patience: number; hours: number }[] = [
  { agents: 1, load: 1.0, patience: 300, hours: 1500 },
  { agents: 5, load: 0.9, patience: 180, hours: 400 },
  { agents: 20, load: 1.1, patience: 180, hours: 150 },
  { agents: 50, load: 0.95, patience: 120, hours: 100 },
  { agents: 150, load: 1.05, patience: 180, hours: 50 },
];
// What agreement must tell apart: 3 points of a probability, 1 point of abandonment, 15 % of
// ASA (the runs give intervals of half these widths or less).
const PRECISION = { share: 0.03, abandon: 0.01, asa: 0.15 };
const CHECKS = CASES.length * 4;
const ALPHA = 0.01 / CHECKS;

describe('M/M/c+M agrees with Erlang A', () => {
  for (const c of CASES) {
    it(`c = ${c.agents}, load ${c.load}, patience ${c.patience} s`, () => {
      const scenario = scenarioOf(
        mmc({ agents: c.agents, load: c.load, aht: AHT, patience: c.patience, hours: c.hours, warmupHours: 6, seed: 77 }),
      );
      const theory = erlangA({ agents: c.agents, arrivalRate: (c.load * c.agents) / AHT, aht: AHT, patience: c.patience, thresholdSec: 20 });
      const { results, counters } = replicate(scenario, REPLICATIONS);
      expectAgreement('P(wait)', counters.map((k) => (k.waited + k.abandoned) / k.offered), theory.probWait, ALPHA, PRECISION.share);
      expectAgreement('P(abandon)', results.map((r) => total(r, 'voice', 'abandonRate')), theory.probAbandon, ALPHA, PRECISION.abandon);
      expectAgreement('service level 20 s', results.map((r) => total(r, 'voice', 'serviceLevel')), theory.serviceLevel, ALPHA, PRECISION.share);
      expectAgreement('ASA', results.map((r) => total(r, 'voice', 'asa')), theory.asa, ALPHA, PRECISION.asa * theory.asa);
      for (const r of results) {
        expect(total(r, 'voice', 'offered')).toBe(total(r, 'voice', 'handled') + total(r, 'voice', 'abandoned') + total(r, 'voice', 'backlogEnd'));
      }
    });
  }
});
