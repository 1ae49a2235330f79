// What the command line says to a planner, worded once: builders for the lines and help texts
// of compare, check, sweep, report and erlang, and for every refusal, ending and outcome line
// of the commands, so code and tests use the same text rather than pin the wording. Exports
// one function (or constant) per message; each returns the text without a newline.

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

// ---------------------------------------------------------------- option values

export function notWholeNumber(option: string, min: number, max: number, text: string): string {
  return `${option}: must be a whole number from ${min} to ${max}, got '${text}'`;
}

export function notPositiveNumber(option: string, text: string): string {
  return `${option}: must be a number > 0, got '${text}'`;
}

export function notFraction(option: string, text: string): string {
  return `${option}: must be a number between 0 and 1, got '${text}'`;
}

/** `--jobs` above the cores: more threads than cores only slow the run down. */
export function jobsCapped(asked: number, cores: number): string {
  return programLine(`--jobs ${asked} is more than the ${cores} cores available; using ${cores}`);
}

export function notShrinkage(text: string): string {
  return `--shrinkage: must be a number from 0 to below 1, got '${text}'`;
}

/** An option refused by a room's own check (e.g. --shard), with that room's reason. */
export function badOption(option: string, reason: string): string {
  return `${option}: ${reason}`;
}

export function erlangNeedsOneVolume(): string {
  return 'give the volume as --calls N (per interval) or --rate R (per hour), one of them';
}

export function erlangNeedsAgentsOrTarget(): string {
  return 'give --agents N, or --target to find the agents needed';
}

/** `erlang` on a load no staffing search could end on (`--calls 1e300`). */
export function erlangLoadTooLarge(option: string, load: number, limit: number): string {
  return `${option} with --aht gives an offered load of ${load.toPrecision(3)} Erlangs; the calculator takes at most ${limit.toLocaleString('en-US')} (as many agents as --agents allows)`;
}

export function sweepNeedsVary(): string {
  return 'a sweep needs at least one --vary PATH=VALUES';
}

export function sweepChartsOneValue(metric: string): string {
  return `'${metric}': a sweep charts one value per variant; name one interval (@09:30) or drop the '@'`;
}

export function emptyShard(index: number, count: number, total: number, what: string): string {
  return `shard ${index}/${count} of ${total} ${what} is empty; use at most ${total} shards`;
}

export function failOnNotThreshold(text: string): string {
  return `'${text}' is not FIGURE<DELTA or FIGURE>DELTA, e.g. "voice.serviceLevel<-0.02" (fail when it drops by more than 0.02)`;
}

/** `suggestion` is suggest.ts's " (did you mean …?)" or ''. */
export function notAFigureOfBothReports(figure: string, suggestion: string): string {
  return `'${figure}' is not a figure of both reports${suggestion}`;
}

/** `check --junit` naming a folder. */
export function junitIsFolder(): string {
  return 'is a folder; --junit names the XML file to write, e.g. reports/junit.xml';
}

/** A path `check` was given that cannot be read; `why` is the reason or the system's code. */
export function unreadablePath(why: string): string {
  return `cannot be read (${why})`;
}

export function linkLoop(): string {
  return 'is a link that leads back to itself (a loop of links)';
}

export function noScenarioFiles(): string {
  return 'holds no scenario file (.yaml, .yml or .json)';
}

export function noTargetToPlanFor(): string {
  return 'no channel has a target: give a channel serviceLevel.target (or a chat responseTarget) for capacity to plan for';
}

export function targetsUnreachable(intervalStart: string, reason: string): string {
  return `the targets cannot be met together in the interval from ${intervalStart} (${reason})`;
}

// ---------------------------------------------------------------- merge

export function mergeNeedsFolders(): string {
  return 'give the shard folders to merge';
}

export function shardOfOtherKind(kind: string, first: string, firstKind: string): string {
  return `is a shard of a ${kind}, ${first} of a ${firstKind}`;
}

export function shardOfOtherScenario(first: string): string {
  return `was made from another scenario text than ${first}`;
}

export function shardOfOtherTraces(first: string): string {
  return `replayed other trace files than ${first}`;
}

export function shardOfOtherCount(index: number, count: number, first: string, firstCount: number): string {
  return `is shard ${index}/${count}, ${first} is one of ${firstCount}`;
}

export function shardWithOtherOptions(first: string): string {
  return `was run with other options than ${first} (--seed, --replications, --vary, --metric or --contacts)`;
}

export function shardTwice(index: number, count: number, other: string): string {
  return `is shard ${index}/${count} again (also ${other})`;
}

export function shardMissing(index: number, count: number): string {
  return `shard ${index}/${count} is missing`;
}

export function traceChangedSinceShards(): string {
  return 'a trace file it replays has changed since the shards ran; merge the shards of a run of the current files';
}

export function shardsMissReplications(replications: number): string {
  return `the shards do not hold replications 0 … ${replications - 1} once each`;
}

export function shardsMissSweepTasks(): string {
  return 'the shards do not hold every (variant, replication) task of the sweep once';
}

// ---------------------------------------------------------------- how a command ends

/** The prefix of every line the program itself writes to stderr. */
export function programLine(text: string): string {
  return `osh-sim: ${text}`;
}

/** After the first screenful of problems: how many more there are. */
export function moreProblems(more: number): string {
  return `… and ${more} more problem${more === 1 ? '' : 's'} (fix these first)`;
}

export function simulationErrorLine(message: string): string {
  return programLine(`simulation error: ${message}`);
}

export function internalErrorLine(message: string): string {
  return programLine(`internal error: ${message}`);
}

export function diskFull(where: string): string {
  return `the disk is full${where}; nothing was written`;
}

export function permissionDenied(where: string): string {
  return `permission denied${where}`;
}

export function readOnlyFileSystem(where: string): string {
  return `read-only file system${where}`;
}

export function interruptedNothingWritten(signal: string): string {
  return programLine(`interrupted (${signal}); no report was written, earlier reports are as they were`);
}

/** Interrupted once the report folders were in place: they are complete and stay. */
export function interruptedAfterWriting(signal: string, folders: readonly string[]): string {
  return programLine(`interrupted (${signal}) after the report was written in full to ${folders.join(', ')}; nothing else was changed`);
}

export function replicationsKept(finished: number): string {
  return `${finished} finished replications are kept; the same command with --resume reuses them`;
}

export function resuming(done: number, total: number): string {
  return `resuming: ${done} of ${total} replications already done`;
}

export function validated(file: string, scenarioName: string): string {
  return `${file}: ok (${scenarioName})`;
}

export function sweepShardWritten(tasks: number, seconds: number, folder: string): string {
  return `sweep shard: ${tasks} tasks in ${seconds.toFixed(2)} s → ${folder} (combine the shards with osh-sim merge)`;
}

export function sweepWritten(variants: number, tasks: number, seconds: number, folder: string): string {
  return `sweep: ${variants} variants, ${tasks} replications in ${seconds.toFixed(2)} s → ${folder}`;
}

export function runShardWritten(scenarioName: string, replications: number, folder: string): string {
  return `${scenarioName}: ${replications} replications of the shard → ${folder} (combine the shards with osh-sim merge)`;
}

export function merged(shards: number, replications: number, kind: string, folder: string): string {
  return `merged ${shards} shards (${replications} replications) of a ${kind} → ${folder}`;
}
