// The osh-sim command line: commander commands that parse arguments, call the rooms that do
// the work and print; how a command ends becomes an exit code in exit.ts. Exports `main(argv)`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { terminalText, wantsColour } from './console.js';
import { type ErlangOptions, erlangReport } from './erlang-command.js';
import { ExitCode, ExpectationsFailed, UsageError, ValidationFailed, reportError } from './exit.js';
import { installInterruptHandlers } from './interrupts.js';
import { fraction, positiveNumber, wholeNumber } from './options.js';
import { InputError } from '../errors.js';
import { parseShard } from '../experiments/sweep.js';
import { renderReportFolder } from '../report/render-report.js';
import { isSweepFolder, renderSweepFolder } from '../report/render-sweep.js';
import { type CapacityCommandOptions, runCapacity } from './capacity-command.js';
import { type CheckOptions, runCheck } from './check-command.js';
import { type CompareOptions, runCompare } from './compare-command.js';
import { renderCapacity } from './console.js';
import { mergeShards } from './merge-command.js';
import { type SweepOptions, renderSweepTable, runSweep } from './sweep-command.js';
import { type SimulationOptions, loadScenario, printRun, runScenario } from './run-command.js';
import { REPORT_ON_SHARD, SIMULATION_HELP, SWEEP_METRIC_HELP, reportRendered } from './messages.js';
import { VERSION } from './version.js';
import * as messages from './messages.js';

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

/** --seed, --replications and --jobs: every command that simulates takes them. */
function addReplicationOptions(command: Command, replications = "replications (overrides the scenario's)"): Command {
  return command
    .option('--seed <n>', "random seed (overrides the scenario's)", wholeNumber('--seed', 0, 2 ** 32 - 1))
    .option('--replications <n>', replications, wholeNumber('--replications', 1, 10_000))
    .option('--jobs <n>', 'worker threads (default: all cores)', wholeNumber('--jobs', 1, 256));
}

/** What run and sweep share: where to write, replications, charts, shards (help true of each). */
function addSimulationOptions(command: Command, kind: keyof typeof SIMULATION_HELP): Command {
  return addReplicationOptions(command.option('--out <dir>', SIMULATION_HELP[kind].out))
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
  ).action(async (file: string, options: SimulationOptions) => {
    const loaded = loadScenario(file, options);
    const outcome = await runScenario(loaded, options, commandLine);
    if (!options.quiet) printRun(outcome, loaded.scenario, io.out);
  });

  program
    .command('validate')
    .description('check scenario files against the schema and the rules, without simulating')
    .argument('<scenario...>', 'scenario files')
    .action((files: string[]) => {
      const errors: string[] = [];
      for (const file of files) {
        try {
          const { scenario } = loadScenario(file, {});
          io.out(`${messages.validated(file, terminalText(scenario.name))}\n`);
        } catch (error) {
          errors.push(...messageLines(error));
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
  ).action(async (file: string, options: SweepOptions) => {
    const outcome = await runSweep(file, { ...options, vary: options.vary ?? [], metric: options.metric ?? [] }, (line) => io.err(`${line}\n`));
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
      .option('--junit <file>', 'also write the verdicts as JUnit XML'),
    "replications (overrides the scenarios', for a quick gate)",
  )
    .option('--quiet', 'print only the failures and the summary line')
    .action(async (paths: string[], options: CheckOptions) => {
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
      const outcome = await runCompare(baseline, current, { ...options, colour: io.colour === true }, (line) => io.out(`${line}\n`));
      if (outcome.failures.length > 0) throw new ExpectationsFailed();
    });

  addReplicationOptions(
    program
      .command('capacity')
      .description('the fewest agents per group and interval meeting every target, by simulation, beside Erlang C')
      .argument('<scenario>', 'scenario file with service-level (and chat response) targets')
      .option('--out <dir>', 'report folder (default: reports/<scenario name>.capacity)'),
    'replications per evaluation (overrides the scenario)',
  )
    .option('--confidence <level>', 'the whole interval at this confidence must meet each target (default: the mean)', fraction('--confidence'))
    .option('--shrinkage <share>', 'share of paid time off contacts: scheduled = required / (1 - shrinkage)', shrinkage)
    .option('--no-charts', 'write the figures only')
    .option('--quiet', 'no summary, only errors')
    .action(async (file: string, options: CapacityCommandOptions) => {
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
    .action(async (dirs: string[], options: { out?: string; charts?: boolean }) => {
      const outcome = await mergeShards(dirs, options, commandLine);
      io.out(`${messages.merged(outcome.shards, outcome.tasks, outcome.kind, terminalText(outcome.folder))}\n`);
    });

  program
    .command('report')
    .description("re-render a folder's charts and page from its data: a run's report.html from its CSV files, a sweep's sweep.html from sweep.json")
    .argument('<dir>', 'a folder written by osh-sim run, capacity, sweep or merge')
    .action(async (dir: string) => {
      if (isSweepFolder(dir)) {
        const charts = await renderSweepFolder(dir);
        io.out(`${reportRendered(terminalText(dir), charts.length, 'sweep.html')}\n`);
        return;
      }
      if (existsSync(join(dir, 'shard.json')) && !existsSync(join(dir, 'summary.json'))) throw new InputError(dir, [{ path: '', message: REPORT_ON_SHARD }]);
      const rendered = await renderReportFolder(dir);
      io.out(`${reportRendered(terminalText(dir), rendered.charts.length, 'report.html')}\n`);
    });

  program
    .command('schema')
    .description('print the scenario JSON Schema (for editor completion)')
    .action(() => io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`));

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
    .action((options: ErlangOptions) => io.out(erlangReport(options)));

  return program;
}

function messageLines(error: unknown): string[] {
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
