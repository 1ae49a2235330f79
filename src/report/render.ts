// Renders vega-lite specs to SVG in Node with vega's headless renderer (no browser, no canvas):
// compile to vega, run the dataflow, serialise the scenegraph. Vega is loaded on the first chart
// drawn, so commands that draw nothing do not pay for it. Exports `renderSvg`.
import type { TopLevelSpec } from 'vega-lite';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
let libraries: Promise<[Vega, VegaLite]> | undefined;

function load(): Promise<[Vega, VegaLite]> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  return libraries;
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

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
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
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
