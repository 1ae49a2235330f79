// Charts and pages read as a planner reads them: time is an axis of time at any horizon, the
// capacity chart has its legend, a scale per group and the last interval, histograms have
// equal-width bins, waits a panel per channel, tiles count the intervals that met target,
// durations read in hours, palettes keep channels, groups and measures apart, and every legend
// symbol shows its colour.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCharts, CHANNEL_COLORS, equalWidthBins, GROUP_PALETTE, MEASURE_COLORS, type Chart } from '../../src/report/charts.js';
import { formatDuration } from '../../src/report/format.js';
import { reportHtml } from '../../src/report/html.js';
import { capacitySavingSplit } from '../../src/report/messages.js';
import { renderSvg } from '../../src/report/render.js';
import { ROOT, cli } from '../helpers/cli.js';
import { reportData } from '../helpers/report-data.js';

function chart(charts: readonly Chart[], name: string): Chart {
  const found = charts.find((c) => c.name === name);
  expect(found, `chart ${name}`).toBeDefined();
  return found!;
}

/** Every object in a spec that has the given key. */
function nodesWith(node: unknown, key: string, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => nodesWith(n, key, found));
  else if (node !== null && typeof node === 'object') {
    if (key in node) found.push(node as Record<string, unknown>);
    Object.values(node).forEach((v) => nodesWith(v, key, found));
  }
  return found;
}

/** The x encodings that carry time (a field of interval starts), wherever they sit in a spec. */
function timeEncodings(spec: unknown) {
  return nodesWith(spec, 'x')
    .map((n) => n['x'] as Record<string, unknown>)
    .filter((x) => x && typeof x === 'object' && (x['field'] === 'start' || x['field'] === 'hour' || x['field'] === 'hourStart'));
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function distance(a: string, b: string): number {
  const [x, y] = [rgb(a), rgb(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

describe('time axis at any horizon', () => {
  it('draws time as a quantitative axis with clock labels, never a category per interval', () => {
    const charts = buildCharts(reportData({ intervals: 24, startMinute: 480 }));
    const encodings = charts.flatMap((c) => timeEncodings(c.spec));
    expect(encodings.length).toBeGreaterThan(5);
    for (const x of encodings) {
      expect(x['type']).toBe('quantitative');
      expect(x['sort']).toBeUndefined();
      const axis = x['axis'] as { values: number[]; labelExpr: string };
      expect(axis.values.length).toBeLessThanOrEqual(16);
      expect(axis.labelExpr).toContain("'02d'");
    }
  });

  it('renders 20,000 intervals (the limit) in bounded time: a day of it per interval, the rest per day', async () => {
    const data = reportData({ intervals: 20_000, intervalMinutes: 15 });
    const started = performance.now();
    const charts = buildCharts(data);
    expect(charts.map((c) => c.name)).toEqual(expect.arrayContaining(['days', 'average-day', 'heatmap', 'service-level', 'waits']));
    for (const c of charts) {
      const svg = await renderSvg(c.spec);
      expect(svg.startsWith('<svg'), c.name).toBe(true);
      // Bounded: no chart grows with the horizon beyond a few thousand marks.
      expect(svg.length, c.name).toBeLessThan(3_000_000);
    }
    const html = reportHtml(data, []);
    expect(html).toMatch(/day \d+, the busiest/);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

describe('capacity chart and table', () => {
  const data = reportData({
    intervals: 6,
    startMinute: 480,
    groups: ['blended', 'desk'],
    capacity: [
      { group: 'blended', erlangC: (k) => 40 + k, required: (k) => 36 + k, scheduled: (k) => 44 + k },
      { group: 'desk', erlangC: () => 2, required: (k) => (k < 3 ? 1 : 2), scheduled: () => 3 },
    ],
  });
  const capacity = chart(buildCharts(data), 'capacity');

  it('has a legend naming the three estimates', async () => {
    expect(nodesWith(capacity.spec, 'legend').filter((n) => n['legend'] === null)).toEqual([]);
    const svg = await renderSvg(capacity.spec);
    expect(svg).toContain('role-legend');
    for (const name of ['Erlang C, channel by channel', 'simulated (required)', 'scheduled (with shrinkage)']) expect(svg).toContain(name);
  });

  it('gives every group its own y scale', () => {
    expect((capacity.spec as { resolve?: { scale?: { y?: string } } }).resolve?.scale?.y).toBe('independent');
  });

  it('draws the last interval as a step to its end', () => {
    const values = (capacity.spec as { data: { values: { hour: number; group: string }[] } }).data.values;
    const end = Math.max(...values.filter((v) => v.group === 'desk').map((v) => v.hour));
    expect(end).toBe(8 + 6 * 0.5);
  });

  it('puts a per-interval table of required, Erlang C and scheduled agents on the page', () => {
    const html = reportHtml(data, []);
    const table = /<table class="capacity-plan">.*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(table).toContain('<th>required (simulated)</th><th>Erlang C</th><th>scheduled</th><th>binding target</th>');
    expect(table).toContain('<tr><td>10:30</td><td>blended</td><td>41</td><td>45</td><td>49</td><td></td></tr>');
    expect((table.match(/<tr><td>/g) ?? []).length).toBe(12);
  });

  it('says which target binds in each interval, and splits the saving into pooling and concurrency', () => {
    const planned = reportData({
      intervals: 2,
      startMinute: 480,
      groups: ['blended'],
      capacity: [{ group: 'blended', erlangC: () => 40, required: () => 30, scheduled: () => 40, binding: (k) => (k === 0 ? 'voice.serviceLevel' : 'groups.blended.occupancy'), oshOff: () => 36 }],
    });
    const html = reportHtml(planned, []);
    const table = /<table class="capacity-plan">.*?<\/table>/s.exec(html)?.[0] ?? '';
    expect(table).toContain('<tr><td>08:00</td><td>blended</td><td>30</td><td>40</td><td>40</td><td>voice.serviceLevel</td></tr>');
    expect(table).toContain('<td>groups.blended.occupancy</td></tr>');
    expect(html).toContain(capacitySavingSplit(80, 72, 60));
    // A folder written before the split has no oshOff column: no split is claimed.
    expect(reportHtml(data, [])).not.toContain('pooling');
  });
});

describe('histograms', () => {
  it('re-bins log bins into equal widths: a uniform spread stays flat across 32, 64 and 256 s', () => {
    // Log bins as the report writes them (16 per power of two) holding a uniform spread on [0, 400) s.
    const rows: { from: number; to: number; count: number }[] = [];
    for (let e = -2; e < 9; e++) {
      for (let i = 0; i < 16; i++) {
        const from = 2 ** e * (1 + i / 16);
        const to = Math.min(2 ** e * (1 + (i + 1) / 16), 400);
        if (from >= 400) continue;
        rows.push({ from, to, count: (to - from) * 10 });
      }
    }
    const { bins, width } = equalWidthBins(rows);
    expect(new Set(bins.map((b) => b.to - b.from))).toEqual(new Set([width]));
    const inner = bins.filter((b) => b.from >= 1 && b.to <= 380);
    for (const b of inner) expect(b.count / width).toBeCloseTo(10, 6);
  });

  it('draws the handle times on a linear axis of equal bins, not a log axis', () => {
    const data = { ...reportData({ intervals: 4 }), distributions: [16, 32, 64, 128, 256].map((from) => ({ metric: 'handle', channel: 'voice', from, to: from * 2, count: 10 })) };
    const spec = chart(buildCharts(data), 'handle-times').spec;
    expect(JSON.stringify(spec)).not.toContain('"log"');
  });
});

describe('waits', () => {
  it('gives each channel its own panel and scale, in the unit its waits read in', () => {
    const spec = chart(buildCharts(reportData({ intervals: 24 })), 'waits').spec as { vconcat: { title: { text: string } }[]; resolve: { scale: { y: string } } };
    expect(spec.vconcat.map((p) => p.title.text)).toEqual(['voice, seconds', 'email, hours']);
    expect(spec.resolve.scale.y).toBe('independent');
  });
});

describe('tiles', () => {
  const html = reportHtml(reportData({ intervals: 24, startMinute: 480 }), []);

  it('say how many intervals met the target and colour a partial miss', () => {
    // voice: 0.7 + 0.2 sin(k / 5) meets 80 % in some half hours only.
    const met = Array.from({ length: 24 }, (_, k) => 0.7 + 0.2 * Math.sin(k / 5)).filter((sl) => sl >= 0.8).length;
    const voice = /<section class="tile (\w+)" data-channel="voice">.*?<\/section>/s.exec(html)!;
    expect(voice[0]).toContain(`<strong>${met} of 24</strong> half hours met the target`);
    expect(voice[1]).toBe('partly');
  });

  it('leave the mixed service level of all channels out, and say why', () => {
    const all = /<section[^>]*data-channel="all">.*?<\/section>/s.exec(html)![0];
    expect(all).not.toContain('service level ·');
    expect(all).toContain('thresholds differ (voice 20 s, email 4 h)');
  });

  it('show the service level of all channels when every channel has one threshold', () => {
    const data = reportData({ intervals: 24, channels: [{ name: 'voice', target: 0.8, thresholdSec: 20, offered: () => 40, serviceLevel: () => 0.85 }, { name: 'chat', target: 0.8, thresholdSec: 20, offered: () => 20, serviceLevel: () => 0.9 }] });
    const page = reportHtml(data, []);
    const all = /<section[^>]*data-channel="all">.*?<\/section>/s.exec(page)![0];
    expect(all).toContain('<div class="big">90.0 %');
    expect(all).toContain('service level in 20 s');
    expect(all).not.toContain('thresholds differ');
    // Skills of one channel with one threshold between them, the channel having none of its own.
    const skills = reportData({ intervals: 24, channels: [{ name: 'voice', target: 0.8, thresholdSec: 20, offered: () => 40, serviceLevel: () => 0.85 }], skills: ['sales', 'support'].map((name) => ({ name, channel: 'voice', target: 0.8, thresholdSec: 20, offered: () => 20, serviceLevel: () => 0.85 })) });
    delete (skills.summary.channels['voice'] as Record<string, unknown>)['serviceLevelThresholdSec'];
    expect(/<section[^>]*data-channel="all">.*?<\/section>/s.exec(reportHtml(skills, []))![0]).toContain('service level in 20 s');
    skills.summary.skills!['support']!['serviceLevelThresholdSec'] = 30;
    expect(/<section[^>]*data-channel="all">.*?<\/section>/s.exec(reportHtml(skills, []))![0]).toContain('thresholds differ');
  });
});

describe('durations', () => {
  it('read in hours where people read hours', () => {
    expect(formatDuration(14400)).toBe('4 h');
    expect(formatDuration(5400)).toBe('90 min');
    expect(formatDuration(35.24)).toBe('35.2 s');
    const html = reportHtml(reportData({ intervals: 4 }), []);
    expect(html).toContain('target 90 % in 4 h');
    expect(html).not.toContain('14400');
  });
});

describe('palettes', () => {
  const channelColours = Object.entries(CHANNEL_COLORS).map(([, c]) => c);

  it('keep group colours and volume measures away from every channel colour', () => {
    for (const g of GROUP_PALETTE) for (const c of channelColours) expect(distance(g, c), `${g} vs ${c}`).toBeGreaterThan(70);
    for (const m of Object.values(MEASURE_COLORS)) for (const c of channelColours) expect(distance(m, c), `${m} vs ${c}`).toBeGreaterThan(70);
  });

  it('draw legend symbols solid, and each target in its own channel panel', () => {
    const data = reportData({ intervals: 24 });
    const spec = chart(buildCharts(data), 'service-level').spec as {
      data: { values: { key: string; panel: string; target: number | null }[] };
      facet: { row: { field: string; sort: string[] } };
      spec: { layer: { mark: { type: string }; encoding: { y: { field: string; aggregate?: string } } }[] };
    };
    // A panel per channel (a facet on the panel's title), one dashed rule in each, at its channel's own target.
    expect(spec.facet.row.field).toBe('panel');
    expect(spec.facet.row.sort).toHaveLength(2);
    const rules = spec.spec.layer.filter((l) => l.mark.type === 'rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.encoding.y).toMatchObject({ field: 'target', aggregate: 'min' });
    for (const v of spec.data.values) {
      expect(spec.facet.row.sort).toContain(v.panel);
      expect(v.target, v.panel).not.toBeNull();
      expect(v.panel).toBe(`${v.key}: target ${Number((v.target! * 100).toFixed(1))} % (dashed)`);
    }
    expect(new Set(spec.data.values.map((v) => v.key)).size).toBe(2);
    for (const legend of nodesWith(spec, 'legend').map((n) => n['legend']).filter((l) => l !== null && typeof l === 'object')) {
      expect((legend as { symbolOpacity?: number }).symbolOpacity).toBe(1);
    }
  });
});

/** A paint a reader sees on a white page: a colour, not none, transparent or white. */
function seen(paint: string | undefined): boolean {
  return paint !== undefined && !/^(none|transparent|white|#fff|#ffffff)$/i.test(paint);
}

describe('legends a reader can match to the marks', () => {
  it('draw every legend symbol of every chart in a visible colour', () => {
    const work = mkdtempSync(join(tmpdir(), 'osh-legends-'));
    let symbols = 0;
    // A day, a day of several skills per channel, and a week of skills (the per-day and heatmap views).
    for (const scenario of ['default.yaml', 'multi-skill.yaml', 'wfm-week.yaml']) {
      const out = join(work, scenario);
      const result = cli(['run', join(ROOT, 'scenarios', scenario), '--replications', '1', '--quiet', '--out', out]);
      expect(result.status, result.stderr).toBe(0);
      for (const file of readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.svg'))) {
        const svg = readFileSync(join(out, 'charts', file), 'utf8');
        for (const group of svg.matchAll(/<g class="mark-symbol role-legend-symbol[^>]*>(.*?)<\/g>/g)) {
          for (const path of group[1]!.matchAll(/<path ([^>]*)\/>/g)) {
            const attribute = (name: string) => new RegExp(`(?:^| )${name}="([^"]*)"`).exec(path[1]!)?.[1];
            // A line symbol shows its stroke only; an area shows its fill, or its outline.
            const line = /^M[-\d.]+,[-\d.]+L[-\d.]+,[-\d.]+$/.test(attribute('d') ?? '');
            const visible = line ? seen(attribute('stroke')) : seen(attribute('fill')) || seen(attribute('stroke'));
            expect(visible, `${scenario} ${file}: ${path[1]}`).toBe(true);
            symbols++;
          }
        }
      }
    }
    expect(symbols).toBeGreaterThan(20);
  });
});

