// The chart renderer loads vega and vega-lite from the build's one-script bundle with V8's code
// cache for it, and draws exactly what vega and vega-lite from node_modules draw: the bundle's
// stand-in for the optional canvas package changes nothing in an SVG. A chart's SVG depends on
// its spec alone, not on what the process drew before (the workbench draws many reports in one).
import { existsSync } from 'node:fs';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { rendererOrigin, renderSvg, renderSvgs, scopedDefIds } from '../../src/report/render.js';
import { reportData } from '../helpers/report-data.js';

async function svgFromNodeModules(spec: TopLevelSpec): Promise<string> {
  vega.resetSVGDefIds();
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
    for (const chart of [...day, ...month]) {
      const svg = await renderSvg(chart.spec);
      expect(svg, chart.name).toMatch(/^<svg/);
      expect(svg, chart.name).toBe(await svgFromNodeModules(chart.spec));
    }
  }, 120_000);
});

describe('a chart drawn twice in one process', () => {
  const month = buildCharts(reportData({ intervals: 30 * 48 }));
  const heatmap = month.find((c) => c.name === 'heatmap')!;

  it('gives the same bytes the second time, and a page of charts the same bytes again', async () => {
    const first = await renderSvg(heatmap.spec, 'heatmap');
    expect(first).toContain('id="heatmap-gradient_0"');
    expect(await renderSvg(heatmap.spec, 'heatmap')).toBe(first);
    const page = await renderSvgs(month);
    expect(await renderSvgs(month)).toEqual(page);
    expect(page[month.indexOf(heatmap)]).toBe(first);
  }, 120_000);

  it("scopes gradient and clip-path ids by the chart's name, so two charts share a page", async () => {
    const first = await renderSvg(heatmap.spec, 'first');
    const second = await renderSvg(heatmap.spec, 'second');
    expect(first).toContain('url(#first-gradient_0)');
    expect(second).toContain('id="second-gradient_0"');
    expect(second.replaceAll('second-', 'first-')).toBe(first);
    expect(scopedDefIds('<clipPath id="clip7"><rect/></clipPath><g clip-path="url(#clip7)"><text>clip7 id="x"</text></g>', 'waits')).toBe(
      '<clipPath id="waits-clip7"><rect/></clipPath><g clip-path="url(#waits-clip7)"><text>clip7 id="x"</text></g>',
    );
  }, 120_000);
});
