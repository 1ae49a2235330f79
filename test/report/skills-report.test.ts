// report.html of a center with skills: a tile per skill grouped by channel, service level and
// waits per skill and interval for each channel of several skills, kept readable when a channel
// has many skills (its busiest drawn, with a note); a center without skills shows none of it.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SKILLS_SHOWN, buildCharts, chartScope, hiddenLines } from '../../src/report/charts.js';
import { reportHtml, skillTiles } from '../../src/report/html.js';
import { ROOT, cli } from '../helpers/cli.js';
import { reportData } from '../helpers/report-data.js';

const folder = join(mkdtempSync(join(tmpdir(), 'osh-skills-report-')), 'multi-skill');
const SKILLS: Record<string, string[]> = {
  voice: ['voice-sales', 'voice-support', 'voice-support-es', 'voice-billing'],
  chat: ['chat-support', 'chat-billing'],
  email: ['email-support', 'email-billing'],
};

type Panel = { title: { text: string }; layer?: { data: { values: { key: string }[] }; encoding?: { color?: { scale: { domain: string[] } } } }[]; data?: { values: { key: string }[] }; encoding?: { color: { scale: { domain: string[] } } } };
const spec = (name: string) => JSON.parse(readFileSync(join(folder, 'charts', `${name}.vl.json`), 'utf8')) as { vconcat: Panel[] };
const keysOf = (values: { key: string }[]) => [...new Set(values.map((v) => v.key))].sort();

describe('report of a center with skills (scenarios/multi-skill.yaml)', () => {
  beforeAll(() => {
    const result = cli(['run', join(ROOT, 'scenarios/multi-skill.yaml'), '--replications', '2', '--out', folder, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
  });

  it('shows a tile per skill, grouped under its channel', () => {
    const page = readFileSync(join(folder, 'report.html'), 'utf8');
    expect(page).toContain('<h2>Skills against target</h2>');
    const skillPart = page.slice(page.indexOf('<h2>Skills against target</h2>'), page.indexOf('<h2>Agent groups</h2>'));
    const sections = skillPart.split('<section class="skill-channel"').slice(1).map((part) => [part, /^ data-channel="([^"]+)"/.exec(part)![1]!, part] as const);
    expect(sections.map((s) => s[1])).toEqual(Object.keys(SKILLS));
    for (const [, channel, body] of sections) {
      const tiles = [...body!.matchAll(/<section class="tile (met|partly|missed|none)" data-skill="([^"]+)">/g)].map((m) => m[2]);
      expect(tiles, channel).toEqual(SKILLS[channel!]);
      expect(body).toMatch(/of \d+<\/strong> half hours met the target/);
    }
    // The channel tile says its service level mixes its skills' thresholds.
    expect(page).toMatch(/data-channel="voice">.*?4 skills \(thresholds 20 s and 30 s\)/s);
  });

  it('draws service level and waits per skill and interval, a panel per channel of several skills', () => {
    for (const name of ['skills-service-level', 'skills-waits']) {
      const panels = spec(name).vconcat;
      expect(panels.map((p) => p.title.text.split(':')[0])).toEqual(Object.keys(SKILLS));
      panels.forEach((panel, i) => {
        const skills = SKILLS[Object.keys(SKILLS)[i]!]!;
        const values = panel.layer ? panel.layer[0]!.data.values : panel.data!.values;
        expect(keysOf(values), name).toEqual([...skills].sort());
        const domain = (panel.layer ? panel.layer[0]!.encoding!.color! : panel.encoding!.color).scale.domain;
        expect(domain).toEqual(skills);
      });
      const svg = readFileSync(join(folder, 'charts', `${name}.svg`), 'utf8');
      for (const skill of Object.values(SKILLS).flat()) expect(svg, `${name}: legend names ${skill}`).toContain(`>${skill}</text>`);
    }
    // Every skill of voice is drawn against the same target: one dashed line.
    expect(spec('skills-service-level').vconcat[0]!.title.text).toContain('target 80 % (dashed)');
  });

  it('labels wait axes in plain numbers, never 4e+1', () => {
    for (const name of ['waits', 'skills-waits']) {
      const svg = readFileSync(join(folder, 'charts', `${name}.svg`), 'utf8');
      expect(svg).not.toMatch(/>\d+(\.\d+)?e[+-]\d+<\/text>/);
    }
  });

  it('re-renders the same bytes from the folder (the run drew from memory what the files hold)', () => {
    const before = Object.fromEntries(readdirSync(join(folder, 'charts')).map((f) => [f, readFileSync(join(folder, 'charts', f), 'utf8')]));
    const page = readFileSync(join(folder, 'report.html'), 'utf8');
    rmSync(join(folder, 'charts'), { recursive: true });
    expect(cli(['report', folder]).status).toBe(0);
    for (const [file, text] of Object.entries(before)) expect(readFileSync(join(folder, 'charts', file), 'utf8'), file).toBe(text);
    expect(readFileSync(join(folder, 'report.html'), 'utf8')).toBe(page);
  });
});

describe('many skills in a channel', () => {
  const skills = Array.from({ length: 9 }, (_, i) => ({ name: `voice-q${i + 1}`, channel: 'voice', target: 0.8, thresholdSec: 20, offered: () => 10 + i, serviceLevel: () => 0.8 }));
  const data = reportData({ intervals: 16, skills });

  it(`draws the ${SKILLS_SHOWN} busiest and says so; the tiles keep every skill`, () => {
    const chart = buildCharts(data).find((c) => c.name === 'skills-service-level')!;
    const panel = (chart.spec as unknown as { vconcat: Panel[] }).vconcat[0]!;
    expect(panel.title.text).toContain(`the ${SKILLS_SHOWN} busiest of 9 skills`);
    expect(panel.layer![0]!.encoding!.color!.scale.domain).toEqual(['voice-q9', 'voice-q8', 'voice-q7', 'voice-q6', 'voice-q5', 'voice-q4']);
    const tiles = skillTiles(data, chartScope(data));
    expect(tiles.match(/data-skill="/g)).toHaveLength(9);
    expect(tiles).toContain(`draw the ${SKILLS_SHOWN} busiest of these skills`);
  });

  it('a center without skills has no skill tiles or charts', () => {
    const plain = reportData({ intervals: 16 });
    expect(buildCharts(plain).map((c) => c.name).filter((n) => n.startsWith('skills-'))).toEqual([]);
    expect(reportHtml(plain, [])).not.toContain('Skills against target');
  });
});

describe('the heatmap of a week whose voice skills have their own targets', () => {
  // Voice has no target of its own (its skills' differ); email has one.
  const skills = [
    { name: 'voice-sales', channel: 'voice', target: 0.8, thresholdSec: 20, offered: () => 20, serviceLevel: () => 0.6 },
    { name: 'voice-support', channel: 'voice', target: 0.9, thresholdSec: 30, offered: () => 10, serviceLevel: () => 0.95 },
  ];
  const data = reportData({ intervals: 7 * 48, skills });
  data.summary.channels['voice']!['serviceLevelTarget'] = null;
  const heatmap = buildCharts(data).find((c) => c.name === 'heatmap')!.spec as unknown as { facet: { row: { sort: string[] } }; data: { values: { panel: string; gap: number }[] } };

  it('draws a panel per skill with a target where its channel has none, so the skills\' misses show', () => {
    expect(heatmap.facet.row.sort).toEqual(['voice-sales (voice): target 80 %', 'voice-support (voice): target 90 %', 'email: target 90 %']);
    const gaps = (panel: string) => [...new Set(heatmap.data.values.filter((v) => v.panel === panel).map((v) => Number(v.gap.toFixed(6))))];
    expect(gaps('voice-sales (voice): target 80 %')).toEqual([-0.2]);
    expect(gaps('voice-support (voice): target 90 %')).toEqual([0.05]);
  });
});


describe('the days of a center with skills', () => {
  // Two voice skills with their own targets over a week of half hours, one failing on weekdays.
  const weekday = (k: number) => Math.floor(k / 48) < 5;
  const skills = [
    { name: 'voice-sales', channel: 'voice', target: 0.8, thresholdSec: 20, offered: (k: number) => (weekday(k) ? 30 : 10) + (k % 3), serviceLevel: (k: number) => (weekday(k) ? 0.6 : 0.9) + 0.01 * (k % 5) },
    { name: 'voice-support', channel: 'voice', target: 0.9, thresholdSec: 30, offered: () => 12, serviceLevel: () => 0.95 },
    { name: 'chat-a', channel: 'chat', target: 0.8, thresholdSec: 60, offered: () => 5, serviceLevel: () => 1 },
    { name: 'chat-b', channel: 'chat', target: 0.8, thresholdSec: 60, offered: () => 4, serviceLevel: () => 0.99 },
  ];
  const data = reportData({ intervals: 7 * 48, skills });
  type Line = { day: number; key: string; value: number };
  type Row = { hconcat: [{ title: { text: string; subtitle: string[] }; layer: { data: { values: Line[] }; mark: { type: string }; encoding: { y: { field: string }; color?: { scale: { domain: string[] } } } }[] }, { data: { values: Line[] } }] };
  const chart = buildCharts(data).find((c) => c.name === 'skills-days');
  const rows = (chart?.spec as unknown as { vconcat: Row[] } | undefined)?.vconcat ?? [];

  it('draws each skill\'s service level per day, offered-weighted over its intervals, against its own target', () => {
    expect(rows.map((r) => r.hconcat[0].title.text)).toEqual(['voice: service level per day', 'chat: service level per day']);
    const voice = rows[0]!.hconcat[0];
    expect(voice.title.subtitle).toEqual(["targets dashed in each skill's colour, 2 skills"]);
    const lines = voice.layer[0]!.data.values;
    for (const skill of skills.slice(0, 2)) {
      for (let day = 1; day <= 7; day++) {
        let weight = 0;
        let sum = 0;
        for (let k = (day - 1) * 48; k < day * 48; k++) {
          weight += skill.offered(k);
          sum += skill.offered(k) * skill.serviceLevel(k);
        }
        const drawn = lines.filter((l) => l.key === skill.name && l.day === day);
        expect(drawn, `${skill.name} day ${day}`).toHaveLength(1);
        expect(drawn[0]!.value).toBeCloseTo(sum / weight, 12);
      }
    }
    // Targets that differ: a rule per skill at its target, in its colour.
    const rule = voice.layer.find((l) => l.mark.type === 'rule')!;
    expect(rule.data.values).toEqual([{ key: 'voice-sales', target: 0.8 }, { key: 'voice-support', target: 0.9 }]);
    expect(rule.encoding.color!.scale.domain).toEqual(['voice-sales', 'voice-support']);
    // Chat's skills share one target: one rule.
    expect(rows[1]!.hconcat[0].title.subtitle).toEqual(['target 80 % (dashed), 2 skills']);
  });

  it('draws the contacts each skill was offered per day beside it', () => {
    const offered = rows[0]!.hconcat[1].data.values;
    const monday = offered.find((l) => l.key === 'voice-sales' && l.day === 1)!;
    let total = 0;
    for (let k = 0; k < 48; k++) total += skills[0]!.offered(k);
    expect(monday.value).toBe(total);
    expect(offered.filter((l) => l.key === 'voice-support').map((l) => l.value)).toEqual(Array(7).fill(12 * 48));
  });

  it('tables each skill per day against its target, misses marked', () => {
    const page = reportHtml(data, []);
    const table = page.slice(page.indexOf('<h2>By day and skill</h2>'), page.indexOf('<h2>By interval on day'));
    const rows = [...table.matchAll(/<tr><td>day (\d+)<\/td><td>([^<]+)<\/td>(.*?)<\/tr>/g)].map((m) => ({ day: Number(m[1]), skill: m[2], cells: m[3]! }));
    expect(rows).toHaveLength(7 * 4);
    const cellsOf = (skill: string, day: number) => rows.find((r) => r.skill === skill && r.day === day)!.cells;
    // Weekdays voice-sales misses its 80 %; at the weekend it meets it; voice-support always meets its 90 %.
    expect(cellsOf('voice-sales', 1)).toMatch(/<td class="below">6\d\.\d %<\/td><td>80(\.0)? %<\/td>$/);
    expect(cellsOf('voice-sales', 6)).toMatch(/<td>9\d\.\d %<\/td><td>80(\.0)? %<\/td>$/);
    expect(cellsOf('voice-support', 1)).toMatch(/<td>95(\.0)? %<\/td><td>90(\.0)? %<\/td>$/);
    expect(reportHtml(reportData({ intervals: 16, skills }), [])).not.toContain('By day and skill');
  });

  it('is drawn only for a horizon of several days with a channel of several skills', () => {
    expect(buildCharts(reportData({ intervals: 16, skills })).map((c) => c.name)).not.toContain('skills-days');
    expect(buildCharts(reportData({ intervals: 7 * 48 })).map((c) => c.name)).not.toContain('skills-days');
    expect(buildCharts(data).map((c) => c.name).slice(0, 3)).toEqual(['days', 'skills-days', 'average-day']);
  });
});

describe('skills drawn one over another', () => {
  const at = (key: string, values: number[]) => values.map((value, x) => ({ key, x, value }));

  it('names a skill whose line lies exactly under a later one, and no other', () => {
    const points = [...at('a', [1, 1, 0.5]), ...at('b', [1, 0.9, 0.5]), ...at('c', [1, 1, 0.5])];
    expect(hiddenLines(points, ['a', 'b', 'c'], (p) => p.x)).toBe('a under c (the same values)');
    // Equal at some points only, or over different intervals: both lines show somewhere.
    expect(hiddenLines([...at('a', [1, 1]), ...at('b', [1, 0.99])], ['a', 'b'], (p) => p.x)).toBeNull();
    expect(hiddenLines([...at('a', [1, 1]), ...at('b', [1, 1, 1])], ['a', 'b'], (p) => p.x)).toBeNull();
    expect(hiddenLines([...at('a', [1]), ...at('b', [1]), ...at('c', [1])], ['a', 'b', 'c'], (p) => p.x)).toBe('a under b, b under c (the same values)');
  });

  it('says so in the panel of skills at the same service level every interval', () => {
    const both = (name: string) => ({ name, channel: 'chat', target: 0.8, thresholdSec: 60, offered: () => 5, serviceLevel: () => 1, asa: (k: number) => (name === 'chat-a' ? 2 : 3) + (k % 2) });
    const chart = buildCharts(reportData({ intervals: 16, skills: [both('chat-a'), both('chat-b')] }));
    const panel = (name: string) => (chart.find((c) => c.name === name)!.spec as unknown as { vconcat: { title: { subtitle?: string } }[] }).vconcat[0]!;
    expect(panel('skills-service-level').title.subtitle).toBe('chat-a under chat-b (the same values)');
    // Their waits differ: both lines show, nothing said.
    expect(panel('skills-waits').title.subtitle).toBeUndefined();
  });
});
