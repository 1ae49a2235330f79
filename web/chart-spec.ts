// How the workbench draws the report's chart specs in the page: the same specs, with a tooltip
// on every mark and invisible points on lines and areas to hover. Exports `withTooltipsEverywhere`.
import type { TopLevelSpec } from 'vega-lite';

/**
 * The report's spec with a tooltip on every mark (from its encoding, unless the spec names its
 * own), and transparent points on lines and areas so each interval's value can be hovered. The
 * points are an overlay of opacity 0 given as an object: vega-lite reads `point: 'transparent'`
 * only on a mark, and from the config it drew visible dots (on a band's lower edge, a second
 * series to the eye). A line whose spec draws its points keeps them.
 */
export function withTooltipsEverywhere(spec: TopLevelSpec): TopLevelSpec {
  const config = (spec as { config?: Record<string, unknown> }).config ?? {};
  const merged = (key: string, extra: Record<string, unknown>) => ({ ...((config[key] as object | undefined) ?? {}), ...extra });
  const hoverOnly = { point: { opacity: 0 } };
  return {
    ...spec,
    config: { ...config, mark: merged('mark', { tooltip: true }), line: merged('line', hoverOnly), area: merged('area', hoverOnly) },
  } as TopLevelSpec;
}
