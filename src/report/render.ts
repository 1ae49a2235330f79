// Renders vega-lite specs to SVG in Node with vega's headless renderer (no browser, no canvas):
// compile to vega, run the dataflow, serialise the scenegraph. Vega is loaded on the first chart
// drawn, so commands that draw nothing do not pay for it. Exports `renderSvg`, `renderSvgs`,
// `scopedDefIds`, `preloadRenderer`, `rendererOrigin`, `keepOptimisingWhileDrawing` and
// `optimisingWhileDrawing`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
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
 * The SVGs of a page's charts, in their order, each scoped by its chart's name.
 *
 * A command draws its charts once, as its last work, and vega's code is large and runs briefly:
 * V8's optimising compiler (TurboFan) spends more compiling vega's functions than the optimised
 * code saves before the process ends (a month's 11 charts: about 0.89 s with it, 0.71 s without,
 * and half a second less CPU time, most of it the compiler's own threads). So TurboFan is off while a page's charts
 * are drawn, and on again after. V8's flags belong to the process, so a process with other work
 * running beside the drawing keeps it on (`keepOptimisingWhileDrawing`). Code already optimised
 * stays so; which compiler runs a function never changes what it computes.
 */
export async function renderSvgs(charts: readonly ChartToDraw[]): Promise<string[]> {
  const svgs: string[] = [];
  // Loaded first: V8 takes a code cache only from a process whose flags are those that made it.
  await load();
  if (!optimiseWhileDrawing) setFlagsFromString('--no-turbofan');
  try {
    for (const chart of charts) svgs.push(await renderSvg(chart.spec, chart.name));
  } finally {
    if (!optimiseWhileDrawing) setFlagsFromString('--turbofan');
  }
  return svgs;
}
