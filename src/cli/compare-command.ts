// `osh-sim compare <baseline> <current>`: two report folders side by side, figure by figure —
// both means, the difference, and whether it is significant (Welch's t over replications) —
// on the terminal, in compare.csv and compare.html. `--fail-on "voice.serviceLevel<-0.02"`
// makes it a gate: exit 1 when a named figure moved past its threshold. A significant change
// is called better or worse by the figure's better direction (stats/metrics.ts), coloured
// green or red on a colour terminal and in compare.html, neutral where neither is better.
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { csvText } from '../report/csv.js';
import { type Estimate, type SummaryJson, readReportFolder } from '../report/folder-data.js';
import { inStagedFolder } from './staged.js';
import { checkDestination, writeNewFile } from '../report/folder.js';
import { formatNumber } from '../report/format.js';
import { escapeHtml } from '../report/html.js';
import { suggestion } from '../suggest.js';
import { type WelchResult, welch } from '../stats/welch.js';
import { figureDirection } from '../stats/metrics.js';
import { alignTable, terminalText } from './console.js';
import { type ChangeVerdict, compareVerdictText, compareWrote, pValueText } from './messages.js';
import * as messages from './messages.js';

export interface CompareOptions {
  out?: string;
  failOn?: string[];
  all?: boolean;
  /** ANSI colours for better (green) and worse (red) rows on the terminal. */
  colour?: boolean;
}

/** A change is significant when Welch's two-sided p is below this. */
const SIGNIFICANCE = 0.05;

export interface Comparison {
  readonly figure: string;
  readonly baseline: Estimate;
  readonly current: Estimate;
  readonly test: WelchResult;
  readonly significant: boolean;
  /** null when the change is not significant. */
  readonly verdict: ChangeVerdict | null;
}

/** Better or worse by the figure's direction; `changed` for a figure with none. */
export function changeVerdict(figure: string, difference: number, significant: boolean): ChangeVerdict | null {
  if (!significant || difference === 0) return null;
  const direction = figureDirection(figure);
  if (direction === 'neither') return 'changed';
  return (difference > 0) === (direction === 'higher') ? 'better' : 'worse';
}

interface Threshold {
  readonly text: string;
  readonly figure: string;
  readonly op: '<' | '<=' | '>' | '>=';
  readonly delta: number;
}

function figuresOf(summary: SummaryJson): Map<string, Estimate> {
  const out = new Map<string, Estimate>();
  const isEstimate = (v: unknown): v is Estimate => typeof v === 'object' && v !== null && 'mean' in v;
  for (const [channel, figures] of Object.entries(summary.channels)) for (const [metric, v] of Object.entries(figures)) if (isEstimate(v)) out.set(`${channel}.${metric}`, v);
  for (const [skill, figures] of Object.entries(summary.skills ?? {})) for (const [metric, v] of Object.entries(figures)) if (isEstimate(v)) out.set(`skills.${skill}.${metric}`, v);
  for (const [group, figures] of Object.entries(summary.groups)) for (const [metric, v] of Object.entries(figures)) if (isEstimate(v)) out.set(`groups.${group}.${metric}`, v);
  for (const [metric, v] of Object.entries(summary.sessions)) if (isEstimate(v)) out.set(`sessions.${metric}`, v);
  for (const [pair, v] of Object.entries(summary.elevations)) out.set(`elevations.${pair}`, v);
  return out;
}

export function parseThreshold(text: string): Threshold {
  const match = /^\s*([^<>=\s]+)\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(text);
  if (!match) throw new InputError('--fail-on', [{ path: '', message: messages.failOnNotThreshold(text) }]);
  return { text, figure: match[1]!, op: match[2] as Threshold['op'], delta: Number(match[3]) };
}

function crossed(threshold: Threshold, difference: number): boolean {
  switch (threshold.op) {
    case '<':
      return difference < threshold.delta;
    case '<=':
      return difference <= threshold.delta;
    case '>':
      return difference > threshold.delta;
    case '>=':
      return difference >= threshold.delta;
  }
}

export function compareSummaries(baseline: SummaryJson, current: SummaryJson): Comparison[] {
  const b = figuresOf(baseline);
  const c = figuresOf(current);
  const out: Comparison[] = [];
  for (const [figure, base] of b) {
    const cur = c.get(figure);
    if (cur === undefined || base.mean === null || cur.mean === null) continue;
    const test = welch(
      { mean: base.mean, ci95: base.ci95 ?? Number.NaN, n: base.n ?? baseline.replications },
      { mean: cur.mean, ci95: cur.ci95 ?? Number.NaN, n: cur.n ?? current.replications },
    );
    const significant = test.p < SIGNIFICANCE;
    out.push({ figure, baseline: base, current: cur, test, significant, verdict: changeVerdict(figure, test.difference, significant) });
  }
  return out;
}

export interface CompareOutcome {
  readonly comparisons: readonly Comparison[];
  readonly failures: readonly { threshold: string; comparison: Comparison }[];
  readonly folder: string;
}

export async function runCompare(baselineDir: string, currentDir: string, options: CompareOptions, write: (line: string) => void): Promise<CompareOutcome> {
  const destination = options.out ?? join('reports', 'compare');
  // Refused before any work: --out must not replace a folder compared.
  checkDestination(destination, [baselineDir, currentDir]);
  const baseline = readReportFolder(baselineDir);
  const current = readReportFolder(currentDir);
  const comparisons = compareSummaries(baseline.summary, current.summary);
  const thresholds = (options.failOn ?? []).map(parseThreshold);
  const known = comparisons.map((c) => c.figure);
  const unknown = thresholds.filter((t) => !known.includes(t.figure));
  if (unknown.length > 0) {
    throw new InputError(
      '--fail-on',
      unknown.map((t) => ({ path: '', message: messages.notAFigureOfBothReports(t.figure, suggestion(t.figure, known)) })),
    );
  }
  const failures = thresholds.flatMap((t) => {
    const comparison = comparisons.find((c) => c.figure === t.figure)!;
    return crossed(t, comparison.test.difference) ? [{ threshold: t.text, comparison }] : [];
  });

  const watched = new Set(thresholds.map((t) => t.figure));
  const shown = comparisons.filter((c) => options.all || c.significant || watched.has(c.figure));
  write(`${terminalText(baseline.summary.scenario)} (${baseline.summary.replications} replications) → ${terminalText(current.summary.scenario)} (${current.summary.replications} replications): ${comparisons.filter((c) => c.significant).length} of ${comparisons.length} figures changed significantly (Welch's t, p < ${SIGNIFICANCE})`);
  if (shown.length > 0) {
    write('');
    const table = alignTable(
      ['figure', 'baseline', 'current', 'change', 'p', ''],
      shown.map((c) => [terminalText(c.figure), num(c.baseline.mean), num(c.current.mean), signed(c.test.difference), pValueText(c.test.p), compareVerdictText(c.verdict)]),
    ).split('\n');
    write(table[0]!);
    shown.forEach((c, i) => write(options.colour ? coloured(table[i + 1]!, c.verdict) : table[i + 1]!));
  }
  for (const f of failures) write(`FAIL  ${terminalText(f.threshold)}: changed by ${signed(f.comparison.test.difference)}`);
  for (const t of thresholds) if (!failures.some((f) => f.threshold === t.text)) write(`pass  ${terminalText(t.text)}`);

  await inStagedFolder(
    destination,
    'compare',
    (staged) => {
      writeNewFile(staged.path('compare.csv'), compareCsv(comparisons));
      writeNewFile(staged.path('compare.html'), compareHtml(baseline.summary, current.summary, comparisons, failures.map((f) => f.threshold), watched));
    },
    undefined,
    [baselineDir, currentDir],
  );
  write(compareWrote(terminalText(destination)));
  return { comparisons, failures, folder: destination };
}

const ANSI: Record<ChangeVerdict, string> = { better: '\u001b[32m', worse: '\u001b[31m', changed: '' };

function coloured(line: string, verdict: ChangeVerdict | null): string {
  return verdict === null || ANSI[verdict] === '' ? line : `${ANSI[verdict]}${line}\u001b[39m`;
}

/** p in compare.csv: scientific notation below 0.001 (0 only when neither run varies and the means differ). */
export function csvPValue(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p > 0 && p < 0.001 ? p.toExponential(3) : formatNumber(p);
}

function num(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '-' : Number(x.toPrecision(4)).toString();
}

function signed(x: number): string {
  return Number.isFinite(x) ? `${x > 0 ? '+' : ''}${Number(x.toPrecision(3))}` : '-';
}

export function compareCsv(comparisons: readonly Comparison[]): string {
  return csvText(
    ['figure', 'baseline', 'baselineCi95', 'current', 'currentCi95', 'difference', 'relativeChange', 't', 'df', 'p', 'significant', 'verdict'],
    comparisons.map((c) => [
      c.figure,
      formatNumber(c.baseline.mean ?? Number.NaN),
      formatNumber(c.baseline.ci95 ?? Number.NaN),
      formatNumber(c.current.mean ?? Number.NaN),
      formatNumber(c.current.ci95 ?? Number.NaN),
      formatNumber(c.test.difference),
      formatNumber(c.baseline.mean ? c.test.difference / Math.abs(c.baseline.mean) : Number.NaN),
      formatNumber(c.test.t),
      formatNumber(c.test.df),
      csvPValue(c.test.p),
      c.significant,
      c.verdict ?? '',
    ]),
  );
}

function compareHtml(baseline: SummaryJson, current: SummaryJson, comparisons: readonly Comparison[], failed: readonly string[], watched: ReadonlySet<string>): string {
  const rows = comparisons
    .map((c) => {
      const cls = [c.verdict ?? '', watched.has(c.figure) ? 'watched' : ''].join(' ').trim();
      return `<tr class="${cls}"><td>${escapeHtml(c.figure)}</td><td>${num(c.baseline.mean)}</td><td>${num(c.current.mean)}</td><td>${signed(c.test.difference)}</td><td>${escapeHtml(pValueText(c.test.p))}</td><td>${compareVerdictText(c.verdict)}</td></tr>`;
    })
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>osh-sim compare: ${escapeHtml(baseline.scenario)} → ${escapeHtml(current.scenario)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:24px}table{border-collapse:collapse;font-size:12.5px}th,td{padding:4px 8px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child{text-align:left}tr.better td{background:#e8f4ea}tr.worse td{background:#fdecea}tr.changed td{background:#f1f1f4}tr.watched td:first-child{font-weight:700}.fail{color:#c0161d;font-weight:700}</style>
</head><body>
<h1>${escapeHtml(baseline.scenario)} → ${escapeHtml(current.scenario)}</h1>
<p>Baseline: ${baseline.replications} replications; current: ${current.replications}. Significant changes (Welch's t, p &lt; ${SIGNIFICANCE}) are green when the figure got better, red when it got worse (service level up is better; waits, abandons, breaches and backlog up are worse) and grey for figures with no better direction (volumes, staffing, load, handle times); figures named in --fail-on are bold.</p>
${failed.map((f) => `<p class="fail">FAIL ${escapeHtml(f)}</p>`).join('')}
<table><thead><tr><th>figure</th><th>baseline</th><th>current</th><th>change</th><th>p</th><th></th></tr></thead><tbody>${rows}</tbody></table>
</body></html>
`;
}
