// Every scenario shipped in scenarios/ loads, runs, and keeps the sample-path invariants:
// conservation per channel and Little's law, replication by replication.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { readScenario } from '../../src/scenario/read.js';
import { expectInvariants } from '../helpers/invariants.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f));

describe('shipped scenarios', () => {
  it('include the default and the analytic ones', () => {
    expect(files).toEqual(expect.arrayContaining(['default.yaml', 'erlang-c.yaml', 'erlang-a.yaml']));
  });

  for (const file of files) {
    it(`${file} runs and keeps conservation and Little's law`, () => {
      const scenario = readScenario(join('scenarios', file));
      for (let replication = 0; replication < Math.min(3, scenario.replications); replication++) {
        const result = simulate(scenario, replication);
        expect(result.events).toBeGreaterThan(0);
        expectInvariants(result, scenario.channels.map((c) => c.name));
      }
    });
  }
});
