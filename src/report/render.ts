// Renders vega-lite specs to SVG in Node with vega's headless renderer (no browser, no canvas):
// compile to vega, run the dataflow, serialise the scenegraph. Vega is loaded on the first chart
// drawn, so commands that draw nothing do not pay for it. Exports `renderSvg`, `renderSvgs`,
// `scopedDefIds`, `preloadRenderer`, `rendererOrigin`, `keepOptimisingWhileDrawing`,
// `optimisingWhileDrawing`, and `ChartHelper` with its messages (a thread drawing beside the main one).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import { readSealedCache, writeSealedCache } from './code-cache.js';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let libraries: Promise<[Vega, VegaLite]> | undefined;

/** Where the chart libraries came from: the build's bundle (its code cache taken or not), or node_modules. */
export type RendererOrigin = 'bundle with code cache' | 'bundle' | 'node_modules';
let origin: RendererOrigin | undefined;

// The build's one-script bundle of vega and vega-lite and V8's code cache for it
// (scripts/build-vega.mjs): the same from src/report/, dist/report/ and dist/bundle/.
const bundlePath = fileURLToPath(new URL('../../dist/vega/vega.cjs', import.meta.url));
const codeCachePath = fileURLToPath(new URL('../../dist/vega/vega.cache', import.meta.url));

/**
 * vega and vega-lite from the build's bundle, compiled from its code cache when the cache was
 * made by this Node: about a quarter of the time of loading them from node_modules, and the
 * functions the charts call are compiled already when the first chart is drawn. Without a
 * build, from node_modules.
 */
function loadBundle(): [Vega, VegaLite] | undefined {
  if (!existsSync(bundlePath)) return undefined;
  // The bundle is ASCII (esbuild escapes the rest): read as Latin-1, it skips UTF-8 decoding.
  const bytes = readFileSync(bundlePath);
  const cachedData = readSealedCache(codeCachePath, bytes);
  const script = new Script(`(function (exports, require, module) {${bytes.toString('latin1')}\n})`, { filename: bundlePath, cachedData });
  const bundle = { exports: {} as { vega: Vega; vegaLite: VegaLite } };
  (script.runInThisContext() as (exports: object, require: NodeRequire, module: object) => void)(
    bundle.exports,
    createRequire(bundlePath),
    bundle,
  );
  // The build records the cache at the end of a run that drew every kind of chart.
  const recordTo = process.env.OSH_SIM_CHART_CODE_CACHE_OUT;
  if (recordTo !== undefined && recordTo !== '') process.once('exit', () => writeSealedCache(recordTo, bytes, script.createCachedData()));
  origin = cachedData !== undefined && !script.cachedDataRejected ? 'bundle with code cache' : 'bundle';
  return [bundle.exports.vega, bundle.exports.vegaLite];
}

function load(): Promise<[Vega, VegaLite]> {
  libraries ??= Promise.resolve().then(() => {
    const bundled = loadBundle();
    if (bundled !== undefined) return bundled;
    origin = 'node_modules';
    return Promise.all([import('vega'), import('vega-lite')]);
  });
  return libraries;
}

/** How the chart libraries were loaded (after the first chart), for tests and diagnostics. */
export async function rendererOrigin(): Promise<RendererOrigin> {
  await load();
  return origin ?? 'node_modules';
}

/**
 * Starts loading vega while a run simulates (its replications leave the main thread idle at
 * times), so drawing does not wait for it. A failure to load comes back when a chart is drawn.
 */
export function preloadRenderer(): void {
  load().catch(() => undefined);
}

/** A chart whose spec does not compile cleanly is a bug: warnings fail the rendering. */
export class ChartWarning extends Error {}

/**
 * A chart's SVG. The ids of its gradients and clip paths start afresh for each chart and carry
 * `scope` (the chart's name): an SVG depends on its spec alone, not on what the process drew
 * before (the workbench draws many reports in one process), and several SVGs can share a page.
 */
export async function renderSvg(spec: TopLevelSpec, scope?: string): Promise<string> {
  const [vega, vegaLite] = await load();
  const warnings: string[] = [];
  const record = (...args: readonly unknown[]) => {
    warnings.push(args.map(String).join(' '));
    return logger;
  };
  const logger = { level: () => 0, error: record, warn: record, info: () => logger, debug: () => logger };
  const compiled = vegaLite.compile(spec, { logger: logger as never }).spec;
  if (warnings.length > 0) throw new ChartWarning(`vega-lite: ${warnings.join('; ')}`);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    vega.resetSVGDefIds();
    const svg = await view.toSVG();
    return scope === undefined ? svg : scopedDefIds(svg, scope);
  } finally {
    view.finalize();
  }
}

/** Gradient and clip-path ids (`gradient_0`, `clip1`) and their references prefixed by the scope. */
export function scopedDefIds(svg: string, scope: string): string {
  const prefix = scope.replace(/[^A-Za-z0-9_-]/g, '_');
  return svg.replace(/(\bid="|url\(#)((?:gradient_|clip)\d+)/g, `$1${prefix}-$2`);
}

export interface ChartToDraw {
  readonly name: string;
  readonly spec: TopLevelSpec;
}

let optimiseWhileDrawing = false;

/**
 * For a process that draws charts while other work runs beside it (the workbench: runs
 * simulating on worker threads while a report is drawn). See `renderSvgs`.
 */
export function keepOptimisingWhileDrawing(): void {
  optimiseWhileDrawing = true;
}

/** Whether V8's optimising compiler stays on while a page of charts is drawn (`renderSvgs`). */
export function optimisingWhileDrawing(): boolean {
  return optimiseWhileDrawing;
}

/**
 * The SVGs of a page's charts, in their order, each scoped by its chart's name; with a
 * `helper`, the main thread and the helper's take the charts between them.
 *
 * A command draws its charts once, as its last work, and vega's code is large and runs briefly:
 * V8's optimising compiler (TurboFan) spends more compiling vega's functions than the optimised
 * code saves before the process ends (a month's 11 charts: about 0.89 s with it, 0.71 s without,
 * and half a second less CPU time, most of it the compiler's own threads). So TurboFan is off while a page's charts
 * are drawn, and on again after. V8's flags belong to the process, so a process with other work
 * running beside the drawing keeps it on (`keepOptimisingWhileDrawing`). Code already optimised
 * stays so; which compiler runs a function never changes what it computes.
 */
export async function renderSvgs(charts: readonly ChartToDraw[], helper?: ChartHelper): Promise<string[]> {
  // Loaded first: V8 takes a code cache only from a process whose flags are those that made it.
  await load();
  if (!optimiseWhileDrawing) setFlagsFromString('--no-turbofan');
  try {
    if (helper !== undefined && charts.length > 1) return await helper.drawWith(charts);
    const svgs: string[] = [];
    for (const chart of charts) svgs.push(await renderSvg(chart.spec, chart.name));
    return svgs;
  } finally {
    if (!optimiseWhileDrawing) setFlagsFromString('--turbofan');
  }
}

/** A page sent to the chart helper: its charts, and the index of the next one not yet taken. */
export interface ChartPage {
  readonly id: number;
  readonly charts: readonly ChartToDraw[];
  /** Shared with the helper's thread: each side takes the next chart with Atomics.add. */
  readonly next: Int32Array;
}

/** What the chart helper's thread posts back. */
export type ChartHelperMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'svg'; readonly page: number; readonly index: number; readonly svg: string }
  | { readonly kind: 'error'; readonly page: number; readonly index: number; readonly name: string; readonly message: string; readonly warning: boolean };

/** The compiled helper entry beside this module (dist/report/ and the command line's dist/bundle/). */
const CHART_WORKER = new URL('./chart-worker.js', import.meta.url);

/**
 * A second thread that draws charts beside the main thread. A run starts it as it starts
 * simulating, so the helper loads vega on the other core meanwhile; when the page is drawn,
 * both threads take its charts in turn through a shared counter, each drawing on its own
 * copy of vega (a chart's SVG depends on its spec alone, so which thread drew it changes no
 * byte). The helper takes charts only once vega is loaded, so a page never waits for it to
 * start; a chart it took and could not finish (its thread died) is drawn on the main thread.
 * Drawing is vega's own cold code, about 25 ms a chart, and each thread pays its own first
 * chart, so two threads take about three quarters of one thread's time (on two cores, mmc-100's
 * 8 charts 0.24 s → 0.18 s, a month's 11 0.43 s → 0.34 s).
 */
export class ChartHelper {
  private readonly worker: Worker;
  private pages = 0;
  /** The page being drawn: its SVGs and failures as they come back. */
  private current: { readonly id: number; readonly svgs: (string | undefined)[]; readonly failures: Map<number, Error> } | null = null;
  private wake: (() => void) | null = null;
  private alive = true;
  /** Charts of the last page the helper drew or tried (the rest the main thread did). */
  helped = 0;
  /** True once the helper has vega loaded and takes charts; false if its thread ended first. */
  readonly ready: Promise<boolean>;
  private becomeReady: (ready: boolean) => void = () => undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    this.ready = new Promise((resolve) => (this.becomeReady = resolve));
    // Never what keeps a process running: it ends with the command.
    worker.unref();
    worker.on('message', (message: ChartHelperMessage) => this.receive(message));
    const gone = () => {
      this.alive = false;
      this.becomeReady(false);
      this.wake?.();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  /**
   * A helper, or null where there is no compiled helper to start (running from the sources), and
   * while the build records vega's code cache: the main thread must then draw every chart.
   */
  static start(): ChartHelper | null {
    const recording = process.env.OSH_SIM_CHART_CODE_CACHE_OUT;
    if ((recording !== undefined && recording !== '') || !existsSync(fileURLToPath(CHART_WORKER))) return null;
    try {
      return new ChartHelper(new Worker(CHART_WORKER));
    } catch {
      return null;
    }
  }

  /**
   * Stops the helper's thread (after a page, or when the command ends without one), resolved
   * once the thread has ended (one busy compiling vega ends when that call returns), so the
   * command ends with nothing of it left to stop.
   */
  async close(): Promise<void> {
    this.alive = false;
    this.becomeReady(false);
    await this.worker.terminate();
  }

  private receive(message: ChartHelperMessage): void {
    if (message.kind === 'ready') {
      this.becomeReady(true);
      return;
    }
    const page = this.current;
    if (page === null || message.page !== page.id) return;
    this.helped++;
    if (message.kind === 'svg') page.svgs[message.index] = message.svg;
    else page.failures.set(message.index, message.warning ? new ChartWarning(message.message) : Object.assign(new Error(message.message), { name: message.name }));
    this.wake?.();
  }

  /** The page's SVGs in order, drawn by both threads; the first failure by chart order is thrown. */
  async drawWith(charts: readonly ChartToDraw[]): Promise<string[]> {
    const page: ChartPage = { id: ++this.pages, charts, next: new Int32Array(new SharedArrayBuffer(4)) };
    const current = { id: page.id, svgs: new Array<string | undefined>(charts.length), failures: new Map<number, Error>() };
    this.current = current;
    this.helped = 0;
    const drawHere = async (index: number) => {
      const chart = charts[index]!;
      try {
        current.svgs[index] = await renderSvg(chart.spec, chart.name);
      } catch (error) {
        current.failures.set(index, error instanceof Error ? error : new Error(String(error)));
      }
    };
    try {
      if (this.alive) this.worker.postMessage(page);
      for (;;) {
        const index = Atomics.add(page.next, 0, 1);
        if (index >= charts.length) break;
        await drawHere(index);
      }
      // The charts the helper took: wait for them, or draw them here if its thread is gone.
      const missing = () => charts.findIndex((_, i) => current.svgs[i] === undefined && !current.failures.has(i));
      for (let index = missing(); index >= 0; index = missing()) {
        if (this.alive) await new Promise<void>((resolve) => (this.wake = resolve));
        else await drawHere(index);
      }
    } finally {
      this.wake = null;
      this.current = null;
    }
    const failed = [...current.failures.keys()].sort((a, b) => a - b)[0];
    if (failed !== undefined) throw current.failures.get(failed)!;
    return current.svgs as string[];
  }
}
