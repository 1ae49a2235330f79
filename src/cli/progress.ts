// A progress bar on stderr for runs longer than about two seconds: replications done, the
// simulated time reached, events per second and, for batches, the time left. Shown only on a
// terminal; silent with --quiet, in CI (CI set) or when stderr is a file or a pipe.
import { terminalText } from './console.js';

export interface ProgressOptions {
  readonly total: number;
  /** Simulated seconds of one task (the horizon), to turn simulated time into a fraction. */
  readonly horizonSec: number;
  readonly label: string;
  readonly quiet?: boolean | undefined;
  readonly stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>;
  /** Milliseconds; `performance.now` unless a test drives the clock. */
  readonly clock?: () => number;
  /** Overrides the CI check (tests). */
  readonly ci?: boolean;
}

const DELAY_MS = 2000;
const REDRAW_MS = 150;

export class ProgressBar {
  private readonly stream: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>;
  private readonly enabled: boolean;
  private readonly clock: () => number;
  private readonly started: number;
  private readonly running = new Map<number, { fraction: number; events: number }>();
  private done = 0;
  private doneEvents = 0;
  private lastDraw = 0;
  private shown = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.clock = options.clock ?? (() => performance.now());
    this.started = this.clock();
    const ci = options.ci ?? Boolean(process.env['CI']);
    this.enabled = !options.quiet && this.stream.isTTY === true && !ci;
  }

  get active(): boolean {
    return this.enabled;
  }

  /** A task reports its simulated time and events so far. */
  update(task: number, simulatedSec: number, events: number): void {
    if (!this.enabled) return;
    this.running.set(task, { fraction: Math.min(1, simulatedSec / this.options.horizonSec), events });
    this.draw();
  }

  taskDone(task: number, events: number): void {
    if (!this.enabled) return;
    this.running.delete(task);
    this.done++;
    this.doneEvents += events;
    this.draw();
  }

  /** Clears the bar (the command's own output follows). */
  finish(): void {
    if (this.shown) this.stream.write('\r\u001b[2K');
    this.shown = false;
  }

  private draw(): void {
    const now = this.clock();
    const elapsed = now - this.started;
    if (elapsed < DELAY_MS || now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    let partial = 0;
    let runningEvents = 0;
    let furthest = 0;
    for (const { fraction, events } of this.running.values()) {
      partial += fraction;
      runningEvents += events;
      furthest = Math.max(furthest, fraction);
    }
    const simulatedHours = (furthest * this.options.horizonSec) / 3600;
    const fraction = Math.min(1, (this.done + partial) / this.options.total);
    const width = 24;
    const filled = Math.round(fraction * width);
    const rate = ((this.doneEvents + runningEvents) / elapsed) * 1000;
    const left = fraction > 0.02 ? (elapsed / fraction - elapsed) / 1000 : NaN;
    const line =
      `${terminalText(this.options.label)} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ` +
      `${this.done}/${this.options.total} done · ${(fraction * 100).toFixed(0)} %` +
      (this.running.size > 0 ? ` · simulated ${simulatedHours.toFixed(1)} h` : '') +
      ` · ${formatRate(rate)} events/s` +
      (Number.isFinite(left) ? ` · ${formatDuration(left)} left` : '');
    this.stream.write(`\r\u001b[2K${line.slice(0, (this.stream.columns ?? 100) - 1)}`);
    this.shown = true;
  }
}

function formatRate(rate: number): string {
  return rate >= 1e6 ? `${(rate / 1e6).toFixed(1)} M` : `${Math.round(rate / 1e3)} k`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}
