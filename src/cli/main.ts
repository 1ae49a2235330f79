// The osh-sim command line: commander commands that parse arguments, call the rooms that do
// the work and print; how a command ends becomes an exit code in exit.ts. Exports `main(argv)`.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { terminalText, wantsColour } from './console.js';
import { ExitCode, ExpectationsFailed, UsageError, ValidationFailed, reportError } from './exit.js';
import { installInterruptHandlers, interruptibly, whenInterrupted } from './interrupts.js';
import { availableParallelism } from 'node:os';
import { fraction, positiveNumber, precisionOption, wholeNumber } from './options.js';
import { InputError, InputErrors } from '../errors.js';
import { parseShard } from '../experiments/shard.js';
import type { CapacityCommandOptions } from './capacity-command.js';
import type { CheckOptions } from './check-command.js';
import type { CompareOptions } from './compare-command.js';
import type { ErlangOptions } from './erlang-command.js';
import type { ErlangWorkerMessage } from './erlang-worker.js';
import type { ServeOptions } from './serve-command.js';
import type { SweepOptions } from './sweep-command.js';
import type { SimulationOptions } from './run-command.js';
import { REPORT_ON_SHARD, SIMULATION_HELP, SWEEP_METRIC_HELP, reportRendered } from './messages.js';
import { VERSION } from './version.js';
import * as messages from './messages.js';

// Each command's modules (the simulator, the report writers, the chart renderer) are imported
// when that command runs, so `--version`, `--help` and a quick `erlang` start in a few
// milliseconds and a run loads only what it uses.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** `out` is a terminal that shows colours (see wantsColour). */
  readonly colour?: boolean;
  /** `out`'s width in characters, when it is a terminal. */
  readonly columns?: number;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  colour: wantsColour(process.stdout),
  get columns() {
    return process.stdout.isTTY ? process.stdout.columns : undefined;
  },
};

/** --jobs: at most the cores available (more threads only share them and cost memory); said when capped. */
function jobsOption(io: Io): (text: string) => number {
  const parse = wholeNumber('--jobs', 1, 256);
  return (text) => {
    const asked = parse(text);
    const cores = availableParallelism();
    if (asked <= cores) return asked;
    io.err(`${messages.jobsCapped(asked, cores)}\n`);
    return cores;
  };
}

/** --seed, --replications and --jobs: every command that simulates takes them. */
function addReplicationOptions(command: Command, io: Io, replications = "replications (overrides the scenario's)"): Command {
  return command
    .option('--seed <n>', "random seed (overrides the scenario's)", wholeNumber('--seed', 0, 2 ** 32 - 1))
    .option('--replications <n>', replications, wholeNumber('--replications', 1, 10_000))
    .option('--jobs <n>', 'threads (default and at most: the cores available; by default the workers start once the work repays their start)', jobsOption(io))
    .option('--precision <FIGURE=BOUND>', 'run replications in batches until the figure\'s 95 % half-width is within BOUND: voice.serviceLevel=0.01, voice.asa=5% (relative), asa=5% (every channel); repeatable; --replications is then the minimum before the first check (default 10)', precisionOption)
    .option('--max-replications <n>', 'with --precision: stop here even if a figure is still wide (default 1000)', wholeNumber('--max-replications', 2, 10_000));
}

/** Every command that reads a scenario: where its traces may also be read from. */
function addTraceRootOption(command: Command): Command {
  return command.option('--trace-root <dir>', "also read traces below this folder (besides the scenario's own); an absolute trace path needs one (repeatable)", collect);
}

/** What run and sweep share: where to write, replications, charts, shards, traces (help true of each). */
function addSimulationOptions(command: Command, kind: keyof typeof SIMULATION_HELP, io: Io): Command {
  return addReplicationOptions(addTraceRootOption(command.option('--out <dir>', SIMULATION_HELP[kind].out)), io)
    .option('--no-charts', SIMULATION_HELP[kind].noCharts)
    .option('--shard <i/n>', 'run only the i-th of n parts (combine the parts with osh-sim merge)', parseShardOption)
    .option('--quiet', 'no progress and no summary, only errors');
}

function parseShardOption(text: string) {
  try {
    return parseShard(text);
  } catch (error) {
    if (error instanceof InputError) throw new UsageError(messages.badOption('--shard', error.issues[0]!.message));
    throw error;
  }
}

function shrinkage(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= 1) throw new UsageError(messages.notShrinkage(text));
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `commandLine`: how the program was called, recorded in run.json to reproduce the run. */
export function buildProgram(io: Io, commandLine = 'osh-sim'): Command {
  const program = new Command('osh-sim')
    .description('Discrete-event simulator of contact centers with Omnichannel Session Handling')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run osh-sim --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  addSimulationOptions(
    program
      .command('run')
      .description('simulate a scenario and write its report folder')
      .argument('<scenario>', 'scenario file (.yaml or .json)')
      .option('--contacts', 'also write contacts.csv, one row per contact'),
    'run',
    io,
  ).action(async (file: string, options: SimulationOptions) => {
    const { loadScenario, printRun, runScenario } = await import('./run-command.js');
    const loaded = loadScenario(file, options);
    const outcome = await runScenario(loaded, options, commandLine);
    if (!options.quiet) printRun(outcome, loaded.scenario, io.out);
    // A figure left wide at the cap is said even with --quiet: the run is less precise than asked.
    if (outcome.precision?.met === false) io.err(`${messages.programLine(outcome.precision.line)}\n`);
  });

  addTraceRootOption(
    program
      .command('validate')
      .description('check scenario files against the schema and the rules, without simulating')
      .argument('<scenario...>', 'scenario files'),
  ).action(async (files: string[], options: { traceRoot?: string[] }) => {
    const { loadScenario } = await import('./run-command.js');
    const errors: string[] = [];
    for (const file of files) {
      try {
        const { scenario } = loadScenario(file, { traceRoot: options.traceRoot });
        io.out(`${messages.validated(file, terminalText(scenario.name))}\n`);
      } catch (error) {
        // Not spread into push: a file can have 100,000 problems, more than a call's arguments.
        for (const line of messageLines(error)) errors.push(line);
      }
    }
    if (errors.length > 0) throw new ValidationFailed(errors);
  });

  addSimulationOptions(
    program
      .command('sweep')
      .description('what-if grid: every combination of --vary values, in parallel, with common random numbers')
      .argument('<scenario>', 'scenario file')
      .option('--vary <PATH=VALUES>', 'a field and its values: agents.blended.count=40..60:2, osh.attention.discipline=focus,sharing (repeat for a grid)', collect)
      .option('--metric <figure>', SWEEP_METRIC_HELP, collect)
      .option('--resume', 'reuse the replications an interrupted sweep into the same folder finished'),
    'sweep',
    io,
  ).action(async (file: string, options: SweepOptions) => {
    const { renderSweepTable, runSweep } = await import('./sweep-command.js');
    const outcome = await runSweep(file, { ...options, vary: options.vary ?? [], metric: options.metric ?? [] }, (line) => io.err(`${line}\n`));
    for (const line of outcome.precisionLines ?? []) io.err(`${messages.programLine(terminalText(line))}\n`);
    if (!options.quiet) {
      const folder = terminalText(outcome.folder);
      io.out(
        `${outcome.sharded ? messages.sweepShardWritten(outcome.tasks, outcome.wallTimeSec, folder) : messages.sweepWritten(outcome.variants, outcome.tasks, outcome.wallTimeSec, folder)}\n`,
      );
      if (outcome.figures !== null) io.out(`\n${renderSweepTable(outcome.figures, io.columns)}\n`);
    }
  });

  addReplicationOptions(
    program
      .command('check')
      .description('run scenarios and judge their expectations: the CI regression gate (exit 1 on a failure)')
      .argument('<paths...>', 'scenario files or folders of them')
      .option('--junit <file>', 'also write the verdicts as JUnit XML')
      .option('--trace-root <dir>', "also read traces below this folder (besides each scenario's own); an absolute trace path needs one (repeatable)", collect),
    io,
    "replications (overrides the scenarios', for a quick gate)",
  )
    .option('--quiet', 'print only the failures and the summary line')
    .action(async (paths: string[], options: CheckOptions) => {
      const { runCheck } = await import('./check-command.js');
      const { failed } = await runCheck(paths, options, (line) => io.out(`${line}\n`));
      if (failed > 0) throw new ExpectationsFailed();
    });

  program
    .command('compare')
    .description('what changed between two report folders, figure by figure, with significance (Welch)')
    .argument('<baseline>', 'report folder of the baseline run')
    .argument('<current>', 'report folder of the current run')
    .option('--fail-on <threshold>', 'fail (exit 1) when a figure moves past a threshold, e.g. "voice.serviceLevel<-0.02" (repeatable)', collect, [])
    .option('--all', 'list every figure, not only the significant and the watched ones')
    .option('--out <dir>', 'folder for compare.csv and compare.html (default: reports/compare)')
    .action(async (baseline: string, current: string, options: CompareOptions) => {
      const { runCompare } = await import('./compare-command.js');
      const outcome = await runCompare(baseline, current, { ...options, colour: io.colour === true }, (line) => io.out(`${line}\n`));
      if (outcome.failures.length > 0) throw new ExpectationsFailed();
    });

  addReplicationOptions(
    program
      .command('capacity')
      .description('the fewest agents per group and interval meeting every target, by simulation, beside Erlang C')
      .argument('<scenario>', 'scenario file with service-level (and chat response) targets')
      .option('--out <dir>', 'report folder (default: reports/<scenario name>.capacity)')
      .option('--trace-root <dir>', "also read traces below this folder (besides the scenario's own); an absolute trace path needs one (repeatable)", collect),
    io,
    'replications per evaluation (overrides the scenario)',
  )
    .option('--confidence <level>', 'the whole interval at this confidence must meet each target (default: the mean)', fraction('--confidence'))
    .option('--shrinkage <share>', "share of paid time off contacts for groups without their own: required = on-phone / (1 - shrinkage)", shrinkage)
    .option('--max-occupancy <share>', "occupancy cap of every planned group without its own maxOccupancy (e.g. 0.85)", fraction('--max-occupancy'))
    .option('--no-charts', 'write the figures only')
    .option('--quiet', 'no summary, only errors')
    .action(async (file: string, options: CapacityCommandOptions) => {
      const [{ loadScenario }, { runCapacity }, { renderCapacity }] = await Promise.all([import('./run-command.js'), import('./capacity-command.js'), import('./console.js')]);
      const loaded = loadScenario(file, options);
      const outcome = await runCapacity(loaded, options, commandLine);
      if (!options.quiet) io.out(renderCapacity(loaded.scenario, outcome));
    });

  program
    .command('merge')
    .description('combine the shard folders of one run or sweep into what the unsharded command writes')
    .argument('<dirs...>', 'shard folders (written with --shard i/n)')
    .option('--out <dir>', 'report folder (default: that of the unsharded command)')
    .option('--no-charts', 'write the figures only')
    .option('--trace-root <dir>', 'also read the traces below this folder, as the shards did (repeatable)', collect)
    .action(async (dirs: string[], options: { out?: string; charts?: boolean; traceRoot?: string[] }) => {
      const { mergeShards } = await import('./merge-command.js');
      const outcome = await mergeShards(dirs, options, commandLine);
      io.out(`${messages.merged(outcome.shards, outcome.tasks, outcome.kind, terminalText(outcome.folder))}\n`);
    });

  program
    .command('report')
    .description("re-render a folder's charts and page from its data: a run's report.html from its CSV files, a sweep's sweep.html from sweep.json")
    .argument('<dir>', 'a folder written by osh-sim run, capacity, sweep or merge')
    .action(async (dir: string) => {
      const [{ renderReportFolder }, { isSweepFolder, renderSweepFolder }] = await Promise.all([import('../report/render-report.js'), import('../report/render-sweep.js')]);
      if (isSweepFolder(dir)) {
        const charts = await renderSweepFolder(dir);
        io.out(`${reportRendered(terminalText(dir), charts.length, 'sweep.html')}\n`);
        return;
      }
      if (existsSync(join(dir, 'shard.json')) && !existsSync(join(dir, 'summary.json'))) throw new InputError(dir, [{ path: '', message: REPORT_ON_SHARD }]);
      const rendered = await renderReportFolder(dir, {
        whileStaging: (staging) => whenInterrupted(() => rmSync(staging, { recursive: true, force: true })),
      });
      io.out(`${reportRendered(terminalText(dir), rendered.charts.length, 'report.html')}\n`);
    });

  program
    .command('serve')
    .description('the what-if workbench: a local web page to pick or upload a scenario, change figures, run, compare')
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default(4173).argParser(wholeNumber('--port', 0, 65_535)))
    .addOption(new Option('--host <address>', 'address to listen on; anything but the loopback lets other machines reach it').default('127.0.0.1'))
    .option('--open', 'open the page in the default browser')
    .option('--jobs <n>', 'worker threads for runs (default and at most: the cores available)', jobsOption(io))
    .action(async (options: ServeOptions) => {
      const { runServe } = await import('./serve-command.js');
      await runServe(options, (line) => io.out(`${line}\n`));
    });

  program
    .command('schema')
    .description('print the scenario JSON Schema (for editor completion)')
    .action(async () => {
      const { scenarioJsonSchema } = await import('../scenario/schema.js');
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });

  program
    .command('erlang')
    .description('Erlang C (or Erlang A with --patience) for one interval')
    .option('--agents <n>', 'agents staffed', wholeNumber('--agents', 1, 1_000_000))
    .option('--calls <n>', 'contacts per interval', positiveNumber('--calls'))
    .option('--rate <n>', 'contacts per hour', positiveNumber('--rate'))
    .addOption(new Option('--interval <minutes>', 'interval length').default(30).argParser(positiveNumber('--interval')))
    .requiredOption('--aht <seconds>', 'average handle time', positiveNumber('--aht'))
    .addOption(new Option('--threshold <seconds>', 'service-level threshold').default(20).argParser(positiveNumber('--threshold')))
    .option('--patience <seconds>', 'mean patience: Erlang A with abandonment', positiveNumber('--patience'))
    .option('--target <fraction>', 'service-level target: find the agents needed', fraction('--target'))
    .option('--json', 'print JSON')
    .action(async (options: ErlangOptions) => {
      // A search on a huge load can take minutes: it runs on a worker thread the signals can stop.
      const worker = new URL('./erlang-worker.js', import.meta.url);
      if (options.target !== undefined && existsSync(fileURLToPath(worker))) {
        io.out(await erlangOnWorker(worker, options));
        return;
      }
      const { erlangReport } = await import('./erlang-command.js');
      io.out(interruptibly(() => erlangReport(options)));
    });

  return program;
}

function messageLines(error: unknown): string[] {
  // Every line: the whole list is cut to a screenful once, when printed.
  if (error instanceof InputError || error instanceof InputErrors) return error.message.split('\n');
  const lines: string[] = [];
  const code = reportError(error, (line) => lines.push(line));
  if (code !== ExitCode.badInput) throw error;
  return lines;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) installInterruptHandlers((line) => io.err(`${line}\n`));
  const program = buildProgram(io, ['osh-sim', ...argv].join(' '));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    return reportError(error, (line) => io.err(`${line}\n`));
  }
}

/** `erlang` on a worker thread, ended with it when the command is interrupted. */
async function erlangOnWorker(script: URL, options: ErlangOptions): Promise<string> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(script, { workerData: { ...options } });
  const forget = whenInterrupted(() => void worker.terminate());
  try {
    const message = await new Promise<ErlangWorkerMessage>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if ('text' in message) return message.text;
    throw message.error.name === 'UsageError' ? new UsageError(message.error.message) : new Error(message.error.message);
  } finally {
    forget();
    void worker.terminate();
  }
}
