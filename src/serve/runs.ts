// The workbench's runs: a queue in front of one worker pool (the command line's), one run at a
// time, taken in turn from the browser tabs waiting (so one tab's queue cannot starve
// another's), each cancellable, each written as a report folder by `runScenario` exactly as
// `osh-sim run` writes it. Lifecycle: queued → running → done | failed | cancelled.
// Exports `RunQueue`, `TabQueueFull`.
import { randomUUID } from 'node:crypto';
import { type LoadedScenario, runScenario } from '../cli/run-command.js';
import { type ReplicationPool, replicationPool } from '../cli/execute.js';
import { compareSummaries } from '../cli/compare-command.js';
import { reportError } from '../cli/exit.js';
import { buildCharts, chartScope } from '../report/charts.js';
import { type ReportData, readReportFolder } from '../report/folder-data.js';
import { folderName } from '../report/folder.js';
import { groupTable, sessionLine, skillTileGroups, tiles } from '../report/html.js';
import type { RunsFolder } from '../report/runs-folder.js';
import type { ComparisonResult, RunEvent, RunResult, RunState } from './api.js';
import { runCancelled } from './messages.js';

/** Runs a tab may have waiting besides the one running. */
export const MAX_WAITING_PER_TAB = 3;
/** Finished runs kept (with their folders) for showing, comparing and downloading. */
export const KEPT_RUNS = 24;

export class TabQueueFull extends Error {}

interface Run {
  readonly id: string;
  readonly tab: string;
  readonly loaded: LoadedScenario;
  readonly whatIfs: readonly { label: string; value: string }[];
  readonly folder: string;
  readonly controller: AbortController;
  readonly listeners: Set<(event: RunEvent) => void>;
  /** Progress inside each replication, 0…1. */
  readonly progress: Map<number, number>;
  state: RunState;
  replicationsDone: number;
  message: string | null;
  wallTimeSec: number;
  data: ReportData | null;
  lastSent: number;
}

export class RunQueue {
  private readonly runs = new Map<string, Run>();
  private readonly waiting: Run[] = [];
  private running: Run | null = null;
  private lastTab: string | null = null;
  private pool: ReplicationPool | null = null;
  private stopped = false;

  constructor(
    private readonly folders: RunsFolder,
    private readonly jobs: number,
    private readonly commandLine: (loaded: LoadedScenario) => string,
  ) {}

  /** Queues a run for a tab; throws TabQueueFull when the tab has too many waiting. */
  submit(tab: string, loaded: LoadedScenario, whatIfs: readonly { label: string; value: string }[]): { id: string; ahead: number } {
    if (this.waiting.filter((r) => r.tab === tab).length >= MAX_WAITING_PER_TAB) throw new TabQueueFull();
    const id = randomUUID();
    const run: Run = {
      id,
      tab,
      loaded,
      whatIfs,
      folder: this.folders.folderOf(id),
      controller: new AbortController(),
      listeners: new Set(),
      progress: new Map(),
      state: 'queued',
      replicationsDone: 0,
      message: null,
      wallTimeSec: 0,
      data: null,
      lastSent: 0,
    };
    this.runs.set(id, run);
    this.waiting.push(run);
    const ahead = this.ahead(run);
    setImmediate(() => this.next());
    return { id, ahead };
  }

  has(id: string): boolean {
    return this.runs.has(id);
  }

  event(id: string): RunEvent | undefined {
    const run = this.runs.get(id);
    return run === undefined ? undefined : this.eventOf(run);
  }

  /** Calls `listener` with every state change of the run from now on; returns the unsubscription. */
  subscribe(id: string, listener: (event: RunEvent) => void): () => void {
    const run = this.runs.get(id);
    if (run === undefined) return () => {};
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  /** Cancels a queued or running run; false when it is unknown or already over. */
  cancel(id: string): boolean {
    const run = this.runs.get(id);
    if (run === undefined || (run.state !== 'queued' && run.state !== 'running')) return false;
    if (run.state === 'queued') {
      this.waiting.splice(this.waiting.indexOf(run), 1);
      this.finish(run, 'cancelled', runCancelled());
    } else {
      run.controller.abort(new Error(runCancelled()));
    }
    return true;
  }

  /** Stops everything now (a signal): cancels every run; returns how many were queued or running. */
  stop(): number {
    this.stopped = true;
    const active = [...this.waiting, ...(this.running ? [this.running] : [])];
    for (const run of active) this.cancel(run.id);
    this.pool?.close();
    return active.length;
  }

  /** A finished run's report folder, or undefined. */
  folderOf(id: string): { folder: string; name: string } | undefined {
    const run = this.runs.get(id);
    return run?.state === 'done' ? { folder: run.folder, name: folderName(run.loaded.scenario.name) } : undefined;
  }

  /** A finished run as the page shows it; undefined when unknown, the state when not done. */
  result(id: string): RunResult | RunState | undefined {
    const run = this.runs.get(id);
    if (run === undefined) return undefined;
    if (run.state !== 'done' || run.data === null) return run.state;
    const data = run.data;
    return {
      id,
      scenario: data.summary.scenario,
      seed: data.summary.seed,
      replications: data.summary.replications,
      wallTimeSec: run.wallTimeSec,
      whatIfs: run.whatIfs,
      tilesHtml: tiles(data, chartScope(data)),
      skillsHtml: skillTileGroups(data, chartScope(data)),
      groupsHtml: groupTable(data),
      sessionsHtml: sessionLine(data),
      charts: buildCharts(data).map((c) => ({ name: c.name, title: c.title, spec: c.spec })),
    };
  }

  /** Figure by figure with Welch's t, as `osh-sim compare` does; undefined unless both are done. */
  compare(baselineId: string, currentId: string): ComparisonResult | undefined {
    const baseline = this.runs.get(baselineId)?.data;
    const current = this.runs.get(currentId)?.data;
    if (!baseline || !current) return undefined;
    const rows = compareSummaries(baseline.summary, current.summary).map((c) => ({
      figure: c.figure,
      baseline: c.baseline.mean,
      baselineCi95: c.baseline.ci95,
      current: c.current.mean,
      currentCi95: c.current.ci95,
      difference: c.test.difference,
      p: Number.isFinite(c.test.p) ? c.test.p : null,
      significant: c.significant,
      verdict: c.verdict,
    }));
    return { baseline: baselineId, current: currentId, sameSeed: baseline.summary.seed === current.summary.seed, rows };
  }

  private ahead(run: Run): number {
    return this.waiting.indexOf(run) + (this.running === null ? 0 : 1);
  }

  /** The next run: the longest waiting from a tab other than the last one served, if any. */
  private pick(): Run | undefined {
    const index = this.waiting.findIndex((r) => r.tab !== this.lastTab);
    return this.waiting.splice(index < 0 ? 0 : index, 1)[0];
  }

  private next(): void {
    if (this.running !== null || this.stopped) return;
    const run = this.pick();
    if (run === undefined) return;
    this.running = run;
    this.lastTab = run.tab;
    run.state = 'running';
    this.broadcastAll();
    void this.execute(run).finally(() => {
      this.running = null;
      this.broadcastAll();
      this.next();
    });
  }

  private async execute(run: Run): Promise<void> {
    if (this.pool === null || this.pool.isClosed) this.pool = replicationPool(this.jobs, true);
    const horizonSec = run.loaded.scenario.horizon.endSec;
    try {
      const outcome = await runScenario(run.loaded, { out: run.folder, quiet: true }, this.commandLine(run.loaded), {
        pool: this.pool,
        signal: run.controller.signal,
        onProgress: (replication, simulatedSec) => {
          run.progress.set(replication, Math.min(1, simulatedSec / horizonSec));
          this.broadcast(run, false);
        },
        onReplicationDone: (done) => {
          run.replicationsDone = done;
          this.broadcast(run, false);
        },
      });
      // Cancelled while the charts were drawn: the run is over all the same.
      run.controller.signal.throwIfAborted();
      run.wallTimeSec = outcome.wallTimeSec;
      run.data = readReportFolder(run.folder);
      this.finish(run, 'done', null);
    } catch (error) {
      if (run.controller.signal.aborted) {
        this.finish(run, 'cancelled', runCancelled());
      } else {
        const lines: string[] = [];
        reportError(error, (line) => lines.push(line));
        this.finish(run, 'failed', lines.join('\n'));
      }
    }
  }

  private finish(run: Run, state: RunState, message: string | null): void {
    run.state = state;
    run.message = message;
    if (state !== 'done') this.folders.remove(run.id);
    this.broadcast(run, true);
    this.forgetOld();
  }

  /** Keeps the latest finished runs; older ones (and their folders) go. */
  private forgetOld(): void {
    const over = [...this.runs.values()].filter((r) => r.state !== 'queued' && r.state !== 'running');
    for (const run of over.slice(0, Math.max(0, over.length - KEPT_RUNS))) {
      this.runs.delete(run.id);
      this.folders.remove(run.id);
    }
  }

  private eventOf(run: Run): RunEvent {
    const total = run.loaded.scenario.replications;
    let inside = 0;
    for (const share of run.progress.values()) inside += share;
    const fraction = run.state === 'done' ? 1 : Math.min(1, Math.max(inside, run.replicationsDone) / total);
    return {
      id: run.id,
      state: run.state,
      ahead: run.state === 'queued' ? this.ahead(run) : 0,
      replicationsDone: run.replicationsDone,
      replications: total,
      fraction,
      message: run.message,
    };
  }

  /** Sends the run's state to its listeners; progress at most ten times a second. */
  private broadcast(run: Run, always: boolean): void {
    const now = performance.now();
    if (!always && now - run.lastSent < 100) return;
    run.lastSent = now;
    const event = this.eventOf(run);
    for (const listener of run.listeners) listener(event);
  }

  /** Queue positions changed: every waiting run (and the running one) says so. */
  private broadcastAll(): void {
    for (const run of this.waiting) this.broadcast(run, true);
    if (this.running !== null) this.broadcast(this.running, true);
  }
}
