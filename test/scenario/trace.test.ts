// Trace parsing: times of day, later days and dated rows, one calendar for every channel of a
// shared file, and line-numbered problems.
import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../src/errors.js';
import { parseTrace } from '../../src/scenario/trace.js';
import * as scenarioMessages from '../../src/scenario/messages.js';

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
