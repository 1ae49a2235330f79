// What the command line says to a planner, worded once: builders for the lines and help texts
// of compare, check, sweep, report and erlang, and (in `cliMessages`) interruptions, options
// adjusted and problems cut short, so tests compare against the builder rather than pin the
// wording. Exports one function (or constant) per message, and `cliMessages`.

/** Printed in place of a figure that does not exist (no steady state, no replication spread). */
export const NO_FIGURE = '—';

/** `erlang` below the load: Erlang C has no steady state, so its queue figures do not exist. */
export function erlangBelowLoad(load: number, agents: number): string {
  return `offered load ${load.toFixed(3)} Erlangs >= ${agents} agents: the queue grows without bound, so P(wait), ASA, service level and occupancy do not exist; at least ${Math.floor(load) + 1} agents are needed`;
}

/** A scenario in `check`'s lines: its name and its file, since two files may share a name. */
export function checkScenarioLabel(name: string, file: string): string {
  return `${name} (${file})`;
}

/** `compare`, once its files are in place: where they are. */
export function compareWrote(folder: string): string {
  return `compare.csv and compare.html → ${folder}`;
}

/** A significant change, judged by the figure's better direction (`neither`: just changed). */
export type ChangeVerdict = 'better' | 'worse' | 'changed';

/** compare's last column: significance, and for a figure with a better direction, which way it went. */
export function compareVerdictText(verdict: ChangeVerdict | null): string {
  return verdict === null ? '' : verdict === 'changed' ? 'significant' : `significant, ${verdict}`;
}

/** Below this a p-value is printed as a bound: the figures cannot support more digits. */
export const P_FLOOR = 1e-6;

/** A p-value on the terminal and in compare.html: `< 1e-6` below the floor, never `0`. */
export function pValueText(p: number): string {
  if (!Number.isFinite(p)) return '-';
  if (p < P_FLOOR) return `< ${P_FLOOR.toExponential(0)}`;
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(2);
}

/** Help texts of the options run and sweep share, each true of its command. */
export const SIMULATION_HELP = {
  run: {
    out: 'report folder (default: reports/<scenario name>; with --shard i/n, reports/<scenario name>.shard-i-of-n)',
    noCharts: 'write the figures only: no charts and no report.html',
  },
  sweep: {
    out: 'sweep folder (default: reports/<scenario name>.sweep; with --shard i/n, reports/<scenario name>.sweep.shard-i-of-n)',
    noCharts: 'write the figures only (sweep.csv, sweep.json): no charts and no sweep.html',
  },
} as const;

/** `sweep --metric`: what is charted (and printed) when no --metric is given. */
export const SWEEP_METRIC_HELP =
  "a figure to chart against the varied fields, e.g. voice.serviceLevel (repeatable; default: each channel's service level, ASA and abandonment, chat reply breaches, each group's occupancy)";

/** `report`, done: what it rendered where (report.html for a run, sweep.html for a sweep). */
export function reportRendered(folder: string, charts: number, page: 'report.html' | 'sweep.html'): string {
  return `${folder}: ${charts} chart${charts === 1 ? '' : 's'} and ${page} rendered`;
}

/** `report` on a shard folder: there is nothing to render until the shards are merged. */
export const REPORT_ON_SHARD = 'is a shard folder (shard.json): combine the shards with osh-sim merge, then render the merged folder';

/** Interruptions, options adjusted and problems cut short. */
export const cliMessages = {
  interruptedNothingWritten: (signal: string) => `osh-sim: interrupted (${signal}); no report was written, earlier reports are as they were`,
  interruptedAfterWriting: (signal: string, folders: readonly string[]) =>
    `osh-sim: interrupted (${signal}) after the report was written in full to ${folders.join(', ')}; nothing else was changed`,
  jobsCapped: (asked: number, cores: number) => `osh-sim: --jobs ${asked} is more than the ${cores} cores available; using ${cores}`,
  moreProblems: (more: number) => `… and ${more} more problem${more === 1 ? '' : 's'} (fix these first)`,
  junitIsFolder: () => 'is a folder; --junit names the XML file to write, e.g. reports/junit.xml',
  unreadablePath: (why: string) => `cannot be read (${why})`,
  linkLoop: () => 'is a link that leads back to itself (a loop of links)',
} as const;

/** `erlang` on a load no staffing search could end on (`--calls 1e300`). */
export function erlangLoadTooLarge(option: string, load: number, limit: number): string {
  return `${option} with --aht gives an offered load of ${load.toPrecision(3)} Erlangs; the calculator takes at most ${limit.toLocaleString('en-US')} (as many agents as --agents allows)`;
}
