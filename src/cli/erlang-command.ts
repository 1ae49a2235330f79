// `osh-sim erlang`: the analytic calculator — Erlang C, or Erlang A with --patience, for one
// interval; with --target, the fewest agents that reach it.
import { agentsForServiceLevel, agentsForServiceLevelA, erlangA, erlangC } from '../analytic/erlang.js';
import { alignTable } from './console.js';
import { UsageError } from './exit.js';

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
    throw new UsageError('give the volume as --calls N (per interval) or --rate R (per hour), one of them');
  }
  const arrivalRate = options.calls !== undefined ? options.calls / (options.interval * 60) : options.rate! / 3600;
  const { aht, threshold: thresholdSec, patience } = options;
  let agents = options.agents;
  if (agents === undefined) {
    if (options.target === undefined) throw new UsageError('give --agents N, or --target to find the agents needed');
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
  let figures: Record<string, number>;
  if (agents === 0) {
    figures = {};
  } else if (patience === undefined) {
    const c = erlangC({ agents, arrivalRate, aht, thresholdSec });
    figures = { probWait: c.probWait, asa: c.asa, serviceLevel: c.serviceLevel, occupancy: c.occupancy };
    if (!c.stable) rows.push(['warning', 'load >= agents: the queue grows without bound']);
  } else {
    const a = erlangA({ agents, arrivalRate, aht, patience, thresholdSec });
    figures = { probWait: a.probWait, asa: a.asa, serviceLevel: a.serviceLevel, abandonRate: a.probAbandon, occupancy: a.occupancy };
  }
  if (options.json) return `${JSON.stringify({ agents, arrivalRatePerHour: arrivalRate * 3600, aht, thresholdSec, patience: patience ?? null, ...figures }, null, 2)}\n`;
  const labels: Record<string, string> = {
    probWait: 'P(wait)',
    asa: 'ASA (s)',
    serviceLevel: `service level (${thresholdSec} s)`,
    abandonRate: 'abandon rate',
    occupancy: 'occupancy',
  };
  for (const [key, value] of Object.entries(figures)) {
    rows.push([labels[key]!, key === 'asa' ? value.toFixed(1) : Number.isFinite(value) ? value.toFixed(4) : 'unbounded']);
  }
  return `${alignTable(['figure', 'value'], rows)}\n`;
}
