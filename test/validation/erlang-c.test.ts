// M/M/c against Erlang C: probability of wait, ASA and service level at 20 s, for c from 1 to
// 200 and loads up to 0.95. Each case runs 20 independent replications of a long stationary
// horizon after a warm-up; the check is a Student-t interval on the replication means at a
// family-wise 1 % level (Bonferroni over every check in this file).
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import { expectAgreement, replicate, total } from '../helpers/replicate.js';
import { mmc, scenarioOf } from '../helpers/scenarios.js';

const REPLICATIONS = 20;
const AHT = 300;
const CASES: { agents: number; load: number; hours: number; warmupHours: number }[] = [
  { agents: 1, load: 0.5, hours: 1200, warmupHours: 24 },
  { agents: 1, load: 0.8, hours: 2400, warmupHours: 48 },
  { agents: 5, load: 0.7, hours: 600, warmupHours: 12 },
  { agents: 10, load: 0.9, hours: 1000, warmupHours: 24 },
  { agents: 30, load: 0.85, hours: 450, warmupHours: 12 },
  { agents: 50, load: 0.95, hours: 800, warmupHours: 24 },
  { agents: 100, load: 0.9, hours: 540, warmupHours: 6 },
  { agents: 200, load: 0.95, hours: 360, warmupHours: 12 },
];
// What agreement must be able to tell apart: a 3-point error in a probability, a 15 % error in
// ASA. Run lengths are set (from pilot runs' spread) so the intervals come out about two thirds
// of these widths; the check that each interval is narrower makes a vague run fail, not pass.
const PRECISION = { share: 0.03, asa: 0.15 };
const CHECKS = CASES.length * 3;
const ALPHA = 0.01 / CHECKS;

describe('M/M/c agrees with Erlang C', () => {
  for (const c of CASES) {
    it(`c = ${c.agents}, load ${c.load}`, () => {
      const scenario = scenarioOf(mmc({ agents: c.agents, load: c.load, aht: AHT, hours: c.hours, warmupHours: c.warmupHours, seed: 2024 }));
      const theory = erlangC({ agents: c.agents, arrivalRate: (c.load * c.agents) / AHT, aht: AHT, thresholdSec: 20 });
      const { results, counters } = replicate(scenario, REPLICATIONS);
      expectAgreement('P(wait)', counters.map((k) => k.waited / k.answered), theory.probWait, ALPHA, PRECISION.share);
      expectAgreement('service level 20 s', results.map((r) => total(r, 'voice', 'serviceLevel')), theory.serviceLevel, ALPHA, PRECISION.share);
      expectAgreement('ASA', results.map((r) => total(r, 'voice', 'asa')), theory.asa, ALPHA, PRECISION.asa * theory.asa);
      // Without patience nobody abandons, and the queue is empty at the end of a stable run
      // only by chance: offered = handled + still queued at the horizon end.
      for (const r of results) {
        expect(total(r, 'voice', 'abandoned')).toBe(0);
        expect(total(r, 'voice', 'offered')).toBe(total(r, 'voice', 'handled') + total(r, 'voice', 'backlogEnd'));
      }
    });
  }
});
