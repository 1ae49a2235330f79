// The default scenario's report: every chart exists as a vega-lite spec that compiles without
// a warning and as an SVG holding the marks it should draw; report.html carries them inline
// with the KPI tiles; `osh-sim report` re-renders the same bytes from the folder's files.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';

const CHARTS: Record<string, string[]> = {
  'service-level': ['line', 'area', 'rule'],
  waits: ['line'],
  volumes: ['line'],
  staffing: ['line', 'area'],
  'chat-response': ['rect', 'rule'],
  'handle-times': ['rect'],
  sessions: ['rect', 'rule'],
  'agent-timeline': ['rect', 'line', 'symbol', 'text'],
};

const folder = join(mkdtempSync(join(tmpdir(), 'osh-report-')), 'default');

/** The items a mark of this type drew (vega writes each mark as a <g class="mark-TYPE …">). */
function drawn(svg: string, type: string): number {
  let count = 0;
  const pattern = new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs');
  for (const match of svg.matchAll(pattern)) count += (match[1]!.match(/<(path|line|text)\b/g) ?? []).length;
  return count;
}

describe('report charts', () => {
  beforeAll(() => {
    expect(cli(['run', join(ROOT, 'scenarios/default.yaml'), '--replications', '3', '--out', folder, '--quiet']).status).toBe(0);
  });

  it('writes every chart as a spec and an SVG', () => {
    const files = readdirSync(join(folder, 'charts')).sort();
    expect(files).toEqual(Object.keys(CHARTS).flatMap((name) => [`${name}.svg`, `${name}.vl.json`]).sort());
  });

  for (const [name, marks] of Object.entries(CHARTS)) {
    it(`${name}: the spec compiles cleanly and the SVG draws its marks`, () => {
      const spec = JSON.parse(readFileSync(join(folder, 'charts', `${name}.vl.json`), 'utf8'));
      const warnings: string[] = [];
      const logger = { level: () => 0, warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger), error: (...a: unknown[]) => (warnings.push(a.join(' ')), logger), info: () => logger, debug: () => logger };
      expect(compile(spec, { logger: logger as never }).spec.marks?.length ?? 0).toBeGreaterThan(0);
      expect(warnings).toEqual([]);
      const svg = readFileSync(join(folder, 'charts', `${name}.svg`), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      for (const mark of marks) expect(drawn(svg, mark), `${name}: ${mark}`).toBeGreaterThan(0);
    });
  }

  it('colours each channel the same in every chart: voice blue, chat green, email orange', () => {
    const expected: Record<string, string> = { voice: '#1f77b4', chat: '#2ca02c', email: '#ff7f0e' };
    /** Every channel colour scale in a spec, as channel → colour. */
    const scales = (node: unknown, found: Record<string, string>[] = []): Record<string, string>[] => {
      if (Array.isArray(node)) node.forEach((n) => scales(n, found));
      else if (node !== null && typeof node === 'object') {
        const o = node as { field?: unknown; scale?: { domain?: unknown; range?: unknown } };
        if ((o.field === 'channel' || o.field === 'key') && Array.isArray(o.scale?.domain) && Array.isArray(o.scale?.range)) {
          const range = o.scale.range as string[];
          found.push(Object.fromEntries((o.scale.domain as string[]).map((c, i) => [c, range[i]!])));
        }
        Object.values(node).forEach((v) => scales(v, found));
      }
      return found;
    };
    let checked = 0;
    /** Histogram panels draw in their channel's colour: `<channel> handle time` titles a mark colour. */
    const handle = JSON.parse(readFileSync(join(folder, 'charts', 'handle-times.vl.json'), 'utf8'));
    for (const panel of handle.vconcat) {
      const channel = String(panel.title.text).split(' ')[0]!;
      if (!(channel in expected)) continue;
      expect(panel.layer[0].mark.color, `handle-times: ${channel}`).toBe(expected[channel]);
      checked++;
    }
    for (const name of Object.keys(CHARTS)) {
      const spec = JSON.parse(readFileSync(join(folder, 'charts', `${name}.vl.json`), 'utf8'));
      for (const scale of scales(spec)) {
        for (const [channel, colour] of Object.entries(expected)) {
          if (!(channel in scale)) continue;
          expect(scale[channel], `${name}: ${channel}`).toBe(colour);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });

  it('puts tiles, charts and the interval table in one self-contained page', () => {
    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    for (const name of Object.keys(CHARTS)) expect(html).toContain(`id="chart-${name}"`);
    for (const channel of ['voice', 'chat', 'email', 'all']) expect(html).toContain(`data-channel="${channel}"`);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(Object.keys(CHARTS).length);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('npx osh-sim run');
  });

  it('re-renders the same charts and page from the folder (osh-sim report)', () => {
    const before = Object.fromEntries(readdirSync(join(folder, 'charts')).map((f) => [f, readFileSync(join(folder, 'charts', f), 'utf8')]));
    const page = readFileSync(join(folder, 'report.html'), 'utf8');
    rmSync(join(folder, 'charts'), { recursive: true });
    rmSync(join(folder, 'report.html'));
    const result = cli(['report', folder]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('8 charts');
    for (const [file, text] of Object.entries(before)) expect(readFileSync(join(folder, 'charts', file), 'utf8'), file).toBe(text);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toBe(page);
    expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('keeps histogram axis titles within the plot height: no band of blank space above the chat chart', () => {
    const svg = readFileSync(join(folder, 'charts', 'chat-response.svg'), 'utf8');
    const [, top] = /<g fill="none" stroke-miterlimit="4" transform="translate\(([\d.]+),([\d.]+)\)">/.exec(svg)!.slice(1).map(Number) as [number, number];
    expect(top).toBeLessThan(45);
  });

  it('refuses a folder that is not a report, with exit 2', () => {
    const result = cli(['report', tmpdir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('summary.json: is missing');
  });
});
