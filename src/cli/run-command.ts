// `osh-sim run <scenario>`: replications → reports/<name>/ (or --out), written into a staged
// folder that replaces the destination only when complete.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runReplications, withOverrides } from '../experiments/run.js';
import { LogFiles } from '../report/logs.js';
import { StagedFolder, folderName } from '../report/folder.js';
import { type ReportInput, type RunInfo, writeRunJson, writeSummaryFiles } from '../report/summary-files.js';
import { type Scenario, intervalLabel } from '../scenario/model.js';
import { readScenarioText, scenarioFromText } from '../scenario/read.js';
import type { RunSummary } from '../stats/summary.js';
import { summarizeRun } from '../stats/summary.js';
import { renderRunSummary } from './console.js';
import { VERSION } from './version.js';

export interface SimulationOptions {
  out?: string;
  seed?: number;
  replications?: number;
  jobs?: number;
  contacts?: boolean;
  quiet?: boolean;
}

export interface LoadedScenario {
  readonly file: string;
  readonly text: string;
  readonly scenario: Scenario;
}

export function loadScenario(file: string, options: SimulationOptions): LoadedScenario {
  const text = readScenarioText(file);
  const scenario = withOverrides(scenarioFromText(text, file), { seed: options.seed, replications: options.replications });
  return { file, text, scenario };
}

export function reportInput(scenario: Scenario, summary: RunSummary): ReportInput {
  const targets: ReportInput['targets'] = Object.fromEntries(
    scenario.channels.map((c) => [
      c.name,
      {
        serviceLevelTarget: c.serviceLevel.target,
        serviceLevelThresholdSec: c.serviceLevel.thresholdSec,
        responseThresholdSec: Number.isFinite(c.responseThresholdSec) ? c.responseThresholdSec : null,
      },
    ]),
  );
  return {
    scenario: scenario.name,
    seed: scenario.seed,
    replications: scenario.replications,
    intervalLabels: Array.from({ length: scenario.horizon.intervals }, (_, k) => intervalLabel(scenario, k)),
    targets,
    summary,
  };
}

export interface RunOutcome {
  readonly folder: string;
  readonly summary: RunSummary;
  readonly wallTimeSec: number;
}

export function runScenario(loaded: LoadedScenario, options: SimulationOptions, command: string): RunOutcome {
  const { scenario } = loaded;
  const destination = options.out ?? join('reports', folderName(scenario.name));
  const staged = new StagedFolder(destination, `run-${process.pid}`);
  try {
    const started = performance.now();
    const logs = new LogFiles(options.contacts ? staged.path('contacts.csv') : null, staged.path('sessions.csv'));
    const results = runReplications(scenario, { openLog: () => logs });
    logs.close();
    const summary = summarizeRun(results);
    const wallTimeSec = (performance.now() - started) / 1000;
    writeSummaryFiles((name) => staged.path(name), reportInput(scenario, summary));
    const info: RunInfo = {
      version: VERSION,
      scenarioFile: loaded.file,
      scenarioSha256: createHash('sha256').update(loaded.text).digest('hex'),
      seed: scenario.seed,
      replications: scenario.replications,
      command,
      wallTimeSec: Math.round(wallTimeSec * 1000) / 1000,
      eventsSimulated: summary.events,
      node: process.version,
      jobs: 1,
    };
    writeRunJson((name) => staged.path(name), info);
    if (logs.sessionRows === 0) staged.removeFile('sessions.csv');
    staged.commit();
    return { folder: destination, summary, wallTimeSec };
  } finally {
    staged.abandon();
  }
}

export function printRun(outcome: RunOutcome, scenario: Scenario, write: (text: string) => void): void {
  write(renderRunSummary(scenario, outcome));
}
