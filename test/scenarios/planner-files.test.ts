// A scenario planned from a WFM forecast and schedule behaves as the files say: offered volumes
// and handle times per interval agree with the forecast within their confidence intervals, the
// what-if multipliers move them as stated, and groups.csv shows the schedule's agents.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readScenario } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/model.js';
import { tableValue } from '../../src/stats/table.js';
import { expectAgreement, replicate } from '../helpers/replicate.js';

const folder = mkdtempSync(join(tmpdir(), 'osh-planned-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Three hours; the forecast sets voice's handle time in the first two (the third keeps the
// distribution's own mean of 200 s). Plenty of agents, no wrap: a contact's aht is its talk.
const VOLUMES = [300, 200, 400];
const AHT = [120, 300, 200];
writeFileSync(join(folder, 'forecast.csv'), 'interval,skill,volume,aht\n2026-03-02T08:00,voice,300,120\n2026-03-02T09:00,voice,200,300\n2026-03-02T10:00,voice,400,\n');
writeFileSync(join(folder, 'schedule.csv'), 'interval,group,agents,shrinkage\n2026-03-02T08:00,team,60,0.3\n2026-03-02T09:00,team,70,0.3\n2026-03-02T10:00,team,80,0.35\n');
const file = join(folder, 'planned.yaml');
writeFileSync(
  file,
  `name: planned
seed: 5
horizon: { intervalMinutes: 60, intervals: 3, start: "08:00" }
forecast: forecast.csv
schedule: schedule.csv
channels:
  voice: { talk: { dist: lognormal, mean: 200, cv: 0.8 } }
agents:
  - { group: team, channels: [voice] }
`,
);

const REPLICATIONS = 30;
/** Six checks per scenario (offered and aht in three intervals), at a family-wise 1 %. */
const ALPHA = 0.01 / 6;

function perInterval(scenario: Scenario, metric: string): number[][] {
  const { results } = replicate(scenario, REPLICATIONS);
  return [0, 1, 2].map((k) => results.map((r) => tableValue(r.channels, 'voice', k, metric)));
}

describe('a scenario from a forecast and a schedule', () => {
  it('offers the forecast volumes and handles at the forecast handle times, interval by interval', () => {
    const scenario = readScenario(file);
    const offered = perInterval(scenario, 'offered');
    const aht = perInterval(scenario, 'aht');
    for (let k = 0; k < 3; k++) {
      expectAgreement(`offered, interval ${k}`, offered[k]!, VOLUMES[k]!, ALPHA, 0.1 * VOLUMES[k]!);
      expectAgreement(`aht, interval ${k}`, aht[k]!, AHT[k]!, ALPHA, 0.1 * AHT[k]!);
    }
  });

  it('scales volumes and handle times by the what-if multipliers', () => {
    const text = readFileSync(file, 'utf8').replace('forecast: forecast.csv', 'forecast: forecast.csv\narrivals: { scale: 0.5 }\naht: { scale: 1.5 }');
    const scaledFile = join(folder, 'scaled.yaml');
    writeFileSync(scaledFile, text);
    const scenario = readScenario(scaledFile);
    const offered = perInterval(scenario, 'offered');
    const aht = perInterval(scenario, 'aht');
    for (let k = 0; k < 3; k++) {
      expectAgreement(`offered × 0.5, interval ${k}`, offered[k]!, 0.5 * VOLUMES[k]!, ALPHA, 0.1 * VOLUMES[k]!);
      expectAgreement(`aht × 1.5, interval ${k}`, aht[k]!, 1.5 * AHT[k]!, ALPHA, 0.15 * AHT[k]!);
    }
  });

  it('logs in the schedule\'s agents, as groups.csv shows', async () => {
    const out = join(folder, 'report');
    const code = await main(['run', file, '--out', out, '--replications', '2', '--jobs', '1', '--no-charts', '--quiet'], { out: () => {}, err: () => {} });
    expect(code).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'groups.csv'), 'utf8').trim().split('\n');
    const agents = header!.split(',').indexOf('agents');
    expect(rows.slice(0, 3).map((row) => Number(row.split(',')[agents]))).toEqual([60, 70, 80]);
  });
});
