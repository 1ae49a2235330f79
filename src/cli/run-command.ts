// `osh-sim run <scenario>`: replications → reports/<name>/ (or --out), written into a staged
// folder that replaces the destination only when complete.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { timelineWindow } from '../center/timeline.js';
import { withOverrides } from '../experiments/run.js';
import { StagedFolder, folderName } from '../report/folder.js';
import { renderReportFolder } from '../report/render-report.js';
import { preloadRenderer } from '../report/render.js';
import { type ReportInput, type RunInfo, writeRunJson, writeSummaryFiles } from '../report/summary-files.js';
import { type Scenario, intervalLabel } from '../scenario/model.js';
import { readScenarioText, scenarioFromText } from '../scenario/read.js';
import type { RunSummary } from '../stats/summary.js';
import { summarizeRun } from '../stats/summary.js';
import type { ReplicationResult } from '../stats/metrics.js';
import { renderRunSummary } from './console.js';
import { executeReplications, jobsFor } from './execute.js';
import { ProgressBar } from './progress.js';
import { VERSION } from './version.js';

export interface SimulationOptions {
  out?: string;
  seed?: number;
  replications?: number;
  jobs?: number;
  contacts?: boolean;
  quiet?: boolean;
  /** false (--no-charts): figures only, no charts/ and no report.html. */
  charts?: boolean;
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
  const window = timelineWindow(scenario);
  const hours = (window.to - window.from) / 3600;
  return {
    scenario: scenario.name,
    description: scenario.description,
    timeline: {
      from: window.from,
      to: window.to,
      label: `${intervalLabel(scenario, Math.floor(window.from / scenario.horizon.intervalSec))}, ${hours === 1 ? 'one hour' : `${Math.round(hours * 60)} minutes`}`,
    },
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

export async function runScenario(loaded: LoadedScenario, options: SimulationOptions, command: string): Promise<RunOutcome> {
  const { scenario } = loaded;
  const destination = options.out ?? join('reports', folderName(scenario.name));
  const staged = new StagedFolder(destination, `run-${process.pid}`);
  try {
    const started = performance.now();
    if (options.charts !== false) preloadRenderer();
    const replications = Array.from({ length: scenario.replications }, (_, r) => r);
    const jobs = jobsFor(options.jobs, replications.length);
    const progress = new ProgressBar({ total: replications.length, horizonSec: scenario.horizon.endSec, label: scenario.name, quiet: options.quiet });
    const results = await executeReplications(scenario, replications, {
      jobs,
      logs: { folder: (name) => staged.path(name), contacts: options.contacts === true },
      onProgress: (replication, simulatedSec, events) => progress.update(replication, simulatedSec, events),
      onReplicationDone: (replication, events) => progress.taskDone(replication, events),
    });
    progress.finish();
    staged.removeParts();
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
      jobs,
      contactsSimulated: results.reduce((sum, r) => sum + contactsOf(r), 0),
      peakMemoryMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    writeRunJson((name) => staged.path(name), info);
    if (!results.some((r) => r.ledger.sessionsOpened > 0)) staged.removeFile('sessions.csv');
    if (options.charts !== false) await renderReportFolder(staged.staging);
    staged.commit();
    return { folder: destination, summary, wallTimeSec };
  } finally {
    staged.abandon();
  }
}

export function printRun(outcome: RunOutcome, scenario: Scenario, write: (text: string) => void): void {
  write(renderRunSummary(scenario, outcome));
}

/** Contacts a replication simulated: every arrival (warm-up included) and every elevated contact. */
export function contactsOf(result: ReplicationResult): number {
  return result.ledger.arrived.reduce((a, b) => a + b, 0) + result.ledger.outboundCreated;
}
