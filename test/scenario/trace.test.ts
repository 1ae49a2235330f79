// Trace parsing: times of day, later days and dated rows, one calendar for every channel of a
// shared file, and line-numbered problems.
import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../src/errors.js';
import { CHANNELS } from '../../src/osh/channels.js';
import * as scenarioMessages from '../../src/scenario/messages.js';
import {
  traceChannelNotReplaying,
  traceDuplicateColumn,
  traceDuration,
  traceImpossibleDate,
  traceRowsLimit,
  traceTimeColumns,
  traceUnknownChannel,
} from '../../src/scenario/messages.js';
import { LIMITS } from '../../src/scenario/schema.js';
import { MAX_TRACE_ROWS, parseTrace } from '../../src/scenario/trace.js';

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
