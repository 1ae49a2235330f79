// report.html: one self-contained page (no script, no network: the charts are inline SVG and a
// content security policy forbids fetching anything) with the run's header, KPI tiles per
// channel against target, the charts, the interval table and how to reproduce the run.
// Every text that comes from a scenario is escaped. Durations read in the unit people use
// (`4 h`, not `14400`); a tile says how many intervals met the target, not only the mean.
import type { Chart, ChartScope } from './charts.js';
import { CHANNEL_COLORS, SKILL_PALETTE, chartScope, skillChannels } from './charts.js';
import type { Estimate, ReportData, Row } from './folder-data.js';
import { formatDuration } from './format.js';
import { dayFigures, dayOf } from './horizon.js';
import { capacitySavingSplit } from './messages.js';

/** Markup characters as entities; control characters (not allowed in HTML) as U+FFFD. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd');
}

function mean(value: Estimate | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : value.mean;
}

function ci(value: Estimate | number | null | undefined): number | null {
  return value !== null && value !== undefined && typeof value !== 'number' ? value.ci95 : null;
}

function pct(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(digits)} %`;
}

function num(x: number | null, digits = 1): string {
  return x === null || !Number.isFinite(x) ? '–' : x.toFixed(digits);
}

function plusMinus(x: Estimate | number | null | undefined, format: (v: number | null) => string): string {
  const half = ci(x);
  return half === null || !Number.isFinite(half) ? '' : ` <span class="ci">± ${format(half)}</span>`;
}

function duration(x: number | null): string {
  return x === null ? '–' : formatDuration(x);
}

/** Intervals (with contacts offered) of a channel (or a skill: `keyColumn` 'skill') that met the service-level target. */
export function intervalsMeetingTarget(rows: readonly Row[], channel: string, target: number, keyColumn = 'channel'): { met: number; judged: number } {
  let met = 0;
  let judged = 0;
  for (const r of rows) {
    if (r[keyColumn] !== channel) continue;
    const sl = r['serviceLevel'] as number;
    if (!Number.isFinite(sl) || !((r['offered'] as number) > 0)) continue;
    judged++;
    if (sl >= target) met++;
  }
  return { met, judged };
}

type Figures = Readonly<Record<string, Estimate | number | string | null>>;

/**
 * One tile: service level against target with how many intervals met it, volumes and waits.
 * `kind` says what the name is: a channel (rows of intervals.csv) or a skill (of skills.csv).
 */
function tile(data: ReportData, scope: ChartScope, name: string, figures: Figures, kind: 'channel' | 'skill', swatch: string, note = '', heading = name): string {
  const sl = mean(figures['serviceLevel'] as Estimate);
  const target = mean(figures['serviceLevelTarget'] as number | null);
  const thresholdSec = figures['serviceLevelThresholdSec'];
  const count = target === null ? null : intervalsMeetingTarget(kind === 'channel' ? data.intervals : data.skills, name, target, kind);
  const missed = target !== null && sl !== null && sl < target;
  const someMissed = !missed && count !== null && count.met < count.judged;
  const met = target !== null && sl !== null && !missed && !someMissed;
  const breach = mean(figures['responseBreachRate'] as Estimate);
  const lines = [
    `<div class="big">${pct(sl)}${plusMinus(figures['serviceLevel'] as Estimate, (v) => pct(v))}</div>`,
    `<div>service level${target === null ? '' : ` · target ${pct(target, 0)}`}${typeof thresholdSec === 'number' ? ` in ${escapeHtml(formatDuration(thresholdSec))}` : ''}</div>`,
    count === null || count.judged === 0 ? '' : `<div class="intervals-met"><strong>${count.met} of ${count.judged}</strong> ${escapeHtml(scope.horizon.intervalName)} met the target</div>`,
    `<div>offered ${num(mean(figures['offered'] as Estimate), 0)} · ASA ${duration(mean(figures['asa'] as Estimate))} · abandoned ${pct(mean(figures['abandonRate'] as Estimate))}</div>`,
    breach === null ? '' : `<div>reply breaches ${pct(breach)}</div>`,
    note,
  ];
  const state = missed ? 'missed' : someMissed ? 'partly' : met ? 'met' : 'none';
  const flag = missed ? ' <span class="flag">target missed</span>' : someMissed ? ` <span class="flag">${count!.judged - count!.met} ${escapeHtml(count!.judged - count!.met === 1 ? scope.horizon.intervalName.replace(/s$/, '') : scope.horizon.intervalName)} below target</span>` : '';
  return `<section class="tile ${state}" data-${kind}="${escapeHtml(name)}"><h3><span class="swatch" style="background:${swatch}"></span>${escapeHtml(heading)}${flag}</h3>${lines.join('')}</section>`;
}

/**
 * Skills against target, grouped by channel: for each channel of several skills, a heading
 * with the channel's totals and a tile per skill (the channel's own tile mixes the skills'
 * thresholds). Empty when no channel has several skills.
 */
/** The skill tiles of report.html under their heading; nothing for a center without channels of several skills. */
export function skillTiles(data: ReportData, scope: ChartScope): string {
  const groups = skillTileGroups(data, scope);
  if (groups === '') return '';
  return `<h2>Skills against target</h2>\n<p>Each skill against its own target and threshold, grouped by channel; the channel tiles above add its skills together.</p>\n${groups}`;
}

/** A tile per skill, grouped under each channel of several skills (the workbench shows them under a heading of its own); '' when none. */
export function skillTileGroups(data: ReportData, scope: ChartScope): string {
  const sets = skillChannels(data);
  if (sets.length === 0) return '';
  const skills = data.summary.skills ?? {};
  const groups = sets.map((set) => {
    const channel = data.summary.channels[set.channel];
    const totals = channel ? ` · offered ${num(mean(channel['offered'] as Estimate), 0)} · abandoned ${pct(mean(channel['abandonRate'] as Estimate))}` : '';
    const cards = set.skills.map((skill) => tile(data, scope, skill, skills[skill]!, 'skill', SKILL_PALETTE[Math.max(0, set.shown.indexOf(skill)) % SKILL_PALETTE.length]!));
    const swatch = CHANNEL_COLORS[set.channel] ?? '#555555';
    const hidden = set.skills.length - set.shown.length;
    const note = hidden > 0 ? `<p class="note">The charts draw the ${set.shown.length} busiest of these skills; <code>skills.csv</code> has every skill's intervals.</p>` : '';
    return `<section class="skill-channel" data-channel="${escapeHtml(set.channel)}"><h3><span class="swatch" style="background:${swatch}"></span>${escapeHtml(set.channel)}: ${set.skills.length} skills${totals}</h3>${note}<div class="tiles">${cards.join('\n')}</div></section>`;
  });
  return groups.join('\n');
}

/**
 * The one service-level threshold of every inbound channel and skill, or null when they differ.
 * A channel of several skills has none of its own: its skills' count.
 */
function sharedThreshold(data: ReportData): number | null {
  const figures = [
    ...Object.entries(data.summary.channels).filter(([c]) => c !== 'all' && !c.startsWith('outbound-')).map(([, f]) => f),
    ...Object.values(data.summary.skills ?? {}),
  ];
  const seconds = new Set(figures.map((f) => f['serviceLevelThresholdSec']).filter((t) => typeof t === 'number'));
  const [only] = seconds;
  return seconds.size === 1 ? (only as number) : null;
}

/** ` (thresholds 20 s and 30 s)` when the skills' service-level thresholds differ, else ` (threshold 20 s)`. */
function skillThresholds(data: ReportData, skills: readonly string[]): string {
  const seconds = [...new Set(skills.map((s) => data.summary.skills?.[s]?.['serviceLevelThresholdSec']).filter((t): t is number => typeof t === 'number'))].sort((a, b) => a - b);
  if (seconds.length === 0) return '';
  const text = seconds.map((t) => escapeHtml(formatDuration(t)));
  return seconds.length === 1 ? ` (threshold ${text[0]})` : ` (thresholds ${text.slice(0, -1).join(', ')} and ${text[text.length - 1]})`;
}

export function tiles(data: ReportData, scope: ChartScope): string {
  const sets = skillChannels(data);
  const out: string[] = [];
  const thresholds: string[] = [];
  for (const [channel, figures] of Object.entries(data.summary.channels)) {
    if (channel.startsWith('outbound-') || channel === 'all') continue;
    const thresholdSec = figures['serviceLevelThresholdSec'];
    if (typeof thresholdSec === 'number') thresholds.push(`${escapeHtml(channel)} ${formatDuration(thresholdSec)}`);
    // A channel of several skills has no target of its own: its service level adds skills of different thresholds.
    const set = sets.find((c) => c.channel === channel);
    const note = set ? `<div class="note">${set.skills.length} skills${skillThresholds(data, set.skills)}: each against its own target below</div>` : '';
    out.push(tile(data, scope, channel, figures, 'channel', CHANNEL_COLORS[channel] ?? '#555555', note));
  }
  const all = data.summary.channels['all'];
  const shared = sharedThreshold(data);
  if (all && shared !== null) {
    // One threshold everywhere: the service level of all channels together means something.
    out.push(tile(data, scope, 'all', { ...all, serviceLevelThresholdSec: shared }, 'channel', CHANNEL_COLORS['all'] ?? '#555555', '<div class="note">every channel and skill has this threshold</div>', 'all channels'));
  } else if (all) {
    // The service level of all channels together mixes thresholds (20 s, 60 s, 4 h): not shown.
    out.push(
      `<section class="tile none" data-channel="all"><h3><span class="swatch" style="background:${CHANNEL_COLORS['all']}"></span>all channels</h3><div class="big">${num(mean(all['offered'] as Estimate), 0)}</div><div>offered · abandoned ${pct(mean(all['abandonRate'] as Estimate))}</div><div class="note">no service level across channels: their thresholds differ${thresholds.length > 0 ? ` (${thresholds.join(', ')})` : ''}</div></section>`,
    );
  }
  return out.join('\n');
}

function capacityLine(data: ReportData, scope: ChartScope): string {
  const planned = data.capacity.filter((r) => r['planned'] === 'true');
  if (planned.length === 0) return '';
  const sum = (field: string) => planned.reduce((total, r) => total + (r[field] as number), 0);
  const erlang = sum('erlangC');
  const required = sum('required');
  const scheduled = sum('scheduled');
  const saving = erlang > 0 ? (1 - required / erlang) * 100 : 0;
  // Folders written before the OSH-off run have no oshOff column: no split then.
  const split = planned.every((r) => typeof r['oshOff'] === 'number' && !Number.isNaN(r['oshOff'])) ? ` ${escapeHtml(capacitySavingSplit(erlang, sum('oshOff'), required))}.` : '';
  const shown = planned.filter((r) => scope.intervals.has(r['interval'] as number));
  const rows = shown.map(
    (r) =>
      `<tr><td>${escapeHtml(String(r['start']))}</td><td>${escapeHtml(String(r['group']))}</td><td>${num(r['required'] as number, 0)}</td><td>${num(r['erlangC'] as number, 0)}</td><td>${num(r['scheduled'] as number, 0)}</td><td>${escapeHtml(String(r['binding'] ?? ''))}</td></tr>`,
  );
  const which = scope.busiest ? `<p>Day ${scope.busiest.day}, the busiest, per interval; <code>capacity.csv</code> has every interval.</p>` : '';
  return `<h2>Capacity plan</h2><p class="capacity">This run staffs the capacity plan: ${required} agent-intervals required by simulation against ${erlang} by Erlang C channel by channel (${saving.toFixed(0)} % fewer), ${scheduled} scheduled with shrinkage.${split} Every interval's targets are met in this run; <code>capacity.csv</code> has the plan and the figures achieved, <code>requirements.csv</code> the requirement to import into a WFM tool.</p>
${which}<div class="scroll"><table class="capacity-plan"><thead><tr><th>interval</th><th>group</th><th>required (simulated)</th><th>Erlang C</th><th>scheduled</th><th>binding target</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export function groupTable(data: ReportData): string {
  const rows = Object.entries(data.summary.groups).map(
    ([group, f]) =>
      `<tr><td>${escapeHtml(group)}</td><td>${num(mean(f['agents']))}</td><td>${pct(mean(f['occupancy']))}${plusMinus(f['occupancy'], (v) => pct(v))}</td><td>${pct(mean(f['utilization']))}</td><td>${num(mean(f['concurrencyMean']), 2)}</td><td>${num(mean(f['concurrencyBusyMean']), 2)}</td></tr>`,
  );
  return `<table><thead><tr><th>group</th><th>agents</th><th>occupancy</th><th>utilization</th><th>contacts held</th><th>held while busy</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function sessionLine(data: ReportData): string {
  const s = data.summary.sessions;
  const sessions = mean(s['sessions']);
  if (!sessions) return '';
  const pairs = Object.entries(data.summary.elevations)
    .map(([pair, e]) => `${escapeHtml(pair)} ${num(e.mean)}`)
    .join(' · ');
  return `<p>${num(sessions)} omnichannel sessions per replication, ${num(mean(s['sessionDuration']), 0)} s long on average, ${num(mean(s['contactsPerSession']), 2)} contacts each. Elevations: ${pairs}; deferred ${num(mean(s['elevationsDeferred']))}, dropped ${num(mean(s['elevationsDropped']))}.</p>`;
}

const INTERVAL_COLUMNS: [string, string, (v: number) => string][] = [
  ['offered', 'offered', (v) => num(v)],
  ['serviceLevel', 'service level', (v) => pct(v)],
  ['asa', 'ASA', (v) => formatDuration(v)],
  ['waitP90', 'wait P90', (v) => formatDuration(v)],
  ['abandonRate', 'abandoned', (v) => pct(v)],
  ['aht', 'AHT', (v) => formatDuration(v)],
  ['responseBreachRate', 'reply breaches', (v) => pct(v)],
];

function intervalTable(rows: readonly Row[], scope: ChartScope): string {
  const body = rows
    .filter((r) => !String(r['channel']).startsWith('outbound-') && scope.intervals.has(r['interval'] as number))
    .map((r) => {
      const cells = INTERVAL_COLUMNS.map(([field, , format]) => `<td>${format(r[field] as number)}</td>`).join('');
      return `<tr><td>${escapeHtml(String(r['start']))}</td><td>${escapeHtml(String(r['channel']))}</td>${cells}</tr>`;
    });
  return `<table class="intervals"><thead><tr><th>interval</th><th>channel</th>${INTERVAL_COLUMNS.map(([, title]) => `<th>${title}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * A long horizon's table per day and key (channel or skill): volumes and the day's service
 * level against the key's target, a miss in red.
 */
function daysTable(figures: readonly { day: number; key: string; measure: string; value: number }[], keys: readonly string[], keyTitle: string, targetOf: (key: string) => unknown, className: string): string {
  const cell = new Map(figures.map((f) => [`${f.day}:${f.key}:${f.measure}`, f.value]));
  const days = [...new Set(figures.map((f) => f.day))];
  const body = days.flatMap((day) =>
    keys.map((key) => {
      const at = (m: string) => cell.get(`${day}:${key}:${m}`) ?? Number.NaN;
      const target = targetOf(key);
      const sl = at('service level');
      const missed = typeof target === 'number' && Number.isFinite(sl) && sl < target;
      return `<tr><td>day ${day}</td><td>${escapeHtml(key)}</td><td>${num(at('offered'))}</td><td>${num(at('handled'))}</td><td>${num(at('abandoned'))}</td><td${missed ? ' class="below"' : ''}>${pct(sl)}</td><td>${typeof target === 'number' ? pct(target) : '-'}</td></tr>`;
    }),
  );
  return `<table class="${className}"><thead><tr><th>day</th><th>${keyTitle}</th><th>offered</th><th>handled</th><th>abandoned</th><th>service level</th><th>target</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/** Per day and channel (a channel of several skills has no target of its own: each skill has). */
function dayTable(data: ReportData, scope: ChartScope): string {
  const channels = Object.keys(data.summary.channels).filter((c) => c !== 'all' && !c.startsWith('outbound-'));
  const { figures } = dayFigures(data, scope.horizon, channels, 'channel');
  return daysTable(figures, channels, 'channel', (channel) => data.summary.channels[channel]?.['serviceLevelTarget'], 'days');
}

/** Per day and skill, for channels of several skills (every skill, not only those the charts draw); empty without such channels. */
function skillDayTable(data: ReportData, scope: ChartScope): string {
  const skills = skillChannels(data).flatMap((set) => set.skills);
  if (skills.length === 0 || (data.skills.length === 0 && data.skillDays.length === 0)) return '';
  const { figures } = dayFigures(data, scope.horizon, skills, 'skill');
  const table = daysTable(figures, skills, 'skill', (skill) => data.summary.skills?.[skill]?.['serviceLevelTarget'], 'skill-days');
  return `<h2>By day and skill</h2>\n<div class="scroll">${table}</div>`;
}

/** The sentence naming the busiest day of a long horizon (the day the per-interval charts show). */
export function busiestDayLine(scope: ChartScope): string {
  if (!scope.busiest) return '';
  const first = scope.horizon.startHours[0] ?? 0;
  const last = dayOf((scope.horizon.startHours[scope.horizon.startHours.length - 1] ?? 0)) + 1;
  return `<p class="busiest">The horizon runs ${scope.horizon.days} days (day ${dayOf(first) + 1} to day ${last}): the charts below show it per day, as an average day and day by time of day; the per-interval charts and table show <strong>day ${scope.busiest.day}, the busiest</strong> (${num(scope.busiest.offered, 0)} contacts offered). <code>intervals.csv</code> has every interval.</p>`;
}

export const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9}
header{background:#1f2a44;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:2px 0;opacity:.9}
main{padding:18px 28px;max-width:1180px}h2{margin:28px 0 10px;font-size:17px}
.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{background:#fff;border-radius:8px;padding:12px 14px;min-width:210px;border-left:6px solid #999;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.tile.met{border-left-color:#2e9d4f}.tile.partly{border-left-color:#e0a100;background:#fffaf0}.tile.partly .flag{color:#8a6100}.note{font-size:12px;color:#555;max-width:240px}.tile.missed{border-left-color:#d62728;background:#fff1f0}.tile h3{margin:0 0 6px;font-size:15px}.skill-channel{margin:14px 0}.skill-channel>h3{margin:0 0 8px;font-size:15px;font-weight:600}.tile .big{font-size:24px;font-weight:600}
.tile.missed .big{color:#c0161d}.flag{color:#c0161d;font-size:12px;font-weight:600}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.ci{font-size:12px;color:#666;font-weight:400}figure{background:#fff;margin:14px 0;padding:12px;border-radius:8px;box-shadow:0 1px 2px rgba(0,0,0,.08);overflow-x:auto}
figcaption{font-weight:600;margin-bottom:6px}table{border-collapse:collapse;background:#fff;font-size:12.5px}th,td{padding:4px 8px;border-bottom:1px solid #e5e5e5;text-align:right}
th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}.scroll{max-height:480px;overflow:auto;border-radius:8px}
td.below{color:#c0161d;font-weight:600}code,pre{background:#eef0f4;border-radius:4px;padding:2px 5px}pre{padding:10px;white-space:pre-wrap}`;

export function reportHtml(data: ReportData, charts: readonly { chart: Chart; svg: string }[]): string {
  const { summary, run } = data;
  const scope = chartScope(data);
  const title = `osh-sim report: ${summary.scenario}`;
  const figures = charts.map(({ chart, svg }) => `<figure id="chart-${chart.name}"><figcaption>${escapeHtml(chart.title)}</figcaption>${svg}</figure>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1 id="scenario-name">${escapeHtml(summary.scenario)}</h1>
${summary.description ? `<p>${escapeHtml(summary.description)}</p>` : ''}
<p>seed ${escapeHtml(String(summary.seed))} · ${escapeHtml(String(summary.replications))} replications (means ± 95 % half-widths) · ${run.eventsSimulated.toLocaleString('en-US')} events in ${num(run.wallTimeSec, 2)} s · osh-sim ${escapeHtml(run.version)}</p>
</header>
<main>
${capacityLine(data, scope)}
<h2>Channels against target</h2>
<div class="tiles">${tiles(data, scope)}</div>
${skillTiles(data, scope)}
<h2>Agent groups</h2>
${groupTable(data)}
${sessionLine(data)}
<h2>Charts</h2>
${busiestDayLine(scope)}
${figures}
${scope.busiest ? `<h2>By day</h2>\n<div class="scroll">${dayTable(data, scope)}</div>\n${skillDayTable(data, scope)}\n<h2>By interval on day ${scope.busiest.day}, the busiest</h2>` : '<h2>By interval</h2>'}
<div class="scroll">${intervalTable(data.intervals, scope)}</div>
<h2>Reproduce this run</h2>
<pre>${escapeHtml(run.command.replace(/^osh-sim /, 'npx osh-sim '))}</pre>
<p>The same scenario file and seed give the same figures, byte for byte, on any machine.</p>
</main>
</body>
</html>
`;
}
