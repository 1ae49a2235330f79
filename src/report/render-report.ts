// Charts and report.html for a report folder, built from its files alone: each chart's
// vega-lite spec (charts/<name>.vl.json) and its SVG (charts/<name>.svg), then the page.
// Everything is written into a fresh private staging folder inside the report folder (files
// created exclusively, never through a link) and renamed over the old files, so a folder is
// never left half re-rendered; a folder holding links is refused. Exports `renderReportFolder`.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { buildCharts } from './charts.js';
import { type ReportData, readReportFolder } from './folder-data.js';
import { writeNewFile } from './folder.js';
import { reportHtml } from './html.js';
import { reportMessages } from './messages.js';
import { type ChartHelper, renderSvgs } from './render.js';

export interface RenderedReport {
  readonly charts: readonly string[];
}

export interface RenderOptions {
  /** Told the staging folder while it exists; returns its own unregistration (Ctrl-C cleanup). */
  readonly whileStaging?: (staging: string) => () => void;
  /** A run's per-interval tables from memory, instead of reading its CSV files back. */
  readonly tables?: Pick<ReportData, 'intervals' | 'groups' | 'skills' | 'days' | 'skillDays'>;
  /** A thread that draws a share of the charts beside this one. */
  readonly helper?: ChartHelper;
}

/** Refuses a report folder with a link among its files or in charts/: a write could follow it. */
function refuseLinks(folder: string): void {
  const links: string[] = [];
  const look = (dir: string, prefix: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isSymbolicLink()) links.push(`${prefix}${entry.name}`);
      else if (entry.isDirectory() && prefix === '' && entry.name === 'charts') look(join(dir, entry.name), 'charts/');
    }
  };
  let self;
  try {
    self = lstatSync(folder);
  } catch {
    return; // readReportFolder says what is missing.
  }
  if (self.isSymbolicLink()) links.push('the folder itself');
  else look(folder, '');
  if (links.length > 0) throw new InputError(folder, links.slice(0, 20).map((entry) => ({ path: '', message: reportMessages.holdsLink(entry) })));
}

export async function renderReportFolder(folder: string, options: RenderOptions = {}): Promise<RenderedReport> {
  refuseLinks(folder);
  const data = readReportFolder(folder, options.tables);
  const charts = buildCharts(data);
  const svgs = await renderSvgs(charts, options.helper);
  const rendered = charts.map((chart, i) => ({ chart, svg: svgs[i]! }));
  const staging = mkdtempSync(join(folder, '.report.partial-'));
  const forget = options.whileStaging?.(staging);
  try {
    mkdirSync(join(staging, 'charts'));
    for (const { chart, svg } of rendered) {
      writeNewFile(join(staging, 'charts', `${chart.name}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      writeNewFile(join(staging, 'charts', `${chart.name}.svg`), svg);
    }
    writeNewFile(join(staging, 'report.html'), reportHtml(data, rendered));
    // Checked again just before the renames: nothing may have become a link meanwhile.
    refuseLinks(folder);
    const chartsDir = join(folder, 'charts');
    // The old charts move into the staging folder (a rename never follows a link) and go with it.
    try {
      renameSync(chartsDir, join(staging, 'old-charts'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(join(staging, 'charts'), chartsDir);
    renameSync(join(staging, 'report.html'), join(folder, 'report.html'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
    forget?.();
  }
  return { charts: charts.map((c) => c.name) };
}
