// The chart helper: a second thread that draws a share of a page's charts beside the main
// thread. It starts the compiled worker (dist/report/chart-worker.js), so the test takes the
// build's module for it, and compares what the two threads draw with one thread drawing alone.
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { type ChartHelper, type ChartToDraw, renderSvgs } from '../../src/report/render.js';
import { reportData } from '../helpers/report-data.js';

type Renderer = typeof import('../../src/report/render.js');
const built = (await import(new URL('../../dist/report/render.js', import.meta.url).href)) as Renderer;

const month = buildCharts(reportData({ intervals: 30 * 48 }));
const day = buildCharts(reportData({ intervals: 24, startMinute: 480 }));

/** A helper whose thread has vega loaded: it takes a chart as soon as a page comes. */
async function readyHelper(): Promise<ChartHelper> {
  const helper = built.ChartHelper.start();
  if (helper === null) throw new Error('dist/report/chart-worker.js: run npm run build');
  expect(await helper.ready).toBe(true);
  return helper;
}

describe('the chart helper', () => {
  it('draws a share of each page, and the page is byte for byte what one thread draws', async () => {
    const helper = await readyHelper();
    try {
      for (const page of [month, day]) {
        const shared = await built.renderSvgs(page, helper);
        // The main thread takes the first chart before the helper hears of the page.
        expect(helper.helped).toBeGreaterThan(0);
        expect(helper.helped).toBeLessThan(page.length);
        expect(shared).toEqual(await renderSvgs(page));
      }
    } finally {
      await helper.close();
    }
  }, 120_000);

  it('draws on the main thread a chart the helper took when its thread died', async () => {
    process.env['OSH_SIM_FAULT'] = 'chart-helper-exit';
    let helper;
    try {
      helper = await readyHelper();
    } finally {
      delete process.env['OSH_SIM_FAULT'];
    }
    try {
      expect(await built.renderSvgs(day, helper)).toEqual(await renderSvgs(day));
      expect(helper.helped).toBe(0);
    } finally {
      await helper.close();
    }
  }, 120_000);

  it("fails the page with the first failing chart's warning, whichever thread drew it", async () => {
    // vega-lite drops a shape encoding on bars, with a warning: a chart of the report never does.
    const warning: TopLevelSpec = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' }, shape: { field: 'a', type: 'nominal' } } };
    // The main thread draws the month's first chart; the helper takes the next, which warns.
    const page: ChartToDraw[] = [month[0]!, ...Array.from({ length: 4 }, (_, i) => ({ name: `bad-${i}`, spec: warning }))];
    const helper = await readyHelper();
    try {
      const failure = await built.renderSvgs(page, helper).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(built.ChartWarning);
      expect(String((failure as Error).message)).toMatch(/shape/);
      expect(helper.helped).toBeGreaterThan(0);
    } finally {
      await helper.close();
    }
  }, 120_000);
});
