// What the command line says to a planner, worded once: builders for the lines and help texts
// of compare, check, sweep, report and erlang, so tests compare against the builder rather
// than pin the wording. Exports one function (or constant) per message.

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
