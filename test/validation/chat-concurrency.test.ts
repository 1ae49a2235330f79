// Agents holding up to k chats each, under processor sharing with efficiency e(n):
// - with e(n) = n nobody slows down, so N agents × k chats are N·k independent servers:
//   the simulation must agree with Erlang C for N·k servers;
// - with e(n) < n, small cases (N ≤ 3, k ≤ 3) against the exact stationary solution of their
//   Markov chain (state: the agents' loads, and the queue), solved here.
// One exchange per chat, exponential reply work, no think time, no wrap, leastBusy routing
// (which keeps the chain Markov). 20 replications a case; Student-t intervals at a
// family-wise 5 % level (Bonferroni over this file's checks: each the simulation's 95 %
// interval made wide enough for the number of checks).
import { describe, it } from 'vitest';
import { erlangC } from '../../src/analytic/erlang.js';
import { buildChain } from '../helpers/ctmc.js';
import { expectAgreement, replicate, total } from '../helpers/replicate.js';
import { scenarioOf } from '../helpers/scenarios.js';
import { tableValue } from '../../src/stats/table.js';

const REPLY_MEAN = 60;
const REPLICATIONS = 20;
/** Contacts per replication: the horizon is sized to it, the warm-up is 4 hours on top. */
const CONTACTS = 100_000;
const CHECKS = 3 * 3 + 2 * 4;
const ALPHA = 0.05 / CHECKS;

function chatScenario(agents: number, k: number, efficiency: number[], arrivalRate: number) {
  const hours = CONTACTS / (arrivalRate * 3600);
  return scenarioOf({
    name: `chat-${agents}x${k}`,
    seed: 99,
    horizon: { intervalMinutes: 1440, intervals: Math.ceil((hours + 4) / 24) },
    warmupMinutes: 240,
    channels: {
      chat: {
        arrivals: { ratePerHour: arrivalRate * 3600 },
        exchanges: { dist: 'fixed', value: 1 },
        reply: { dist: 'exponential', mean: REPLY_MEAN },
        serviceLevel: { thresholdSec: 10 },
        responseThresholdSec: 1e8,
      },
    },
    agents: [{ group: 'chat', count: agents, channels: ['chat'], profile: 'k' }],
    osh: { profiles: { k: { maxPerChannel: { chat: k } } }, attention: { discipline: 'sharing', efficiency } },
    routing: { agentSelection: 'leastBusy' },
  });
}

describe('chat concurrency with e(n) = n agrees with Erlang C for N·k servers', () => {
  const cases = [
    { agents: 2, k: 3, load: 0.8 },
    { agents: 4, k: 3, load: 0.9 },
    { agents: 10, k: 2, load: 0.85 },
  ];
  for (const c of cases) {
    it(`N = ${c.agents}, k = ${c.k}, load ${c.load}`, () => {
      const servers = c.agents * c.k;
      const arrivalRate = (c.load * servers) / REPLY_MEAN;
      const scenario = chatScenario(c.agents, c.k, Array.from({ length: c.k }, (_, i) => i + 1), arrivalRate);
      const theory = erlangC({ agents: servers, arrivalRate, aht: REPLY_MEAN, thresholdSec: 10 });
      const { results, counters } = replicate(scenario, REPLICATIONS);
      expectAgreement('P(wait)', counters.map((x) => x.waited / x.answered), theory.probWait, ALPHA, 0.05);
      expectAgreement('service level 10 s', results.map((r) => total(r, 'chat', 'serviceLevel')), theory.serviceLevel, ALPHA, 0.05);
      expectAgreement('ASA', results.map((r) => total(r, 'chat', 'asa')), theory.asa, ALPHA, Math.max(1, 0.2 * theory.asa));
    });
  }
});

/** Exact figures of the loads-and-queue chain of N agents with up to k chats under e(n). */
function exactSharing(agents: number, k: number, efficiency: number[], arrivalRate: number) {
  const mu = 1 / REPLY_MEAN;
  const e = (n: number) => efficiency[Math.min(n, efficiency.length) - 1]!;
  const maxQueue = 400;
  type State = { loads: number[]; queue: number };
  const key = (s: State) => `${s.loads.join(',')}|${s.queue}`;
  const { chain, states } = buildChain<State>(
    { loads: new Array<number>(agents).fill(0), queue: 0 },
    key,
    (s) => {
      const next: Array<[State, number]> = [];
      const sorted = (loads: number[]) => [...loads].sort((a, b) => a - b);
      // An arrival goes to the least loaded agent (leastBusy), else waits.
      if (s.loads[0]! < k) {
        const loads = [...s.loads];
        loads[0]!++;
        next.push([{ loads: sorted(loads), queue: s.queue }, arrivalRate]);
      } else if (s.queue < maxQueue) {
        next.push([{ loads: s.loads, queue: s.queue + 1 }, arrivalRate]);
      }
      // An agent with n chats finishes one at rate e(n)·μ, then takes the next waiting chat.
      s.loads.forEach((n, i) => {
        if (n === 0) return;
        if (s.queue > 0) {
          next.push([{ loads: s.loads, queue: s.queue - 1 }, e(n) * mu]);
        } else {
          const loads = [...s.loads];
          loads[i]!--;
          next.push([{ loads: sorted(loads), queue: 0 }, e(n) * mu]);
        }
      });
      return next;
    },
  );
  const pi = chain.stationary();
  let probWait = 0;
  let queue = 0;
  let inService = 0;
  let busyAgents = 0;
  states.forEach((s, i) => {
    const p = pi[i]!;
    if (s.loads.every((n) => n === k)) probWait += p;
    queue += p * s.queue;
    inService += p * s.loads.reduce((a, b) => a + b, 0);
    busyAgents += p * s.loads.filter((n) => n > 0).length;
  });
  // Little's law turns mean numbers into mean times; PASTA makes P(wait) the share of full states.
  return { probWait, asa: queue / arrivalRate, aht: inService / arrivalRate, occupancy: busyAgents / agents };
}

describe('chat concurrency with e(n) < n agrees with its exact Markov chain', () => {
  const cases = [
    { agents: 2, k: 3, efficiency: [1, 1.6, 2.0], load: 0.8 },
    { agents: 3, k: 2, efficiency: [1, 1.4], load: 0.85 },
  ];
  for (const c of cases) {
    it(`N = ${c.agents}, k = ${c.k}, e = ${c.efficiency.join('/')}`, () => {
      const capacity = (c.agents * c.efficiency[c.k - 1]!) / REPLY_MEAN;
      const arrivalRate = c.load * capacity;
      const exact = exactSharing(c.agents, c.k, c.efficiency, arrivalRate);
      const scenario = chatScenario(c.agents, c.k, c.efficiency, arrivalRate);
      const { results, counters } = replicate(scenario, REPLICATIONS);
      const column = results[0]!.groups.columns - 1;
      expectAgreement('P(wait)', counters.map((x) => x.waited / x.answered), exact.probWait, ALPHA, 0.05);
      expectAgreement('ASA', results.map((r) => total(r, 'chat', 'asa')), exact.asa, ALPHA, Math.max(2, 0.2 * exact.asa));
      expectAgreement('AHT', results.map((r) => total(r, 'chat', 'aht')), exact.aht, ALPHA, 0.05 * exact.aht);
      expectAgreement('occupancy', results.map((r) => tableValue(r.groups, 'chat', column, 'occupancy')), exact.occupancy, ALPHA, 0.03);
    });
  }
});
