// Five OSH semantics, each once a defect reproduced by hand: elevation only from groups with OSH
// on; work that ends at an instant finishes then; outbound contacts ranked as their channel;
// a deferral dropped only when its wait can never end; a customer leaving at a red timer.
import { describe, expect, it } from 'vitest';
import { tableValue } from '../../src/stats/table.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

const fixed = (value: number) => ({ dist: 'fixed', value });

describe('elevation is an OSH capability', () => {
  it('a group with OSH off never elevates, beside an OSH group that does', () => {
    const scenario = scenarioOf({
      name: 'desk',
      seed: 3,
      horizon: { intervalMinutes: 60, intervals: 4 },
      replications: 1,
      channels: { email: { arrivals: { ratePerHour: 40 }, work: fixed(200) }, voice: { arrivals: { ratePerHour: 0 }, talk: fixed(60) } },
      agents: [
        { group: 'desk', count: 2, channels: ['email'] },
        { group: 'blended', count: 2, channels: ['email', 'voice'], profile: 'osh' },
      ],
      osh: {
        profiles: { osh: { maxPerChannel: { voice: 1, email: 2 } } },
        elevation: { policies: [{ from: 'email', to: 'voice', probability: 1, after: 'end', origin: 'continue' }] },
      },
    });
    const { result, log } = runKeeping(scenario);
    const outbound = log.contacts.filter((c) => c.direction === 'outbound');
    expect(outbound.filter((c) => c.group === 'blended').length).toBeGreaterThan(10);
    expect(outbound.filter((c) => c.group === 'desk')).toEqual([]);
    // Every email the desk handled ended its session alone: no elevated contact points at it.
    const deskEmails = new Set(log.contacts.filter((c) => c.group === 'desk').map((c) => c.contact));
    expect(deskEmails.size).toBeGreaterThan(10);
    expect(outbound.filter((c) => deskEmails.has(c.origin))).toEqual([]);
    for (let k = 0; k < 4; k++) expect(tableValue(result.groups, 'desk', k, 'utilization')).toBeLessThanOrEqual(1);
  });
});
