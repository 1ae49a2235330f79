import { describe, expect, it } from 'vitest';
import { EventCalendar, NO_EVENT } from '../../src/kernel/calendar.js';
import { createStream } from '../../src/kernel/random.js';

function drain(calendar: EventCalendar): Array<[number, number, number]> {
  const trace: Array<[number, number, number]> = [];
  while (calendar.next()) trace.push([calendar.now, calendar.kind, calendar.target]);
  return trace;
}

describe('EventCalendar', () => {
  it('delivers events by time, then priority, then scheduling order', () => {
    const calendar = new EventCalendar(2);
    calendar.schedule(5, 1, 10);
    calendar.schedule(1, 2, 20);
    calendar.schedule(5, 3, 30, 0);
    calendar.schedule(5, 4, 40, 2);
    calendar.schedule(5, 5, 50, 1);
    calendar.schedule(0, 6, 60);
    expect(drain(calendar)).toEqual([
      [0, 6, 60],
      [1, 2, 20],
      [5, 1, 10],
      [5, 3, 30],
      [5, 5, 50],
      [5, 4, 40],
    ]);
    expect(calendar.delivered).toBe(6);
    expect(calendar.size).toBe(0);
  });

  it('cancels pending events and ignores stale handles', () => {
    const calendar = new EventCalendar();
    const a = calendar.schedule(3, 1, 1);
    const b = calendar.schedule(2, 2, 2);
    calendar.schedule(4, 3, 3);
    expect(calendar.cancel(a)).toBe(true);
    expect(calendar.cancel(a)).toBe(false);
    expect(calendar.cancel(NO_EVENT)).toBe(false);
    expect(calendar.next()).toBe(true);
    expect(calendar.target).toBe(2);
    // b has run: its slot is free and will be reused by the next schedule
    const c = calendar.schedule(10, 4, 4);
    expect(calendar.cancel(b)).toBe(false);
    expect(drain(calendar)).toEqual([
      [4, 3, 3],
      [10, 4, 4],
    ]);
    expect(calendar.cancel(c)).toBe(false);
  });

  it('refuses to schedule in the past and stops at `until`', () => {
    const calendar = new EventCalendar();
    calendar.schedule(1, 0, 0);
    calendar.schedule(7, 0, 1);
    expect(calendar.next(5)).toBe(true);
    expect(calendar.next(5)).toBe(false);
    expect(calendar.now).toBe(1);
    expect(() => calendar.schedule(0.5, 0, 0)).toThrow(RangeError);
    expect(() => calendar.schedule(Number.NaN, 0, 0)).toThrow(RangeError);
    expect(calendar.peekTime()).toBe(7);
  });

  it('agrees with a sorted reference under random schedules and cancellations', () => {
    const stream = createStream(7, 0, 'calendar-test');
    const calendar = new EventCalendar(4);
    const pending = new Map<number, { time: number; priority: number; sequence: number; id: number }>();
    const handles = new Map<number, number>();
    let sequence = 0;
    const delivered: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      const roll = stream.next();
      if (roll < 0.55) {
        // coarse times make ties common, so the tie-break is exercised
        const time = calendar.now + Math.floor(stream.next() * 20);
        const priority = Math.floor(stream.next() * 3);
        const id = sequence;
        handles.set(id, calendar.schedule(time, 0, id, priority));
        pending.set(id, { time, priority, sequence: sequence++, id });
      } else if (roll < 0.7 && pending.size > 0) {
        const ids = [...pending.keys()];
        const id = ids[Math.floor(stream.next() * ids.length)]!;
        expect(calendar.cancel(handles.get(id)!)).toBe(true);
        pending.delete(id);
      } else if (pending.size > 0) {
        const first = [...pending.values()].sort(
          (x, y) => x.time - y.time || x.priority - y.priority || x.sequence - y.sequence,
        )[0]!;
        expected.push(first.id);
        pending.delete(first.id);
        expect(calendar.next()).toBe(true);
        delivered.push(calendar.target);
        expect(calendar.now).toBe(first.time);
      }
      expect(calendar.size).toBe(pending.size);
    }
    expect(delivered).toEqual(expected);
    expect(delivered.length).toBeGreaterThan(5000);
  });
  it('drains a deep heap in order, the latest events scheduled first or last', () => {
    for (const order of ['ascending', 'descending', 'random'] as const) {
      const stream = createStream(13, 0, `calendar-deep-${order}`);
      const calendar = new EventCalendar(16);
      const events: { time: number; priority: number; sequence: number }[] = [];
      for (let i = 0; i < 5000; i++) {
        const time = order === 'ascending' ? Math.floor(i / 3) : order === 'descending' ? Math.floor((5000 - i) / 3) : Math.floor(stream.next() * 400);
        const priority = Math.floor(stream.next() * 3);
        calendar.schedule(time, 0, i, priority);
        events.push({ time, priority, sequence: i });
      }
      const expected = events.sort((x, y) => x.time - y.time || x.priority - y.priority || x.sequence - y.sequence).map((e) => e.sequence);
      const delivered: number[] = [];
      while (calendar.next()) delivered.push(calendar.target);
      expect(delivered).toEqual(expected);
    }
  });
});
