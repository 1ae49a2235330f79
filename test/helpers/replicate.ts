// Replications for theory checks: run a scenario R times, collect one figure per replication,
// and compare the replications' mean with a theoretical value using a Student-t interval.
import { expect } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import type { Scenario } from '../../src/scenario/model.js';
import type { ReplicationResult } from '../../src/stats/metrics.js';
import type { ContactRecord, RecordSink, SessionRecord } from '../../src/stats/records.js';
import { meanAndHalfWidth, studentTQuantile } from '../../src/stats/student.js';
import { tableValue } from '../../src/stats/table.js';

/** Counts, per replication, what the tables do not carry (P(wait) from every answered contact). */
export class WaitCounter implements RecordSink {
  readonly wantsContacts = true;
  offered = 0;
  answered = 0;
  /** Answered contacts that waited at all. */
  waited = 0;
  abandoned = 0;
  constructor(private readonly warmupSec: number) {}
  contact(r: ContactRecord): void {
    if (r.arrival < this.warmupSec || r.direction !== 'inbound') return;
    this.offered++;
    if (r.outcome === 'abandoned') this.abandoned++;
    if (r.outcome !== 'handled') return;
    this.answered++;
    if (r.wait > 0) this.waited++;
  }
  session(_r: SessionRecord): void {}
}

export interface Replicated {
  results: ReplicationResult[];
  counters: WaitCounter[];
}

export function replicate(scenario: Scenario, replications: number): Replicated {
  const results: ReplicationResult[] = [];
  const counters: WaitCounter[] = [];
  for (let r = 0; r < replications; r++) {
    const counter = new WaitCounter(scenario.warmupSec);
    results.push(simulate(scenario, r, { log: counter }));
    counters.push(counter);
  }
  return { results, counters };
}

/** The whole-horizon value of a channel metric in one replication. */
export function total(result: ReplicationResult, channel: string, metric: string): number {
  return tableValue(result.channels, channel, result.channels.columns - 1, metric);
}

export interface Agreement {
  mean: number;
  halfWidth: number;
  theory: number;
}

/**
 * Asserts the replications' mean agrees with `theory` at two-sided level `alpha` (the caller
 * passes a Bonferroni-corrected alpha for its family of checks), and that the interval is
 * narrower than `maxHalfWidth`, so agreement means something.
 */
export function expectAgreement(label: string, values: number[], theory: number, alpha: number, maxHalfWidth: number): Agreement {
  const { mean, sd, n } = meanAndHalfWidth(values);
  // Every replication must have the figure: a NaN dropped silently would weaken the check.
  expect(n, `${label}: replications with a value`).toBe(values.length);
  const halfWidth = (studentTQuantile(1 - alpha / 2, n - 1) * sd) / Math.sqrt(n);
  const detail = `${label}: simulated ${mean.toFixed(5)} ± ${halfWidth.toFixed(5)} vs theory ${theory.toFixed(5)}`;
  expect(Math.abs(mean - theory), detail).toBeLessThanOrEqual(halfWidth);
  expect(halfWidth, `${detail}: interval too wide to judge`).toBeLessThan(maxHalfWidth);
  return { mean, halfWidth, theory };
}
