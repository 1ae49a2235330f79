// The chart renderer loads vega and vega-lite from the build's one-script bundle with V8's code
// cache for it, and draws exactly what vega and vega-lite from node_modules draw: the bundle's
// stand-in for the optional canvas package changes nothing in an SVG.
import { existsSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { rendererOrigin, renderSvg } from '../../src/report/render.js';
import { reportData } from '../helpers/report-data.js';

async function svgFromNodeModules(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

describe('the chart renderer', () => {
  it('loads the build bundle and takes its code cache', async () => {
    expect(existsSync(new URL('../../dist/vega/vega.cjs', import.meta.url)), 'dist/vega/vega.cjs: run npm run build').toBe(true);
    expect(existsSync(new URL('../../dist/vega/vega.cache', import.meta.url)), 'dist/vega/vega.cache: run npm run build').toBe(true);
    expect(await rendererOrigin()).toBe('bundle with code cache');
  });

  it('draws every chart of a day and of a month as vega from node_modules draws it', async () => {
    const day = buildCharts(reportData({ intervals: 24, startMinute: 480 }));
    const month = buildCharts(reportData({ intervals: 30 * 48 }));
    const names = new Set(month.map((c) => c.name));
    // The month has the long-horizon views (per day, average day, heatmap) the day has not.
    expect([...names]).toEqual(expect.arrayContaining(['days', 'average-day', 'heatmap', 'service-level']));
    // vega numbers gradients with a counter of its own: the bundle's and node_modules' copies
    // draw the same charts in the same order, so their counters agree chart by chart.
    for (const chart of [...day, ...month]) {
      const svg = await renderSvg(chart.spec);
      expect(svg, chart.name).toMatch(/^<svg/);
      expect(svg, chart.name).toBe(await svgFromNodeModules(chart.spec));
    }
  }, 120_000);
});
