// Charts and report.html for a report folder, built from its files alone: each chart's
// vega-lite spec (charts/<name>.vl.json) and its SVG (charts/<name>.svg), then the page.
// New files are written beside the old ones and renamed over them, so a folder is never
// left half re-rendered. Exports `renderReportFolder`.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCharts } from './charts.js';
import { readReportFolder } from './folder-data.js';
import { reportHtml } from './html.js';
import { renderSvg } from './render.js';

export interface RenderedReport {
  readonly charts: readonly string[];
}

export async function renderReportFolder(folder: string): Promise<RenderedReport> {
  const data = readReportFolder(folder);
  const charts = buildCharts(data);
  const rendered = [];
  for (const chart of charts) rendered.push({ chart, svg: await renderSvg(chart.spec) });
  const staging = join(folder, '.charts.partial');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  try {
    for (const { chart, svg } of rendered) {
      writeFileSync(join(staging, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      writeFileSync(join(staging, `${chart.name}.svg`), svg);
    }
    writeFileSync(join(folder, '.report.html.partial'), reportHtml(data, rendered));
    const chartsDir = join(folder, 'charts');
    if (existsSync(chartsDir)) rmSync(chartsDir, { recursive: true, force: true });
    renameSync(staging, chartsDir);
    renameSync(join(folder, '.report.html.partial'), join(folder, 'report.html'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(join(folder, '.report.html.partial'), { force: true });
  }
  return { charts: charts.map((c) => c.name) };
}
