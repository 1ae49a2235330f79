// Every golden case reproduces its stored fingerprints byte for byte: a change of draw order,
// event order or any figure fails here. A deliberate change reruns `npm run golden:update`.
import { describe, expect, it } from 'vitest';
import { fingerprint, goldenCases, readGolden } from './cases.js';

const golden = readGolden();

describe('golden outputs', () => {
  it('has a stored fingerprint for every shipped and bench scenario, and none for a missing one', () => {
    expect(Object.keys(golden).sort()).toEqual(goldenCases().map((c) => c.name).sort());
  });

  for (const c of goldenCases()) {
    it(`${c.name}: contacts.csv, intervals.csv and sessions.csv are unchanged`, async () => {
      expect(await fingerprint(c)).toEqual(golden[c.name]);
    });
  }
});
