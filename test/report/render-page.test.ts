// A page of charts drawn first thing in a process takes the build's code cache like a single
// chart does: the renderer loads vega before it turns V8's optimising compiler off for the page
// (a code cache is taken only under the flags it was made with), and on again after.
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../src/report/charts.js';
import { rendererOrigin, renderSvg, renderSvgs } from '../../src/report/render.js';
import { reportData } from '../helpers/report-data.js';

describe('a page of charts drawn first in a process', () => {
  it('loads vega with its code cache and draws what single charts draw', async () => {
    const day = buildCharts(reportData({ intervals: 24, startMinute: 480 }));
    const page = await renderSvgs(day);
    expect(await rendererOrigin()).toBe('bundle with code cache');
    expect(page).toHaveLength(day.length);
    for (const [i, chart] of day.entries()) expect(page[i], chart.name).toBe(await renderSvg(chart.spec, chart.name));
  }, 120_000);
});
