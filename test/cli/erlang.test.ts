// `osh-sim erlang` below the load (Erlang C with load >= agents): no steady state, so the
// queue figures are printed `—` (null in --json) beside the warning, never an occupancy above 1
// or an infinite ASA; above the load the figures are as before.
import { describe, expect, it } from 'vitest';
import { NO_FIGURE, erlangBelowLoad } from '../../src/cli/messages.js';
import { cli } from '../helpers/cli.js';

const BELOW = ['erlang', '--calls', '200', '--interval', '30', '--aht', '360', '--agents', '30'];

describe('osh-sim erlang below the load', () => {
  it('prints the warning and no figure where none exists', () => {
    const result = cli(BELOW);
    expect(result.status, result.stderr).toBe(0);
    const value = (label: string) => result.stdout.split('\n').find((l) => l.startsWith(label))?.slice(label.length).trim();
    for (const label of ['P(wait)', 'ASA (s)', 'service level (20 s)', 'occupancy']) expect(value(label), label).toBe(NO_FIGURE);
    expect(value('offered load')).toBe('40.000 Erlangs');
    expect(result.stdout).toContain(`warning: ${erlangBelowLoad(40, 30)}`);
    expect(result.stdout).not.toMatch(/Infinity|unbounded|1\.3333/);
  });

  it('says the same in --json: null figures, stable false, the warning', () => {
    const result = cli([...BELOW, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ agents: 30, offeredLoad: 40, stable: false, probWait: null, asa: null, serviceLevel: null, occupancy: null, warning: erlangBelowLoad(40, 30) });
  });

  it('names the fewest agents with a steady state, and at exactly the load there is none', () => {
    expect(erlangBelowLoad(40, 30)).toContain('at least 41 agents');
    const atLoad = JSON.parse(cli(['erlang', '--calls', '200', '--interval', '30', '--aht', '360', '--agents', '40', '--json']).stdout);
    expect(atLoad.stable).toBe(false);
    const above = JSON.parse(cli(['erlang', '--calls', '200', '--interval', '30', '--aht', '360', '--agents', '41', '--json']).stdout);
    expect(above.stable).toBe(true);
    expect(above.warning).toBeUndefined();
    expect(above.occupancy).toBeCloseTo(40 / 41, 10);
    expect(above.asa).toBeGreaterThan(0);
  });
});
