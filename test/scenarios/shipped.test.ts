// Every scenario shipped in scenarios/ loads, runs, and keeps the invariants, replication by
// replication: conservation per channel (outbound included) and Little's law; and from its
// contact log, no agent over its profile, sessions ending with their last wrap on one agent,
// and every elevation a pair the table allows, inside its origin's session.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/scenario/read.js';
import { tableValue } from '../../src/stats/table.js';
import { expectInvariants } from '../helpers/invariants.js';
import { expectProfilesRespected, expectSessionsConsistent } from '../helpers/osh-invariants.js';
import { runKeeping } from '../helpers/records.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f));

describe('shipped scenarios', () => {
  it('include the default, its OSH-off twin, the analytic ones and one per vendor model', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'default.yaml',
        'default-single.yaml',
        'erlang-c.yaml',
        'erlang-a.yaml',
        'nice-cxone.yaml',
        'amazon-connect.yaml',
        'genesys-cloud.yaml',
        'salesforce-omni.yaml',
        'twilio-taskrouter.yaml',
      ]),
    );
  });

  for (const file of files) {
    it(`${file} keeps conservation, Little's law and the OSH invariants`, () => {
      const scenario = readScenario(join('scenarios', file));
      const inbound = scenario.skills.map((c) => c.channel);
      for (let replication = 0; replication < Math.min(2, scenario.replications); replication++) {
        const { result, log } = runKeeping(scenario, replication);
        expect(result.events).toBeGreaterThan(0);
        expectInvariants(result, inbound);
        expect(log.contacts.filter((c) => c.direction === 'inbound')).toHaveLength(result.ledger.arrived.reduce((a, b) => a + b, 0));
        expect(log.contacts.filter((c) => c.direction === 'outbound')).toHaveLength(result.ledger.outboundCreated);
        if (scenario.warmupSec === 0) {
          for (const outbound of ['outbound-voice', 'outbound-email']) {
            if (!result.channels.rows.includes(outbound)) continue;
            const created = log.contacts.filter((c) => c.direction === 'outbound' && `outbound-${c.channel}` === outbound).length;
            expect(tableValue(result.channels, outbound, result.channels.columns - 1, 'handled')).toBe(created);
          }
        }
        // Every shipped scenario answers contacts, so the profile check has acceptances to judge.
        expect(expectProfilesRespected(scenario, log.contacts)).toBeGreaterThan(0);
        expectSessionsConsistent(log.contacts, log.sessions);
      }
    });
  }
});
