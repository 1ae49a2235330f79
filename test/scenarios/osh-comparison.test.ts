// The planner's comparison the shipped pair exists for: the same day, the same staffing and
// the same contacts, with OSH on (default.yaml) and off (default-single.yaml). Turning OSH on
// must move the figures the way a planner expects, beyond the replications' noise: chats are
// answered sooner and fewer abandon, and the blended agents hold more than one contact.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { readScenario } from '../../src/scenario/read.js';
import { summarizeRun } from '../../src/stats/summary.js';
import { cellOffset } from '../../src/stats/table.js';
import type { TableSummary } from '../../src/stats/summary.js';
import type { Scenario } from '../../src/scenario/model.js';

function figure(table: TableSummary, row: string, metric: string): { mean: number; ci95: number } {
  const at = cellOffset(table.mean, table.mean.rows.indexOf(row), table.mean.columns - 1) + table.mean.metrics.indexOf(metric);
  return { mean: table.mean.values[at]!, ci95: table.ci95.values[at]! };
}

const runAll = (scenario: Scenario) => Array.from({ length: scenario.replications }, (_, r) => simulate(scenario, r));

describe('OSH on versus off on the default day', () => {
  const on = summarizeRun(runAll(readScenario('scenarios/default.yaml')));
  const off = summarizeRun(runAll(readScenario('scenarios/default-single.yaml')));

  it('holds chat service level with the same agents, where one contact at a time misses it', () => {
    const slOn = figure(on.channels, 'chat', 'serviceLevel');
    const slOff = figure(off.channels, 'chat', 'serviceLevel');
    expect(slOn.mean - slOn.ci95).toBeGreaterThan(slOff.mean + slOff.ci95);
    expect(slOn.mean).toBeGreaterThanOrEqual(0.8);
    expect(slOff.mean).toBeLessThan(0.8);
    const abandonOn = figure(on.channels, 'chat', 'abandonRate');
    const abandonOff = figure(off.channels, 'chat', 'abandonRate');
    expect(abandonOn.mean + abandonOn.ci95).toBeLessThan(abandonOff.mean - abandonOff.ci95);
  });

  it('shows the price: concurrency above one, and longer handle times per contact', () => {
    expect(figure(on.groups, 'blended', 'concurrencyBusyMean').mean).toBeGreaterThan(1.2);
    expect(figure(off.groups, 'blended', 'concurrencyBusyMean').mean).toBe(1);
    expect(figure(on.channels, 'chat', 'aht').mean).toBeGreaterThan(figure(off.channels, 'chat', 'aht').mean);
  });
});
