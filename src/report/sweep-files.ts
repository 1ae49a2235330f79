// A sweep's folder: sweep.csv (one row per variant and figure), sweep.json, a chart per chosen
// figure against the varied fields (charts/<figure>.svg and .vl.json), and sweep.html.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import type { FigureEstimate } from '../stats/metric-path.js';
import { GROUP_PALETTE } from './charts.js';
import { csvText } from './csv.js';
import { formatNumber, jsonNumber } from './format.js';
import { escapeHtml } from './html.js';
import { renderSvgs } from './render.js';
import { type ReportInput, summaryJson, summaryRows } from './summary-files.js';

export interface SweepVariantReport {
  readonly index: number;
  readonly values: readonly unknown[];
  readonly label: string;
  readonly input: ReportInput;
}

export interface SweepReport {
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly vary: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly variants: readonly SweepVariantReport[];
  /** The figures charted against the varied fields, per variant in variant order. */
  readonly charted: readonly { readonly name: string; readonly figures: readonly FigureEstimate[] }[];
}

/** What the charts and sweep.html need of a sweep: all of it but the variants' full figures, so sweep.json alone re-renders them. */
export interface SweepPage {
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  readonly vary: SweepReport['vary'];
  readonly variants: readonly Pick<SweepVariantReport, 'index' | 'values' | 'label'>[];
  readonly charted: SweepReport['charted'];
}

function cell(value: unknown): string | number {
  return typeof value === 'number' ? formatNumber(value) : String(value);
}

/** summary.csv's rows for every variant, each led by the variant and its varied values. */
export function sweepCsv(report: SweepReport): string {
  const rows: (string | number)[][] = [];
  for (const variant of report.variants) {
    const head = [variant.index, ...variant.values.map(cell)];
    for (const row of summaryRows(variant.input.summary)) rows.push([...head, ...row]);
  }
  return csvText(['variant', ...report.vary.map((v) => v.path), 'section', 'key', 'metric', 'mean', 'ci95'], rows);
}

export function sweepJson(report: SweepReport): unknown {
  return {
    scenario: report.scenario,
    seed: report.seed,
    replications: report.replications,
    vary: report.vary.map((v) => ({ path: v.path, values: v.values })),
    variants: report.variants.map((v) => {
      const summary = summaryJson(v.input) as Record<string, unknown>;
      return {
        variant: v.index,
        values: Object.fromEntries(report.vary.map((vary, i) => [vary.path, v.values[i]])),
        channels: summary['channels'],
        groups: summary['groups'],
        sessions: summary['sessions'],
        elevations: summary['elevations'],
        // A variant's own count: under --precision each stops when its figures are precise enough.
        replications: v.input.summary.replications,
        ...(summary['skills'] === undefined ? {} : { skills: summary['skills'] }),
      };
    }),
    charted: report.charted.map((c) => ({
      figure: c.name,
      variants: c.figures.map((f) => ({ mean: jsonNumber(f.mean), ci95: jsonNumber(f.ci95) })),
    })),
  };
}

/** Figures that are proportions: their bands are clipped to [0, 1] and their axis reads in %. */
const PROPORTIONS = new Set(['serviceLevel', 'abandonRate', 'responseBreachRate', 'occupancy', 'utilization']);

export function isProportion(figure: string): boolean {
  const metric = figure.split('@')[0]!.split('.').pop() ?? '';
  return PROPORTIONS.has(metric) || /^level\d+$/.test(metric);
}

/**
 * Short legend labels for the varied fields after the first: the last segment of each path
 * (`count = 2`), or more segments where two paths would read alike.
 */
export function shortNames(paths: readonly string[]): string[] {
  return paths.map((path) => {
    const parts = path.split('.');
    for (let n = 1; n <= parts.length; n++) {
      const tail = parts.slice(-n).join('.');
      if (paths.every((other) => other === path || !other.endsWith(`.${tail}`) && other !== tail)) return tail;
    }
    return path;
  });
}

export function chartSpec(report: SweepPage, charted: SweepReport['charted'][number]): TopLevelSpec {
  const first = report.vary[0]!;
  const numeric = first.values.every((v) => typeof v === 'number');
  const integral = numeric && first.values.every((v) => Number.isInteger(v));
  const others = report.vary.slice(1);
  const otherNames = shortNames(others.map((v) => v.path));
  const proportion = isProportion(charted.name);
  const clip = (x: number) => (proportion ? Math.min(1, Math.max(0, x)) : x);
  const values = report.variants.map((variant, i) => {
    const f = charted.figures[i]!;
    const half = Number.isFinite(f.ci95) ? f.ci95 : 0;
    return {
      x: variant.values[0],
      series: others.length === 0 ? 'all' : others.map((_, k) => `${otherNames[k]} = ${String(variant.values[k + 1])}`).join(', '),
      mean: Number.isFinite(f.mean) ? f.mean : null,
      low: Number.isFinite(f.mean) ? clip(f.mean - half) : null,
      high: Number.isFinite(f.mean) ? clip(f.mean + half) : null,
    };
  });
  // The y domain holds every whisker with a margin, and a flat series gets a readable span.
  const ends = values.flatMap((v) => [v.low, v.high]).filter((x): x is number => x !== null && Number.isFinite(x));
  let low = ends.length > 0 ? Math.min(...ends) : 0;
  let high = ends.length > 0 ? Math.max(...ends) : 1;
  if (high - low < 1e-9 * Math.max(1, Math.abs(high))) {
    const pad = proportion ? 0.05 : Math.max(Math.abs(high) * 0.1, 1);
    low -= pad;
    high += pad;
  } else {
    const pad = (high - low) * 0.08;
    low -= pad;
    high += pad;
  }
  if (proportion) {
    low = Math.max(0, low);
    high = Math.min(1, high);
  }
  const xs = numeric ? (first.values as number[]) : [];
  const step = xs.length > 1 ? (Math.max(...xs) - Math.min(...xs)) / (xs.length - 1) : 1;
  const x = numeric
    ? {
        field: 'x',
        type: 'quantitative' as const,
        title: first.path,
        // Half a step of room each side, so the end points and their whiskers are drawn whole.
        scale: { domain: [Math.min(...xs) - step / 2, Math.max(...xs) + step / 2], nice: false, zero: false },
        axis: integral ? { tickMinStep: 1, format: 'd', values: xs.length <= 20 ? [...xs].sort((a, b) => a - b) : undefined } : { format: ',~r' },
      }
    : { field: 'x', type: 'ordinal' as const, title: first.path, sort: first.values.map(String) };
  // Series take the group palette: the channel colours mean channels everywhere else.
  const color = others.length === 0 ? { value: GROUP_PALETTE[0]! } : { field: 'series', type: 'nominal' as const, title: others.map((v) => v.path).join(', '), scale: { range: [...GROUP_PALETTE] }, legend: { labelLimit: 320, titleLimit: 420 } };
  const yAxis = proportion ? { format: '.1~%' } : { format: ',~r' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 520,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative', scale: { domain: [low, high], nice: false, zero: false } }, y2: { field: 'high' }, color } },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: charted.name, scale: { domain: [low, high], nice: false, zero: false }, axis: yAxis },
          color,
          tooltip: [{ field: 'x', title: first.path }, { field: 'series' }, { field: 'mean', format: '.4~f' }, { field: 'low', format: '.4~f' }, { field: 'high', format: '.4~f' }],
        },
      },
    ],
  };
}

/** A file-safe chart name for a figure: `voice.serviceLevel` → `voice-serviceLevel`. */
export function chartFileName(figure: string): string {
  return figure.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\./g, '-');
}

export async function writeSweepFiles(folder: (name: string) => string, report: SweepReport, charts: boolean): Promise<void> {
  writeFileSync(folder('sweep.csv'), sweepCsv(report));
  writeFileSync(folder('sweep.json'), `${JSON.stringify(sweepJson(report), null, 2)}\n`);
  if (!charts) return;
  // Charted as sweep.json holds the figures, so `osh-sim report` re-renders the same page from it.
  const asWritten = (x: number) => jsonNumber(x) ?? Number.NaN;
  await writeSweepPage(folder, { ...report, charted: report.charted.map((c) => ({ name: c.name, figures: c.figures.map((f) => ({ ...f, mean: asWritten(f.mean), ci95: asWritten(f.ci95) })) })) });
}

/** charts/ (a chart per charted figure, its spec beside it) and sweep.html; `folder('charts')` must not exist yet. */
export async function writeSweepPage(folder: (name: string) => string, report: SweepPage): Promise<readonly string[]> {
  mkdirSync(folder('charts'));
  const charts = report.charted.map((charted) => ({ charted, name: chartFileName(charted.name), spec: chartSpec(report, charted) }));
  const svgs = await renderSvgs(charts);
  const rendered = charts.map(({ charted, name, spec }, i) => {
    writeFileSync(folder(`charts/${name}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
    writeFileSync(folder(`charts/${name}.svg`), svgs[i]!);
    return { name: charted.name, svg: svgs[i]! };
  });
  writeFileSync(folder('sweep.html'), sweepHtml(report, rendered));
  return rendered.map((c) => c.name);
}

function sweepHtml(report: SweepPage, charts: readonly { name: string; svg: string }[]): string {
  const header = `<tr><th>variant</th>${report.vary.map((v) => `<th>${escapeHtml(v.path)}</th>`).join('')}${report.charted.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('')}</tr>`;
  const rows = report.variants
    .map((v, i) => {
      const figures = report.charted.map((c) => {
        const f = c.figures[i]!;
        return `<td>${escapeHtml(formatNumber(f.mean))}${Number.isFinite(f.ci95) ? ` <span class="ci">± ${escapeHtml(formatNumber(f.ci95))}</span>` : ''}</td>`;
      });
      return `<tr><td>${v.index}</td>${v.values.map((x) => `<td>${escapeHtml(String(x))}</td>`).join('')}${figures.join('')}</tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>osh-sim sweep: ${escapeHtml(report.scenario)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d1d1f}table{border-collapse:collapse;font-size:12.5px}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right}.ci{color:#777;font-size:11px}figure{margin:16px 0}figcaption{font-weight:600}</style>
</head><body>
<h1>Sweep of ${escapeHtml(report.scenario)}</h1>
<p>seed ${report.seed} · ${report.replications} replications per variant · ${report.variants.length} variants. Every variant draws the same random numbers (common random numbers): differences between variants are theirs, not noise.</p>
<table><thead>${header}</thead><tbody>${rows}</tbody></table>
${charts.map((c) => `<figure><figcaption>${escapeHtml(c.name)} against ${escapeHtml(report.vary.map((v) => v.path).join(' and '))}</figcaption>${c.svg}</figure>`).join('\n')}
</body></html>
`;
}
