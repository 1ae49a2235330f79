// Percentile figures of the channel and skill tables against histograms built from the contact
// log: each interval's cell, and the whole horizon merged from its intervals and rows (a channel
// from its skills, `all` from its channels), a horizon of one interval included.
import { describe, expect, it } from 'vitest';
import { DurationHistogram } from '../../src/stats/histogram.js';
import type { ContactRecord } from '../../src/stats/records.js';
import { daySpans } from '../../src/stats/metrics.js';
import { tableValue } from '../../src/stats/table.js';
import type { MetricTable } from '../../src/stats/table.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

const QUANTILES = [
  ['waitP50', 0.5],
  ['waitP90', 0.9],
  ['waitP95', 0.95],
  ['waitP99', 0.99],
] as const;

function skillsScenario(intervals: number, withEmail = true) {
  const skill = (channel: 'voice' | 'email', ratePerHour: number) =>
    channel === 'voice'
      ? { channel, arrivals: { ratePerHour }, talk: { dist: 'exponential', mean: 200 } }
      : { channel, arrivals: { ratePerHour }, work: { dist: 'exponential', mean: 200 } };
  return scenarioOf({
    name: 'percentiles',
    seed: 21,
    horizon: { intervalMinutes: 60, intervals },
    skills: { 'voice-a': skill('voice', 70), 'voice-b': skill('voice', 40), ...(withEmail ? { 'email-a': skill('email', 50), 'email-b': skill('email', 30) } : {}) },
    agents: [
      { group: 'voice-team', count: 8, skills: ['voice-a', 'voice-b'] },
      ...(withEmail ? [{ group: 'email-team', count: 6, skills: ['email-a', 'email-b'] }] : []),
    ],
  });
}

/** The waits of answered contacts in the log that `pick` keeps, in one histogram. */
function waitsOf(contacts: readonly ContactRecord[], pick: (c: ContactRecord) => boolean): DurationHistogram {
  const h = new DurationHistogram();
  for (const c of contacts) if (c.direction === 'inbound' && !Number.isNaN(c.answered) && pick(c)) h.add(c.wait);
  return h;
}

function expectWaitPercentiles(table: MetricTable, row: string, column: number, waits: DurationHistogram): void {
  expect(waits.total).toBeGreaterThan(0);
  for (const [metric, p] of QUANTILES) expect(tableValue(table, row, column, metric), `${row} ${metric} @${column}`).toBe(waits.quantile(p));
}

describe('percentile figures', () => {
  for (const intervals of [1, 3]) {
    it(`match the log's waits per cell and over the horizon (${intervals} interval${intervals > 1 ? 's' : ''})`, () => {
      const { result, log } = runKeeping(skillsScenario(intervals));
      const contacts = log.contacts;
      const intervalOf = (c: ContactRecord) => Math.floor(c.arrival / 3600);
      for (const column of [...Array.from({ length: intervals }, (_, k) => k), intervals]) {
        const inColumn = (c: ContactRecord) => column === intervals || intervalOf(c) === column;
        for (const skill of ['voice-a', 'voice-b', 'email-a', 'email-b']) {
          expectWaitPercentiles(result.skills, skill, column, waitsOf(contacts, (c) => c.skill === skill && inColumn(c)));
        }
        for (const channel of ['voice', 'email']) {
          expectWaitPercentiles(result.channels, channel, column, waitsOf(contacts, (c) => c.channel === channel && inColumn(c)));
        }
        expectWaitPercentiles(result.channels, 'all', column, waitsOf(contacts, inColumn));
      }
    });
  }

  it('of all inbound channels are those of the one channel a center has', () => {
    const { result, log } = runKeeping(skillsScenario(3, false));
    const table = result.channels;
    const width = table.columns * table.metrics.length;
    const rowOf = (name: string) => Array.from(table.values.subarray(table.rows.indexOf(name) * width, (table.rows.indexOf(name) + 1) * width));
    expect(rowOf('all')).toEqual(rowOf('voice'));
    expectWaitPercentiles(table, 'all', 3, waitsOf(log.contacts, () => true));
  });
});

describe('figures per day', () => {
  it('group the intervals starting on each calendar day, from the horizon start', () => {
    expect(daySpans(48, 8 * 60, 30)).toEqual([{ day: 1, first: 0, end: 32 }, { day: 2, first: 32, end: 48 }]);
    expect(daySpans(878, 0, 60).map((d) => d.end - d.first)).toEqual([...Array<number>(36).fill(24), 14]);
    expect(daySpans(3, 23 * 60, 30)).toEqual([{ day: 1, first: 0, end: 2 }, { day: 2, first: 2, end: 3 }]);
    expect(daySpans(0, 0, 60)).toEqual([]);
  });

  it("match the log's contacts and waits of each day, per skill, channel and all", () => {
    // 30 hours from midnight: day 1 of 24 intervals, day 2 of 6.
    const { result, log } = runKeeping(skillsScenario(30));
    const days = result.days!;
    expect(days.spans).toEqual([{ day: 1, first: 0, end: 24 }, { day: 2, first: 24, end: 30 }]);
    const dayOf = (c: ContactRecord) => Math.floor(c.arrival / 86400);
    for (let d = 0; d < 2; d++) {
      const onDay = (c: ContactRecord) => c.direction === 'inbound' && dayOf(c) === d;
      for (const skill of ['voice-a', 'voice-b', 'email-a', 'email-b']) {
        expectWaitPercentiles(days.skills, skill, d, waitsOf(log.contacts, (c) => c.skill === skill && dayOf(c) === d));
        expect(tableValue(days.skills, skill, d, 'offered')).toBe(log.contacts.filter((c) => onDay(c) && c.skill === skill).length);
      }
      for (const channel of ['voice', 'email']) expectWaitPercentiles(days.channels, channel, d, waitsOf(log.contacts, (c) => c.channel === channel && dayOf(c) === d));
      expectWaitPercentiles(days.channels, 'all', d, waitsOf(log.contacts, (c) => dayOf(c) === d));
      // Voice answered within its 20 s over voice offered that day; its mean wait.
      const voice = log.contacts.filter((c) => onDay(c) && c.channel === 'voice');
      const answered = voice.filter((c) => !Number.isNaN(c.answered));
      expect(tableValue(days.channels, 'voice', d, 'serviceLevel')).toBeCloseTo(answered.filter((c) => c.wait <= 20).length / voice.length, 12);
      expect(tableValue(days.channels, 'voice', d, 'asa')).toBeCloseTo(answered.reduce((s, c) => s + c.wait, 0) / answered.length, 9);
    }
  });
});
