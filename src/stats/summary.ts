// Figures over replications: each figure's mean and 95 % confidence half-width (Student t)
// across the replications that have it. Exports `summarizeTables`, `summarizeRun`, `RunSummary`.
import type { AgentFigures, DaySpan, Distributions, ReplicationResult } from './metrics.js';
import type { TimelineEntry } from './records.js';
import { type Estimate, estimateInto, meanAndHalfWidth } from './student.js';
import { type MetricTable, createTable } from './table.js';

export interface TableSummary {
  readonly mean: MetricTable;
  readonly ci95: MetricTable;
  /**
   * Replications that have the figure (a finite value): fewer than all for a rate with an
   * empty denominator in some, such as ASA in a quiet interval. Its t quantile has n − 1
   * degrees of freedom, so anything turning ci95 back into a standard error needs this n.
   */
  readonly count: MetricTable;
}

export const CONFIDENCE = 0.95;

/** Cell by cell over replications; every table must have the same layout. */
export function summarizeTables(tables: readonly MetricTable[]): TableSummary {
  const first = tables[0]!;
  const mean = createTable(first.rows, first.columns, first.metrics);
  const ci95 = createTable(first.rows, first.columns, first.metrics);
  const count = createTable(first.rows, first.columns, first.metrics);
  const values = new Float64Array(tables.length);
  const estimate: Estimate = { mean: Number.NaN, halfWidth: Number.NaN, n: 0, sd: Number.NaN };
  for (let i = 0; i < first.values.length; i++) {
    for (let r = 0; r < tables.length; r++) values[r] = tables[r]!.values[i]!;
    estimateInto(values, CONFIDENCE, estimate);
    mean.values[i] = estimate.mean;
    ci95.values[i] = estimate.halfWidth;
    count.values[i] = estimate.n;
  }
  return { mean, ci95, count };
}

export interface AgentSummary {
  readonly agent: number;
  readonly group: string;
  /** Means over replications (AGENT_METRICS, then level shares). */
  readonly values: Float64Array;
}

export interface RunSummary {
  readonly replications: number;
  readonly events: number;
  readonly channels: TableSummary;
  /** Per skill (no rows unless the scenario was written with skills). */
  readonly skills: TableSummary;
  /**
   * Per calendar day, when every replication has its day tables (not results of figures only,
   * nor those of a shard file written before days were recorded).
   */
  readonly days: { readonly spans: readonly DaySpan[]; readonly channels: TableSummary; readonly skills: TableSummary } | null;
  readonly groups: TableSummary;
  readonly levels: TableSummary;
  readonly sessions: TableSummary;
  readonly elevations: Readonly<Record<string, Estimate>>;
  readonly elevationsDeferred: Estimate;
  readonly elevationsDropped: Estimate;
  readonly overtimeAgentSec: Estimate;
  readonly agents: readonly AgentSummary[];
  /** Histogram counts per replication (means over replications). */
  readonly distributions: Distributions;
  /** Replication 0's agent timeline. */
  readonly timeline: readonly TimelineEntry[];
}

export function summarizeRun(results: readonly ReplicationResult[]): RunSummary {
  const estimate = (pick: (r: ReplicationResult) => number) => meanAndHalfWidth(results.map(pick), CONFIDENCE);
  const elevations: Record<string, Estimate> = {};
  for (const key of Object.keys(results[0]!.elevations)) elevations[key] = estimate((r) => r.elevations[key]!);
  return {
    replications: results.length,
    events: results.reduce((sum, r) => sum + r.events, 0),
    channels: summarizeTables(results.map((r) => r.channels)),
    skills: summarizeTables(results.map((r) => r.skills)),
    days: results.every((r) => r.days !== null && r.days !== undefined)
      ? { spans: results[0]!.days!.spans, channels: summarizeTables(results.map((r) => r.days!.channels)), skills: summarizeTables(results.map((r) => r.days!.skills)) }
      : null,
    groups: summarizeTables(results.map((r) => r.groups)),
    levels: summarizeTables(results.map((r) => r.levels)),
    sessions: summarizeTables(results.map((r) => r.sessions)),
    elevations,
    elevationsDeferred: estimate((r) => r.elevationsDeferred),
    elevationsDropped: estimate((r) => r.elevationsDropped),
    overtimeAgentSec: estimate((r) => r.overtimeAgentSec),
    agents: meanAgents(results.map((r) => r.agents)),
    distributions: meanDistributions(results.map((r) => r.distributions)),
    timeline: results.find((r) => r.replication === 0)?.timeline ?? results[0]!.timeline,
  };
}

function meanAgents(perReplication: readonly (readonly AgentFigures[])[]): AgentSummary[] {
  const figure = new Float64Array(perReplication.length);
  const estimate: Estimate = { mean: Number.NaN, halfWidth: Number.NaN, n: 0, sd: Number.NaN };
  return perReplication[0]!.map((first, a) => {
    const values = new Float64Array(first.values.length);
    for (let m = 0; m < values.length; m++) {
      for (let r = 0; r < perReplication.length; r++) figure[r] = perReplication[r]![a]!.values[m]!;
      values[m] = estimateInto(figure, CONFIDENCE, estimate).mean;
    }
    return { agent: first.agent, group: first.group, values };
  });
}

function meanDistributions(all: readonly Distributions[]): Distributions {
  const mean = (pick: (d: Distributions) => Float64Array) => {
    const out = new Float64Array(pick(all[0]!).length);
    for (const d of all) {
      const values = pick(d);
      for (let i = 0; i < out.length; i++) out[i]! += values[i]! / all.length;
    }
    return out;
  };
  return {
    rows: all[0]!.rows,
    wait: mean((d) => d.wait),
    response: mean((d) => d.response),
    handle: mean((d) => d.handle),
    sessionDuration: mean((d) => d.sessionDuration),
  };
}
