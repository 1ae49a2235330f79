// `osh-sim erlang`: the analytic calculator — Erlang C, or Erlang A with --patience, for one
// interval; with --target, the fewest agents that reach it. Below the load (Erlang C with
// load >= agents) there is no steady state: the queue figures are printed `—` (null in --json)
// beside the warning, never an occupancy above 1 or an infinite ASA.
import { agentsForServiceLevel, agentsForServiceLevelA, erlangA, erlangC } from '../analytic/erlang.js';
import { alignTable } from './console.js';
import { UsageError } from './exit.js';
import { NO_FIGURE, erlangBelowLoad, erlangLoadTooLarge } from './messages.js';
import * as messages from './messages.js';

/** Offered load, Erlangs, the calculator takes: as many agents as `--agents` allows. */
export const MAX_ERLANG_LOAD = 1_000_000;

export interface ErlangOptions {
  agents?: number;
  calls?: number;
  rate?: number;
  interval: number;
  aht: number;
  threshold: number;
  patience?: number;
  target?: number;
  json?: boolean;
}

export function erlangReport(options: ErlangOptions): string {
  if ((options.calls === undefined) === (options.rate === undefined)) {
    throw new UsageError(messages.erlangNeedsOneVolume());
  }
  const arrivalRate = options.calls !== undefined ? options.calls / (options.interval * 60) : options.rate! / 3600;
  const { aht, threshold: thresholdSec, patience } = options;
  // Checked before any search: --target on a load of 1e299 Erlangs would search forever.
  if (!(arrivalRate * aht <= MAX_ERLANG_LOAD)) {
    throw new UsageError(erlangLoadTooLarge(options.calls !== undefined ? '--calls' : '--rate', arrivalRate * aht, MAX_ERLANG_LOAD));
  }
  let agents = options.agents;
  if (agents === undefined) {
    if (options.target === undefined) throw new UsageError(messages.erlangNeedsAgentsOrTarget());
    agents =
      patience === undefined
        ? agentsForServiceLevel({ arrivalRate, aht, thresholdSec, target: options.target })
        : agentsForServiceLevelA({ arrivalRate, aht, thresholdSec, patience, target: options.target });
  }
  const rows: [string, string][] = [
    ['model', patience === undefined ? 'Erlang C (M/M/N)' : `Erlang A (M/M/N+M, patience ${patience} s)`],
    ['arrival rate', `${(arrivalRate * 3600).toFixed(2)} per hour`],
    ['offered load', `${(arrivalRate * aht).toFixed(3)} Erlangs`],
    ['agents', String(agents)],
  ];
  // null: the figure does not exist (no steady state below the load).
  let figures: Record<string, number | null>;
  let warning: string | null = null;
  if (agents === 0) {
    figures = {};
  } else if (patience === undefined) {
    const c = erlangC({ agents, arrivalRate, aht, thresholdSec });
    if (c.stable) {
      figures = { probWait: c.probWait, asa: c.asa, serviceLevel: c.serviceLevel, occupancy: c.occupancy };
    } else {
      warning = erlangBelowLoad(c.load, agents);
      figures = { probWait: null, asa: null, serviceLevel: null, occupancy: null };
    }
  } else {
    const a = erlangA({ agents, arrivalRate, aht, patience, thresholdSec });
    figures = { probWait: a.probWait, asa: a.asa, serviceLevel: a.serviceLevel, abandonRate: a.probAbandon, occupancy: a.occupancy };
  }
  // A non-finite result is no figure either, in the terminal and in JSON alike.
  for (const [key, value] of Object.entries(figures)) if (value !== null && !Number.isFinite(value)) figures[key] = null;
  if (options.json) {
    const head = { agents, arrivalRatePerHour: arrivalRate * 3600, aht, thresholdSec, patience: patience ?? null, offeredLoad: arrivalRate * aht, stable: warning === null };
    return `${JSON.stringify({ ...head, ...figures, ...(warning === null ? {} : { warning }) }, null, 2)}\n`;
  }
  const labels: Record<string, string> = {
    probWait: 'P(wait)',
    asa: 'ASA (s)',
    serviceLevel: `service level (${thresholdSec} s)`,
    abandonRate: 'abandon rate',
    occupancy: 'occupancy',
  };
  for (const [key, value] of Object.entries(figures)) {
    rows.push([labels[key]!, value === null ? NO_FIGURE : key === 'asa' ? value.toFixed(1) : value.toFixed(4)]);
  }
  return `${alignTable(['figure', 'value'], rows)}\n${warning === null ? '' : `warning: ${warning}\n`}`;
}
