// The planner's files (DESIGN "Planner's files"): a forecast (volume and mean handle time per
// interval and queue) and a schedule (agents, and optionally shrinkage, per interval and group),
// as WFM tools export them. Pure: text in, tables per interval out, every bad line reported
// with its line number and column. Exports `parseForecast`, `parseSchedule`, `parseIntervalLabel`.
import { parse } from 'csv-parse/sync';
import type { InputIssue } from '../errors.js';
import { suggestion } from '../suggest.js';
import { horizonStartMinute } from './horizon.js';
import { plannerMessages as say } from './messages.js';
import { writtenSkills } from './skills.js';
import type { WrittenScenario } from './schema.js';

/** Where the horizon lies on the clock: what an interval label is matched against. */
export interface HorizonClock {
  readonly intervalMinutes: number;
  readonly intervals: number;
  /** Minutes after midnight of the first interval's start. */
  readonly startMinute: number;
}

/** Volumes and handle times per interval of each queue named in a forecast. */
export interface Forecast {
  /** Contacts arriving in each interval; intervals the file leaves out are 0. */
  readonly volumes: ReadonlyMap<string, readonly number[]>;
  /** Mean handle time (s) of contacts arriving in each interval; NaN where the file gives none. */
  readonly aht: ReadonlyMap<string, readonly number[]>;
  /** `YYYY-MM-DD` of day 1 when the file's intervals are dated, else null. */
  readonly firstDate: string | null;
}

/** Logged-in agents (and shrinkage) per interval of each group named in a schedule. */
export interface Schedule {
  /** Agents logged in during each interval; intervals the file leaves out are 0. */
  readonly agents: ReadonlyMap<string, readonly number[]>;
  /** Share of paid time lost to breaks, meetings, absence (0 ≤ s < 1); null when no column. */
  readonly shrinkage: ReadonlyMap<string, readonly number[]> | null;
  readonly firstDate: string | null;
}

/** Bad lines reported per file before the rest is summed up as a count. */
const MAX_ISSUES = 20;

export const FORECAST_COLUMNS = ['interval', 'skill', 'volume', 'aht'] as const;
export const SCHEDULE_COLUMNS = ['interval', 'group', 'agents', 'shrinkage'] as const;
/** Header words WFM exports use for the same column. */
const COLUMN_ALIASES: Readonly<Record<string, string>> = { queue: 'skill', channel: 'skill', start: 'interval', staff: 'agents', volumes: 'volume' };

type Cell = (name: string) => string | undefined;

interface Table {
  readonly rows: { readonly line: number; readonly cell: Cell }[];
  readonly firstDate: string | null;
}

/**
 * `08:30` (day 1), `d2 08:30` (day 2), or an ISO date-time `2026-03-02T08:30` (day 1 is the
 * earliest date in the file) → index of the reporting interval starting then, or a message.
 */
export function parseIntervalLabel(text: string, clock: HorizonClock, firstDate: string | null): number | string {
  const t = text.trim();
  const plain = /^(?:d(\d{1,5})\s+)?(\d{1,2}):(\d{2})$/.exec(t);
  const dated = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::00)?$/.exec(t);
  let day: number;
  let hh: number;
  let mm: number;
  if (plain) {
    day = plain[1] === undefined ? 0 : Number(plain[1]) - 1;
    if (day < 0) return say.dayZero(t);
    [hh, mm] = [Number(plain[2]), Number(plain[3])];
  } else if (dated) {
    const date = dayNumber(dated[1]!);
    if (date === null) return say.notACalendarDate(t);
    day = firstDate === null ? 0 : date - dayNumber(firstDate)!;
    [hh, mm] = [Number(dated[2]), Number(dated[3])];
  } else {
    return say.notAnIntervalStart(t);
  }
  if (hh > 23 || mm > 59) return say.notATimeOfDay(t);
  const minutesFromStart = day * 1440 + hh * 60 + mm - clock.startMinute;
  const index = minutesFromStart / clock.intervalMinutes;
  if (!Number.isInteger(index)) {
    return say.notOnTheGrid(t, clock.intervalMinutes, clockText(clock.startMinute));
  }
  if (index < 0 || index >= clock.intervals) {
    return say.notOnTheHorizon(t, clock.intervals, clock.intervalMinutes, clockText(clock.startMinute));
  }
  return index;
}

/** Days since 1970-01-01 of a real `YYYY-MM-DD` date (2026-02-30 is none), else null. */
function dayNumber(date: string): number | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

function clockText(minute: number): string {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** CSV text → rows with named cells, after checking the header. Pushes issues; null when unusable. */
function readTable(text: string, what: string, known: readonly string[], required: readonly string[], dayOne: string | null, issues: InputIssue[]): Table | null {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    issues.push({ path: line === undefined ? '' : `line ${line}`, message: say.notCsv(error instanceof Error ? error.message.split('\n')[0]! : String(error)) });
    return null;
  }
  if (records.length === 0) {
    issues.push({ path: '', message: say.emptyFile(required, what) });
    return null;
  }
  const header = records[0]!.map((h) => {
    const name = h.toLowerCase();
    return COLUMN_ALIASES[name] ?? name;
  });
  const before = issues.length;
  header.forEach((name, i) => {
    if (!known.includes(name)) issues.push({ path: 'line 1', message: say.unknownColumn(records[0]![i]!, suggestion(name, known), known) });
    else if (header.indexOf(name) !== i) issues.push({ path: 'line 1', message: say.columnTwice(name) });
  });
  for (const name of required) {
    if (!header.includes(name)) issues.push({ path: 'line 1', message: say.missingColumn(name, known) });
  }
  if (issues.length > before) return null;
  const rows = records.slice(1).map((record, r) => ({
    line: r + 2,
    cell: (name: string) => {
      const at = header.indexOf(name);
      return at < 0 ? undefined : record[at];
    },
  }));
  // Day 1 of a dated file is its earliest date, so rows may come in any order; a second file
  // keeps the first one's calendar.
  let firstDate: string | null = dayOne;
  if (dayOne !== null) return { rows, firstDate };
  for (const row of rows) {
    const date = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(row.cell('interval') ?? '')?.[1];
    if (date !== undefined && dayNumber(date) !== null && (firstDate === null || date < firstDate)) firstDate = date;
  }
  return { rows, firstDate };
}

function number(text: string | undefined, line: number, column: string, wanted: string, valid: (n: number) => boolean, issues: InputIssue[]): number | null {
  const t = (text ?? '').trim();
  const value = Number(t);
  if (t === '' || !Number.isFinite(value) || !valid(value)) {
    issues.push({ path: `line ${line}, ${column}`, message: say.badNumber(wanted, t) });
    return null;
  }
  return value;
}

/** A name cell resolved against the names the scenario knows, or an issue with a suggestion. */
function knownName(text: string | undefined, line: number, column: string, known: readonly string[], what: string, issues: InputIssue[]): string | null {
  const t = (text ?? '').trim();
  const exact = known.find((k) => k === t) ?? known.find((k) => k.toLowerCase() === t.toLowerCase());
  if (exact !== undefined) return exact;
  issues.push({ path: `line ${line}, ${column}`, message: say.unknownName(t, what, suggestion(t, known), known) });
  return null;
}

function tooMany(issues: InputIssue[], start: number, rows: number): boolean {
  if (issues.length - start < MAX_ISSUES) return false;
  issues.push({ path: '', message: say.moreProblems(MAX_ISSUES, rows) });
  return true;
}

/**
 * A forecast: columns `interval`, `skill` (a queue of the scenario: a skill or a channel name),
 * `volume` (contacts in the interval), optional `aht` (mean handle time, s). `limits.ahtSec`
 * bounds a handle time; `limits.volume` a volume.
 */
export function parseForecast(
  text: string,
  queues: readonly string[],
  clock: HorizonClock,
  limits: { readonly ahtSec: number; readonly volume: number },
  issues: InputIssue[],
): Forecast {
  const volumes = new Map<string, number[]>();
  const aht = new Map<string, number[]>();
  const start = issues.length;
  const table = readTable(text, 'skill', FORECAST_COLUMNS, ['interval', 'skill', 'volume'], null, issues);
  if (table === null) return { volumes, aht, firstDate: null };
  const seen = new Set<string>();
  for (const { line, cell } of table.rows) {
    if (tooMany(issues, start, table.rows.length)) break;
    const index = intervalCell(cell, line, clock, table.firstDate, issues);
    const queue = knownName(cell('skill'), line, 'skill', queues, 'skill or channel', issues);
    const volume = number(cell('volume'), line, 'volume', say.volumeWanted(limits.volume), (n) => n >= 0 && n <= limits.volume, issues);
    const ahtText = cell('aht');
    const handle =
      ahtText === undefined || ahtText.trim() === ''
        ? Number.NaN
        : number(ahtText, line, 'aht', say.ahtWanted(limits.ahtSec), (n) => n > 0 && n <= limits.ahtSec, issues);
    if (index === null || queue === null || volume === null || handle === null) continue;
    const key = `${queue}\u0000${index}`;
    if (seen.has(key)) {
      issues.push({ path: `line ${line}, interval`, message: say.repeatedSkill(queue, cell('interval') ?? '') });
      continue;
    }
    seen.add(key);
    rowOf(volumes, queue, clock.intervals, 0)[index] = volume;
    rowOf(aht, queue, clock.intervals, Number.NaN)[index] = handle;
  }
  return { volumes, aht, firstDate: table.firstDate };
}

/**
 * A schedule: columns `interval`, `group` (a group of the scenario), `agents` (logged in, a
 * whole number), optional `shrinkage` (0 to below 1). `dayOne`: the date of day 1 when a dated
 * forecast already fixed it (the schedule then keeps that calendar).
 */
export function parseSchedule(
  text: string,
  groups: readonly string[],
  clock: HorizonClock,
  maxAgents: number,
  dayOne: string | null,
  issues: InputIssue[],
): Schedule {
  const agents = new Map<string, number[]>();
  const start = issues.length;
  const table = readTable(text, 'group', SCHEDULE_COLUMNS, ['interval', 'group', 'agents'], dayOne, issues);
  if (table === null) return { agents, shrinkage: null, firstDate: null };
  const hasShrinkage = table.rows.some((row) => row.cell('shrinkage') !== undefined);
  const shrinkage = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const { line, cell } of table.rows) {
    if (tooMany(issues, start, table.rows.length)) break;
    const index = intervalCell(cell, line, clock, table.firstDate, issues);
    const group = knownName(cell('group'), line, 'group', groups, 'group', issues);
    const count = number(cell('agents'), line, 'agents', say.agentsWanted(maxAgents), (n) => Number.isInteger(n) && n >= 0 && n <= maxAgents, issues);
    const shrinkText = cell('shrinkage');
    const shrink =
      shrinkText === undefined || shrinkText.trim() === '' ? 0 : number(shrinkText, line, 'shrinkage', say.shrinkageWanted(), (n) => n >= 0 && n < 1, issues);
    if (index === null || group === null || count === null || shrink === null) continue;
    const key = `${group}\u0000${index}`;
    if (seen.has(key)) {
      issues.push({ path: `line ${line}, interval`, message: say.repeatedGroup(group, cell('interval') ?? '') });
      continue;
    }
    seen.add(key);
    rowOf(agents, group, clock.intervals, 0)[index] = count;
    if (hasShrinkage) rowOf(shrinkage, group, clock.intervals, 0)[index] = shrink;
  }
  return { agents, shrinkage: hasShrinkage ? shrinkage : null, firstDate: table.firstDate };
}

function intervalCell(cell: Cell, line: number, clock: HorizonClock, firstDate: string | null, issues: InputIssue[]): number | null {
  const index = parseIntervalLabel(cell('interval') ?? '', clock, firstDate);
  if (typeof index === 'string') {
    issues.push({ path: `line ${line}, interval`, message: index });
    return null;
  }
  return index;
}

function rowOf(table: Map<string, number[]>, name: string, intervals: number, fill: number): number[] {
  let row = table.get(name);
  if (row === undefined) {
    row = new Array<number>(intervals).fill(fill);
    table.set(name, row);
  }
  return row;
}

/** The planner's files' figures that the written scenario has no field for. */
export interface PlannerTables {
  /** Per channel (skill), the forecast's mean handle time per interval (NaN: the distribution's own). */
  readonly aht: ReadonlyMap<string, readonly number[]>;
  /** Per group, the schedule's shrinkage per interval. */
  readonly shrinkage: ReadonlyMap<string, readonly number[]>;
  /** `YYYY-MM-DD` of day 1 when a file was dated. */
  readonly firstDate: string | null;
}

export const NO_PLANNER_TABLES: PlannerTables = { aht: new Map(), shrinkage: new Map(), firstDate: null };

/** The text of each planner's file a scenario names, read by the caller. */
export interface PlannerTexts {
  readonly forecast?: { readonly text: string; readonly shownAs: string };
  readonly schedule?: { readonly text: string; readonly shownAs: string };
}

/** Problems found, by the file they are in: the scenario's own fields, or a line of a planner's file. */
export interface PlannerIssues {
  readonly scenario: InputIssue[];
  readonly files: Map<string, InputIssue[]>;
}

/**
 * The written scenario with the forecast's volumes as each channel's `arrivals.volumes` and the
 * schedule's agents as each group's `staffing`, so every rule and limit applies to them as if
 * written inline. A channel or group given both inline and in a file is refused.
 */
export function withPlannerFiles(
  written: WrittenScenario,
  texts: PlannerTexts,
  limits: { readonly ahtSec: number; readonly volume: number; readonly agents: number },
  issues: PlannerIssues,
): { readonly written: WrittenScenario; readonly tables: PlannerTables } {
  const clock: HorizonClock = { intervalMinutes: written.horizon.intervalMinutes, intervals: written.horizon.intervals, startMinute: horizonStartMinute(written) };
  let channels = written.channels;
  let agents = written.agents;
  let firstDate: string | null = null;
  let aht: ReadonlyMap<string, readonly number[]> = new Map();
  let shrinkage: ReadonlyMap<string, readonly number[]> = new Map();
  let skills = written.skills;
  if (texts.forecast !== undefined) {
    const fileIssues: InputIssue[] = [];
    // A row names a queue: a skill, a channel entry, or a channel of exactly one skill.
    const queues = writtenSkills(written);
    const channelNames = [...new Set(queues.map((q) => q.channel))].filter((c) => !queues.some((q) => q.skill === c));
    const forecast = parseForecast(texts.forecast.text, [...queues.map((q) => q.skill), ...channelNames], clock, limits, fileIssues);
    firstDate = forecast.firstDate;
    const mergedChannels: Record<string, unknown> = { ...(written.channels ?? {}) };
    const mergedSkills: Record<string, unknown> = { ...(written.skills ?? {}) };
    const ahtByQueue = new Map<string, readonly number[]>();
    for (const [name, volumes] of forecast.volumes) {
      let queue = queues.find((q) => q.skill === name);
      if (queue === undefined) {
        const ofChannel = queues.filter((q) => q.channel === name);
        if (ofChannel.length !== 1) {
          fileIssues.push({ path: 'skill', message: say.channelOfSeveralSkills(name, ofChannel.map((q) => q.skill)) });
          continue;
        }
        queue = ofChannel[0]!;
      }
      const entry = queue.entry;
      const inline = (['ratePerHour', 'volumes', 'trace'] as const).filter((f) => entry.arrivals?.[f] !== undefined);
      if (inline.length > 0) {
        issues.scenario.push({ path: `${queue.path}.arrivals.${inline[0]}`, message: say.arrivalsAlsoInForecast(texts.forecast.shownAs, queue.skill) });
        continue;
      }
      const aht = forecast.aht.get(name);
      if (aht !== undefined) ahtByQueue.set(queue.skill, aht);
      if (queue.fromChannels) {
        const channel = written.channels![queue.channel]!;
        mergedChannels[queue.channel] = { ...channel, arrivals: { ...channel.arrivals, volumes } };
      } else {
        const skill = written.skills![queue.skill]!;
        mergedSkills[queue.skill] = { ...skill, arrivals: { ...skill.arrivals, volumes } };
      }
    }
    if (fileIssues.length > 0) issues.files.set(texts.forecast.shownAs, fileIssues);
    aht = ahtByQueue;
    channels = mergedChannels as WrittenScenario['channels'];
    if (written.skills !== undefined) skills = mergedSkills as WrittenScenario['skills'];
  }
  if (texts.schedule !== undefined) {
    const fileIssues: InputIssue[] = [];
    const schedule = parseSchedule(texts.schedule.text, written.agents.map((g) => g.group), clock, limits.agents, firstDate, fileIssues);
    if (fileIssues.length > 0) issues.files.set(texts.schedule.shownAs, fileIssues);
    firstDate ??= schedule.firstDate;
    shrinkage = schedule.shrinkage ?? new Map();
    agents = written.agents.map((group, g) => {
      const staffing = schedule.agents.get(group.group);
      if (staffing === undefined) return group;
      const inline = (['count', 'staffing', 'shifts'] as const).filter((f) => group[f] !== undefined);
      if (inline.length > 0) {
        issues.scenario.push({ path: `agents[${g}].${inline[0]}`, message: say.agentsAlsoInSchedule(texts.schedule!.shownAs, group.group) });
        return group;
      }
      if (group.shrinkage !== undefined && schedule.shrinkage?.has(group.group)) {
        issues.scenario.push({ path: `agents[${g}].shrinkage`, message: say.shrinkageAlsoInSchedule(texts.schedule!.shownAs, group.group) });
        return group;
      }
      return { ...group, staffing: [...staffing] };
    });
  }
  return { written: { ...written, channels, agents, ...(skills === undefined ? {} : { skills }) }, tables: { aht, shrinkage, firstDate } };
}
