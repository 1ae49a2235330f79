// Each vendor scenario routes as its vendor does (the mapping is in each file's comment):
// checked contact by contact from the run's log, replication by replication. NICE CXone:
// skill priority with acceleration, proficiency; Amazon Connect: queue rank and delay;
// Genesys Cloud: bullseye rings; Salesforce: additional skills dropped after a timeout;
// Twilio TaskRouter: workflow targets with timeouts and task priority.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/model.js';
import { readScenario } from '../../src/scenario/read.js';
import type { ContactRecord } from '../../src/stats/records.js';
import { runKeeping } from '../helpers/records.js';

const REPLICATIONS = [0, 1];
/** Times in the log are floats: a bound holds within this many seconds. */
const EPS = 1e-9;

/** Inbound contacts of every replication run, with the scenario they came from. */
function inbound(file: string): { scenario: Scenario; runs: ContactRecord[][] } {
  const scenario = readScenario(join('scenarios', file));
  const runs = REPLICATIONS.map((r) => runKeeping(scenario, r).log.contacts.filter((c) => c.direction === 'inbound'));
  return { scenario, runs };
}

const handled = (c: ContactRecord) => c.outcome === 'handled';
/** In queue at `t`: arrived before it and neither answered, abandoned nor ended by then. */
const waitingAt = (c: ContactRecord, t: number) => c.arrival < t && t < c.arrival + c.wait;
/** Routed from the queue (not on arrival): answered after a wait. */
const pulled = (c: ContactRecord) => handled(c) && c.wait > 0;

/** The delay a group is offered a skill at, from the scenario. */
function delayOf(scenario: Scenario, group: string, skill: string): number {
  const row = scenario.skills.findIndex((s) => s.name === skill);
  const held = scenario.groups.find((g) => g.name === group)!.skills.find((h) => h.skill === row);
  return held === undefined ? Infinity : held.delaySec;
}

describe('NICE CXone: proficiency, skill priority with acceleration', () => {
  const { scenario, runs } = inbound('nice-cxone.yaml');
  const priority = new Map(scenario.skills.map((s) => [s.name, s.priority]));
  /** A contact's priority at `t`: its skill's initial priority plus acceleration × minutes waited, up to its max. */
  const at = (c: ContactRecord, t: number) => {
    const { initial, accelerationPerMinute, max } = priority.get(c.skill)!;
    return Math.min(initial + (accelerationPerMinute * (t - c.arrival)) / 60, max ?? Infinity);
  };

  it("has a freed agent take the waiting call of highest priority now (up to its skill's max), so a service call that waited overtakes a newer sales call", () => {
    let overtakes = 0;
    let checked = 0;
    for (const contacts of runs) {
      const calls = contacts.filter((c) => c.channel === 'voice');
      for (const c of calls.filter(pulled)) {
        const t = c.answered;
        // Both teams hold both phone skills at rank 1 and no delay: every waiting call was on offer.
        for (const d of calls) {
          if (d === c || !waitingAt(d, t)) continue;
          checked++;
          const higher = at(d, t) > at(c, t) + EPS || (Math.abs(at(d, t) - at(c, t)) <= EPS && d.arrival < c.arrival);
          expect(higher, `call ${d.contact} (${d.skill}) outranked call ${c.contact} (${c.skill}) at ${t}`).toBe(false);
          if (c.skill === 'phone-service' && d.skill === 'phone-sales') overtakes++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(overtakes).toBeGreaterThan(0);
  });

  it('answers each phone skill by the team holding it at proficiency 1 more than equal proficiencies would', () => {
    const equal: Scenario = { ...scenario, groups: scenario.groups.map((g) => ({ ...g, skills: g.skills.map((h) => ({ ...h, proficiency: 1 })) })) };
    const share = (logs: ContactRecord[][], skill: string, group: string) => {
      const answered = logs.flat().filter((c) => c.skill === skill && handled(c));
      return answered.filter((c) => c.group === group).length / answered.length;
    };
    const equalRuns = REPLICATIONS.map((r) => runKeeping(equal, r).log.contacts.filter((c) => c.direction === 'inbound'));
    const sales = [share(runs, 'phone-sales', 'sales-team'), share(equalRuns, 'phone-sales', 'sales-team')];
    const service = [share(runs, 'phone-service', 'service-team'), share(equalRuns, 'phone-service', 'service-team')];
    // Head counts: 6 sales, 9 service; the same arrivals and durations in both runs.
    expect(sales[0]!).toBeGreaterThan(sales[1]! + 0.1);
    expect(service[0]!).toBeGreaterThan(service[1]! + 0.1);
  });
});

describe('Amazon Connect: queue priority (rank) and delay in a routing profile', () => {
  const { scenario, runs } = inbound('amazon-connect.yaml');

  it('offers billing calls to the general profile only after 45 s, and only while no general call waits', () => {
    expect(delayOf(scenario, 'general-profile', 'voice-billing')).toBe(45);
    let taken = 0;
    for (const contacts of runs) {
      for (const c of contacts.filter((x) => x.skill === 'voice-billing' && x.group === 'general-profile' && handled(x))) {
        taken++;
        expect(c.wait).toBeGreaterThanOrEqual(45 - EPS);
        // Rank 1 (general calls) before rank 2 (billing calls): none of rank 1 waited then.
        expect(contacts.filter((d) => d.skill === 'voice-general' && waitingAt(d, c.answered))).toEqual([]);
      }
    }
    expect(taken).toBeGreaterThan(5);
  });

  it('never gives a billing call to the general profile before the billing agents could take it', () => {
    for (const contacts of runs) {
      const early = contacts.filter((c) => c.skill === 'voice-billing' && c.group === 'general-profile' && c.wait < 45 - EPS);
      expect(early).toEqual([]);
      expect(contacts.filter((c) => c.skill === 'voice-billing' && c.group === 'billing-profile').length).toBeGreaterThan(50);
    }
  });
});

describe('Genesys Cloud: bullseye rings as proficiency tiers opened by delaySec', () => {
  const { scenario, runs } = inbound('genesys-cloud.yaml');

  it('widens the ring as a call waits: ring 2 after 20 s, ring 3 after 40 s, each taking some', () => {
    expect([delayOf(scenario, 'ring2-team', 'support-line'), delayOf(scenario, 'ring3-backoffice', 'support-line')]).toEqual([20, 40]);
    for (const contacts of runs) {
      const calls = contacts.filter((c) => c.skill === 'support-line' && handled(c));
      for (const [ring, delay] of [['ring2-team', 20], ['ring3-backoffice', 40]] as const) {
        const taken = calls.filter((c) => c.group === ring);
        expect(taken.length).toBeGreaterThan(0);
        for (const c of taken) expect(c.wait).toBeGreaterThanOrEqual(delay - EPS);
      }
      expect(calls.filter((c) => c.group === 'ring1-experts').length).toBeGreaterThan(calls.length / 3);
    }
  });

  it('keeps the inner ring first: an outer ring takes a call only while every expert is on a call', () => {
    for (const contacts of runs) {
      const experts = contacts.filter((c) => c.group === 'ring1-experts' && handled(c));
      const expertAgents = [...new Set(experts.map((c) => c.agent))];
      expect(expertAgents).toHaveLength(4);
      for (const c of contacts.filter((x) => x.skill === 'support-line' && handled(x) && x.group !== 'ring1-experts')) {
        const t = c.answered;
        // Experts hold one call at a time: busy from answer to the end of wrap.
        const busy = new Set(experts.filter((e) => e.answered <= t + 1e-6 && e.wrapEnd >= t - 1e-6).map((e) => e.agent));
        expect(busy.size, `call ${c.contact} went to ${c.group} at ${t} with an expert free`).toBe(expertAgents.length);
      }
    }
  });
});

describe('Salesforce Omni-Channel: additional skills dropped after a timeout', () => {
  const { scenario, runs } = inbound('salesforce-omni.yaml');

  it('routes a French billing chat to the qualified desk at once and to the billing team only after 60 s', () => {
    expect(delayOf(scenario, 'billing-team', 'chat-billing-fr')).toBe(60);
    expect(delayOf(scenario, 'service-reps', 'chat-billing-fr')).toBe(Infinity);
    for (const contacts of runs) {
      const chats = contacts.filter((c) => c.skill === 'chat-billing-fr' && handled(c));
      const widened = chats.filter((c) => c.group === 'billing-team');
      expect(widened.length).toBeGreaterThan(0);
      for (const c of widened) expect(c.wait).toBeGreaterThanOrEqual(60 - EPS);
      expect(chats.filter((c) => c.group === 'billing-fr-desk').length).toBeGreaterThan(0);
      expect(chats.filter((c) => c.group === 'service-reps')).toEqual([]);
    }
  });
});

describe('Twilio TaskRouter: workflow targets with timeouts, task priority', () => {
  const { scenario, runs } = inbound('twilio-taskrouter.yaml');

  it('tries the targets in turn: tier 2 after 30 s, the supervisors after 90 s', () => {
    for (const contacts of runs) {
      const calls = contacts.filter((c) => c.channel === 'voice' && handled(c));
      for (const [group, timeout] of [['tier2', 30], ['supervisors', 90]] as const) {
        const taken = calls.filter((c) => c.group === group);
        expect(taken.length).toBeGreaterThan(0);
        for (const c of taken) expect(c.wait).toBeGreaterThanOrEqual(timeout - EPS);
      }
    }
  });

  it('takes a VIP call before any standard call the same worker is offered, however long that one waited', () => {
    let checked = 0;
    for (const contacts of runs) {
      for (const c of contacts.filter((x) => x.skill === 'voice-standard' && pulled(x))) {
        const t = c.answered;
        const delay = delayOf(scenario, c.group, 'voice-vip');
        // A VIP call this worker's target was offered at t (it had waited the target's timeout).
        const vip = contacts.filter((d) => d.skill === 'voice-vip' && waitingAt(d, t) && t - d.arrival >= delay - EPS);
        expect(vip, `standard call ${c.contact} taken by ${c.group} at ${t} while a VIP call waited`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
