// Trace parsing: times of day, later days and dated rows, one calendar for every channel of a
// shared file, rows naming a skill, and line-numbered problems.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/center/simulate.js';
import { InputError, type InputIssue } from '../../src/errors.js';
import { CHANNELS } from '../../src/osh/channels.js';
import * as scenarioMessages from '../../src/scenario/messages.js';
import {
  traceChannelNotReplaying,
  traceDuplicateColumn,
  traceDuration,
  traceImpossibleDate,
  traceRowsLimit,
  traceSkillNeeded,
  traceSkillNotReplaying,
  traceSkillOfOtherChannel,
  traceSkillsNeedSkillColumn,
  traceTimeColumns,
  traceUnknownChannel,
  traceUnknownSkill,
} from '../../src/scenario/messages.js';
import { checkScenario } from '../../src/scenario/read.js';
import { LIMITS } from '../../src/scenario/schema.js';
import { MAX_TRACE_ROWS, type TraceOptions, parseTrace, parseTraces } from '../../src/scenario/trace.js';
import { tableValue } from '../../src/stats/table.js';
import { suggestion } from '../../src/suggest.js';

const TWO_DAYS = 2 * 86_400;

describe('trace times', () => {
  it('reads seconds, clock times, later days and dates against an 08:00 start', () => {
    const text = ['time,channel', '30,voice', '08:01:00,voice', 'd2 08:00:00,voice'].join('\n');
    const issues: InputIssue[] = [];
    expect(parseTrace(text, 'voice', 8 * 60, TWO_DAYS, issues).at).toEqual([30, 60, 86_400]);
    expect(issues).toEqual([]);
  });

  it('counts days from the first row of the file for every channel of a shared trace', () => {
    // Voice starts on 2 March; the first chat comes on 3 March: a day after the start, not on day 1.
    const text = ['time,channel', '2026-03-02T08:00:00,voice', '2026-03-03T08:10:00,chat', '2026-03-03T09:00:00,voice'].join('\n');
    const issues: InputIssue[] = [];
    expect(parseTrace(text, 'voice', 8 * 60, TWO_DAYS, issues).at).toEqual([0, 86_400 + 3600]);
    expect(parseTrace(text, 'chat', 8 * 60, TWO_DAYS, issues).at).toEqual([86_400 + 600]);
    expect(issues).toEqual([]);
  });

  it('names the line and column of a bad row', () => {
    const issues: InputIssue[] = [];
    parseTrace(['time,channel', '08:00:00,voice', '31:00,voice', '07:59:00,voice'].join('\n'), 'voice', 8 * 60, TWO_DAYS, issues);
    expect(issues.map((i) => i.path)).toEqual(['line 3, time', 'line 4, time']);
    expect(issues[0]!.message).toBe(scenarioMessages.notATimeOfDay('31:00'));
    expect(issues[1]!.message).toBe(scenarioMessages.beforeHorizonStart(60));
  });
});

describe('trace rows are never dropped silently', () => {
  const read = (lines: string[], channel: 'voice' | 'chat' = 'voice', fileChannels?: ('voice' | 'chat')[]) => {
    const issues: InputIssue[] = [];
    const trace = parseTrace(lines.join('\n'), channel, 8 * 60, TWO_DAYS, issues, fileChannels === undefined ? {} : { fileChannels });
    return { trace, issues };
  };

  it('reads channel names in any case, like the headers', () => {
    const { trace, issues } = read(['Time,Channel', '08:00:00,VOICE', '08:01:00,Voice', '08:02:00,voice']);
    expect(issues).toEqual([]);
    expect(trace.at).toEqual([0, 60, 120]);
  });

  it('refuses an unknown channel or mojibake with its line number', () => {
    const { issues } = read(['time,channel', '08:00:00,voice', '08:01:00,fax', '08:02:00,vÃ¶ice', '08:03:00,']);
    expect(issues).toEqual([
      { path: 'line 3, channel', message: traceUnknownChannel('fax', CHANNELS) },
      { path: 'line 4, channel', message: traceUnknownChannel('vÃ¶ice', CHANNELS) },
      { path: 'line 5, channel', message: traceUnknownChannel('', CHANNELS) },
    ]);
  });

  it('refuses rows of a channel that does not replay the file', () => {
    const { issues } = read(['time,channel', '08:00:00,voice', '08:01:00,chat'], 'voice', ['voice']);
    expect(issues).toEqual([{ path: 'line 3, channel', message: traceChannelNotReplaying('chat') }]);
    expect(read(['time,channel', '08:00:00,voice', '08:01:00,chat'], 'voice', ['voice', 'chat']).issues).toEqual([]);
  });

  it('refuses a column given twice, and two time columns', () => {
    expect(read(['time,channel,talk,Talk', '08:00:00,voice,10,20']).issues).toEqual([{ path: 'line 1', message: traceDuplicateColumn('talk') }]);
    expect(read(['time,arrival', '08:00:00,08:00:00']).issues).toEqual([{ path: 'line 1', message: traceTimeColumns(['time', 'arrival']) }]);
  });

  it('refuses impossible dates (2026-02-30) instead of rolling them over', () => {
    const { issues } = read(['time', '2026-02-28T08:00:00', '2026-02-30T08:00:00', '2026-02-29T09:00:00']);
    expect(issues).toEqual([
      { path: 'line 3, time', message: traceImpossibleDate('2026-02-30') },
      { path: 'line 4, time', message: traceImpossibleDate('2026-02-29') },
    ]);
    expect(read(['time', '2028-02-29T08:00:00']).issues).toEqual([]);
  });

  it(`holds durations to the scenario limit (${LIMITS.durationSec.toLocaleString('en-US')} s) and exchanges to ${LIMITS.exchanges.toLocaleString('en-US')}`, () => {
    expect(read(['time,talk,wrap', `08:00:00,${LIMITS.durationSec},${LIMITS.durationSec}`]).issues).toEqual([]);
    expect(read(['time,talk,wrap', '08:00:00,1e300,100000001']).issues).toEqual([
      { path: 'line 2, talk', message: traceDuration('1e300', 'talk', false, LIMITS.durationSec) },
      { path: 'line 2, wrap', message: traceDuration('100000001', 'wrap', false, LIMITS.durationSec) },
    ]);
    expect(read(['time,exchanges', '08:00:00,10001'], 'chat').issues).toEqual([{ path: 'line 2, exchanges', message: traceDuration('10001', 'exchanges', true, LIMITS.exchanges) }]);
  });

  it('counts rows while parsing: the parse stops at the limit, before the rest of the file', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${i},voice`);
    const issues: InputIssue[] = [];
    // Past the limit the file is broken CSV: a parse of the whole file would report that instead.
    parseTrace(['time,channel', ...rows, '"broken,'].join('\n'), 'voice', 0, TWO_DAYS, issues, { maxRows: 1000 });
    expect(issues).toEqual([{ path: '', message: traceRowsLimit(1000) }]);
    const atLimit: InputIssue[] = [];
    expect(parseTrace(['time,channel', ...rows.slice(0, 1000)].join('\n'), 'voice', 0, TWO_DAYS, atLimit, { maxRows: 1000 }).at).toHaveLength(1000);
    expect(atLimit).toEqual([]);
    expect(MAX_TRACE_ROWS).toBe(5_000_000);
  });

  it('keeps only the rows of the channel read', () => {
    const lines = ['time,channel', ...Array.from({ length: 500 }, (_, i) => `${i},${i % 10 === 0 ? 'voice' : 'chat'}`)];
    expect(read(lines).trace.at).toHaveLength(50);
  });

  it('never quotes more than a short excerpt of a line in a message', () => {
    const secret = `SECRET=${'x'.repeat(500)}`;
    const { issues } = read([`time,${secret}`, `08:00:00,1`]);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message.length).toBeLessThan(200);
    const broken = read(['time,channel', `"08:00:00${'y'.repeat(500)},voice`]).issues;
    for (const issue of broken) expect(issue.message.length).toBeLessThan(200);
    const nul = read([`time\u0000${secret}`, '1']).issues;
    expect(nul.map((i) => i.message).join(' ')).not.toContain('SECRET');
  });
});

describe('trace rows naming a skill', () => {
  const talk = { dist: 'exponential', mean: 200 };
  const chatFields = { exchanges: { dist: 'fixed', value: 2 }, reply: { dist: 'fixed', value: 20 } };
  const replayed = { trace: 'calls.csv' };
  /** Two voice skills and a chat skill; `replay` names the skills replaying calls.csv (the others are Poisson). */
  const scenario = (replay: readonly string[]) => ({
    name: 'skills-trace',
    horizon: { intervalMinutes: 30, intervals: 4, start: '08:00' },
    skills: {
      'voice-sales': { channel: 'voice', arrivals: replay.includes('voice-sales') ? replayed : { ratePerHour: 60 }, talk },
      'voice-support': { channel: 'voice', arrivals: replay.includes('voice-support') ? replayed : { ratePerHour: 30 }, talk },
      'chat-billing': { channel: 'chat', arrivals: replay.includes('chat-billing') ? replayed : { ratePerHour: 20 }, ...chatFields },
    },
    agents: [{ group: 'all', count: 4, skills: ['voice-sales', 'voice-support', 'chat-billing'] }],
  });
  const load = (replay: readonly string[], lines: readonly string[]) =>
    checkScenario(scenario(replay), 's.json', () => ({ text: lines.join('\n'), shownAs: 'calls.csv' }));
  const issuesOf = (replay: readonly string[], lines: readonly string[]): readonly InputIssue[] => {
    try {
      load(replay, lines);
    } catch (error) {
      if (error instanceof InputError) return error.issues;
      throw error;
    }
    throw new Error('the trace was accepted');
  };
  const ALL = ['voice-sales', 'voice-support', 'chat-billing'];

  it("gives each skill its own rows, and a row's durations to its skill", () => {
    const s = load(ALL, [
      'time,channel,skill,talk',
      '08:00:00,voice,voice-sales,100',
      '08:01:00,voice,voice-support,',
      '08:02:00,chat,chat-billing,',
      '08:03:00,Voice,voice-sales,250',
    ]);
    const trace = (name: string) => s.skills.find((k) => k.name === name)!.trace!;
    expect(trace('voice-sales').at).toEqual([0, 180]);
    expect(trace('voice-sales').handling).toEqual([100, 250]);
    expect(trace('voice-support').at).toEqual([60]);
    expect(Number.isNaN(trace('voice-support').handling[0])).toBe(true);
    expect(trace('chat-billing').at).toEqual([120]);
  });

  it('needs no channel column: the skill says the channel', () => {
    const s = load(['voice-sales', 'chat-billing'], ['time,skill', '08:00:00,chat-billing', '08:05:00,voice-sales']);
    expect(s.skills.find((k) => k.name === 'voice-sales')!.trace!.at).toEqual([300]);
    expect(s.skills.find((k) => k.name === 'chat-billing')!.trace!.at).toEqual([0]);
  });

  it('takes rows of only a channel when one skill of that channel replays the file', () => {
    const s = load(['voice-sales', 'chat-billing'], ['time,channel', '08:00:00,voice', '08:01:00,chat']);
    expect(s.skills.find((k) => k.name === 'voice-sales')!.trace!.at).toEqual([0]);
    expect(s.skills.find((k) => k.name === 'voice-support')!.trace).toBeNull();
  });

  it('refuses an unknown skill with its line, its column and the nearest skill', () => {
    expect(issuesOf(ALL, ['time,skill', '08:00:00,voice-sales', '08:01:00,voice-sale', '08:02:00,fax-orders'])).toEqual([
      { path: 'line 3, skill', message: traceUnknownSkill('voice-sale', suggestion('voice-sale', ALL)) },
      { path: 'line 4, skill', message: traceUnknownSkill('fax-orders', '') },
    ]);
    expect(suggestion('voice-sale', ALL)).toBe(" (did you mean 'voice-sales'?)");
  });

  it('refuses a file without a skill column that several skills of one channel replay, naming them', () => {
    expect(issuesOf(ALL, ['time,channel', '08:00:00,voice'])).toEqual([
      { path: 'line 1', message: traceSkillsNeedSkillColumn('voice', ['voice-sales', 'voice-support']) },
    ]);
  });

  it('refuses a row without a skill where its channel has several, a skill not replaying the file and a skill of another channel', () => {
    expect(issuesOf(ALL, ['time,channel,skill', '08:00:00,voice,', '08:01:00,chat,'])).toEqual([
      { path: 'line 2, skill', message: traceSkillNeeded('voice', ['voice-sales', 'voice-support']) },
    ]);
    expect(issuesOf(['voice-sales'], ['time,skill', '08:00:00,voice-support'])).toEqual([
      { path: 'line 2, skill', message: traceSkillNotReplaying('voice-support') },
    ]);
    expect(issuesOf(ALL, ['time,channel,skill', '08:00:00,chat,voice-sales'])).toEqual([
      { path: 'line 2, channel', message: traceSkillOfOtherChannel('chat', 'voice-sales', 'voice') },
    ]);
  });

  it('parses a file once for the variants of a sweep that read it alike', () => {
    const source = { text: ['time,skill', '08:00:00,voice-sales', '08:10:00,voice-support', '08:20:00,voice-sales'].join('\n'), shownAs: 'calls.csv' };
    const reader = () => source;
    const replay = ['voice-sales', 'voice-support'];
    const first = checkScenario(scenario(replay), 's.json', reader);
    const second = checkScenario({ ...scenario(replay), agents: [{ group: 'all', count: 7, skills: ALL }] }, 's.json', reader);
    const trace = (s: typeof first, name: string) => s.skills.find((k) => k.name === name)!.trace!;
    expect(trace(second, 'voice-sales')).toBe(trace(first, 'voice-sales'));
    expect(trace(second, 'voice-support')).toBe(trace(first, 'voice-support'));
    // Another horizon is another reading of the file.
    const longer = checkScenario({ ...scenario(replay), horizon: { intervalMinutes: 30, intervals: 6, start: '08:00' } }, 's.json', reader);
    expect(trace(longer, 'voice-sales')).not.toBe(trace(first, 'voice-sales'));
    expect(trace(longer, 'voice-sales').at).toEqual(trace(first, 'voice-sales').at);
  });

  it('replays each skill its own arrivals through a run', () => {
    const rows = ['time,skill'];
    for (let minute = 0; minute < 100; minute++) rows.push(`${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00,${minute % 4 === 0 ? 'voice-support' : 'voice-sales'}`);
    const result = simulate(load(['voice-sales', 'voice-support'], rows), 0);
    // Index 4 of a four-interval table is the total.
    const offered = (name: string) => tableValue(result.skills, name, 4, 'offered');
    expect([offered('voice-sales'), offered('voice-support')]).toEqual([75, 25]);
  });
});

describe('one file replayed by several skills', () => {
  const fileSkills = [
    { name: 'voice-sales', channel: 'voice' },
    { name: 'voice-support', channel: 'voice' },
    { name: 'chat-billing', channel: 'chat' },
    { name: 'email', channel: 'email' },
  ] as const;
  const knownSkills = [...fileSkills, { name: 'voice-es', channel: 'voice' }] as const;
  const options = (skill: string, maxRows?: number): TraceOptions => ({ fileChannels: ['voice', 'chat', 'email'], skill, fileSkills, knownSkills, ...(maxRows === undefined ? {} : { maxRows }) });
  /** Each skill alone, and all in one pass: the same rows and the same problems. */
  const both = (lines: readonly string[], maxRows?: number) => {
    const text = lines.join('\n');
    const alone = fileSkills.map((k) => {
      const issues: InputIssue[] = [];
      return { trace: parseTrace(text, k.channel, 8 * 60, TWO_DAYS, issues, options(k.name, maxRows)), issues };
    });
    const asked = fileSkills.map((k) => ({ channel: k.channel, issues: [] as InputIssue[], options: options(k.name, maxRows) }));
    const together = parseTraces(text, 8 * 60, TWO_DAYS, asked).map((trace, i) => ({ trace, issues: asked[i]!.issues }));
    return { alone, together };
  };

  it('gives each skill in one pass what it reads alone, rows and problems alike', () => {
    const rows = ['time,channel,skill,talk,work,exchanges'];
    for (let i = 0; i < 400; i++) {
      const clock = `${String(8 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
      const kind = i % 4;
      rows.push(kind === 0 ? `${clock},voice,voice-sales,${100 + i},,` : kind === 1 ? `${clock},,voice-support,${200 + i},,` : kind === 2 ? `${clock},chat,chat-billing,,,${1 + (i % 5)}` : `${clock},email,,,${60 + i},`);
    }
    const clean = both(rows);
    expect(clean.together).toEqual(clean.alone);
    expect(clean.together.map((r) => r.trace.at.length)).toEqual([100, 100, 100, 100]);
    expect(clean.together.flatMap((r) => r.issues)).toEqual([]);
    // Bad rows: an unknown skill, a skill of another channel, a bad duration, a row out of order.
    const bad = [...rows];
    bad[5] = '08:04:00,voice,voice-sale,100,,';
    bad[9] = '08:08:00,chat,voice-sales,100,,';
    bad[14] = '08:13:00,,voice-support,-5,,';
    bad[30] = '07:00:00,email,,,60,';
    const refused = both(bad);
    expect(refused.together).toEqual(refused.alone);
    expect(refused.together.every((r) => r.issues.length > 0)).toBe(true);
    // A header only some skills can read, a CSV error, an empty file, the row limit.
    const pastLimitUnskilled = ['time,talk', ...Array.from({ length: 400 }, (_, i) => `${8 + Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00,60`)];
    for (const lines of [['time,talk', '08:00:00,60'], ['time,channel,skill', '08:00:00,voice,voice-sales', '"broken,'], [], rows, pastLimitUnskilled]) {
      const { alone, together } = both(lines, 300);
      expect(together).toEqual(alone);
    }
  });
});

