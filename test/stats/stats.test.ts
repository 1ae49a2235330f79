import { describe, expect, it } from 'vitest';
import { CountPagePool, DurationHistogram, HISTOGRAM_BINS, HistogramSet, PAGE_CELLS, PAGE_LENGTH, binLowerEdge, binOf } from '../../src/stats/histogram.js';
import { estimateInto, meanAndHalfWidth, studentTCdf, studentTQuantile } from '../../src/stats/student.js';
import { summarizeRun, summarizeTables } from '../../src/stats/summary.js';
import { simulate } from '../../src/center/simulate.js';
import { tableValue } from '../../src/stats/table.js';
import { scenarioOf } from '../helpers/scenarios.js';
import { type MetricPath, confidenceBounds, metricEstimates, parseMetricPath } from '../../src/stats/metric-path.js';
import { createTable } from '../../src/stats/table.js';
import { createStream } from '../../src/kernel/random.js';

describe('duration histogram', () => {
  it('puts every value in the bin whose edges hold it', () => {
    for (const v of [0.005, 0.01, 0.5, 1, 19.99, 20, 300, 86_400, 5e6]) {
      const b = binOf(v);
      expect(binLowerEdge(b)).toBeLessThanOrEqual(v * (1 + 1e-12));
      if (b < HISTOGRAM_BINS - 1) expect(binLowerEdge(b + 1)).toBeGreaterThan(v);
    }
    expect(binOf(0)).toBe(0);
  });

  it('gives quantiles within 3 % of the exact ones, zeros exactly', () => {
    const stream = createStream(5, 0, 'histogram');
    const values: number[] = [];
    const h = new DurationHistogram();
    for (let i = 0; i < 50_000; i++) {
      const v = stream.next() < 0.3 ? 0 : -100 * Math.log1p(-stream.next());
      values.push(v);
      h.add(v);
    }
    values.sort((a, b) => a - b);
    expect(h.quantile(0.2)).toBe(0);
    for (const p of [0.5, 0.9, 0.95, 0.99]) {
      const exact = values[Math.ceil(p * values.length) - 1]!;
      expect(Math.abs(h.quantile(p) - exact) / exact).toBeLessThan(0.03);
    }
    expect(Number.isNaN(new DurationHistogram().quantile(0.5))).toBe(true);
  });

  it('adds exactly', () => {
    const a = new DurationHistogram();
    const b = new DurationHistogram();
    a.add(1);
    b.add(100);
    b.add(0);
    a.addAll(b);
    expect(a.total).toBe(3);
    expect(a.quantile(0.99)).toBeGreaterThan(90);
  });
});

describe('histogram sets', () => {
  const fill = (set: HistogramSet, stream: ReturnType<typeof createStream>, cells: number, values: number) => {
    for (let i = 0; i < values; i++) set.add(Math.floor(stream.next() * cells), stream.next() * 600);
  };
  const quantilesOf = (set: HistogramSet, cells: number) =>
    Array.from({ length: cells }, (_, cell) => {
      const out = new Float64Array(3);
      set.quantiles(cell, [0.5, 0.9, 0.99], out);
      return Array.from(out);
    });

  it('match one histogram per cell, and a set made from released memory starts empty', () => {
    const cells = 300;
    const first = new HistogramSet(1, cells);
    fill(first, createStream(5, 0, 'set'), cells, 20_000);
    const expected = new DurationHistogram();
    const replay = createStream(5, 0, 'set');
    for (let i = 0; i < 20_000; i++) {
      const cell = Math.floor(replay.next() * cells);
      const value = replay.next() * 600;
      if (cell === 7) expected.add(value);
    }
    const seven = new DurationHistogram();
    first.addInto(7, seven);
    expect(Array.from(seven.counts)).toEqual(Array.from(expected.counts));
    const before = quantilesOf(first, cells);
    first.release();

    // Reused memory: nothing of the first set shows, and the same values give the same figures.
    const second = new HistogramSet(1, cells);
    expect(quantilesOf(second, cells).every((q) => q.every(Number.isNaN))).toBe(true);
    fill(second, createStream(5, 0, 'set'), cells, 20_000);
    expect(quantilesOf(second, cells)).toEqual(before);
  });
});

describe('count page pool', () => {
  it('hands out zeroed pages, reusing given ones, and keeps at most its spare count', () => {
    const pool = new CountPagePool(2);
    const a = pool.take();
    expect(a.length).toBe(PAGE_LENGTH);
    a[0] = 5;
    a[PAGE_LENGTH - 1] = 9;
    pool.give(a);
    expect(pool.spareCount).toBe(1);
    const again = pool.take();
    expect(again).toBe(a);
    expect(again.every((n) => n === 0)).toBe(true);
    pool.give(again);
    pool.give(new Uint8Array(PAGE_LENGTH));
    pool.give(new Uint8Array(PAGE_LENGTH));
    expect(pool.spareCount).toBe(2);
    pool.take();
    pool.take();
    expect(pool.spareCount).toBe(0);
    expect(pool.take()).not.toBe(a);
  });
});

describe('histogram sets in pages', () => {
  it('open a cell only at its first value, several cells to a page, each apart from the others', () => {
    const pool = new CountPagePool(8);
    const rows = 3;
    const intervals = 16;
    const set = new HistogramSet(rows, intervals, pool);
    expect(set.openedCells).toBe(0);
    const out = new Float64Array(1);
    set.quantiles(4, [0.5], out);
    expect(Number.isNaN(out[0]!)).toBe(true);
    expect(set.openedCells).toBe(0);
    // More cells than one page holds, each with its own value count and value.
    const cells = PAGE_CELLS + 3;
    for (let cell = 0; cell < cells; cell++) for (let i = 0; i <= cell; i++) set.add(cell, cell + 1);
    expect(set.openedCells).toBe(cells);
    for (let cell = 0; cell < cells; cell++) {
      const h = new DurationHistogram();
      set.addInto(cell, h);
      expect(h.total).toBe(cell + 1);
      expect(h.counts[binOf(cell + 1)]).toBe(cell + 1);
      set.quantiles(cell, [0.5], out);
      expect(out[0]).toBe(h.quantile(0.5));
    }
    // Released, its pages go back to the pool and come out zeroed for the next set.
    set.release();
    expect(set.openedCells).toBe(0);
    expect(pool.spareCount).toBe(2);
    const next = new HistogramSet(rows, intervals, pool);
    next.add(20, 1);
    expect(pool.spareCount).toBe(1);
    const h = new DurationHistogram();
    next.addInto(20, h);
    expect(h.total).toBe(1);
    for (let cell = 0; cell < rows * intervals; cell++) {
      const other = new DurationHistogram();
      next.addInto(cell, other);
      expect(other.total).toBe(cell === 20 ? 1 : 0);
    }
  });

  it('count past a byte in a bin exactly: a cell of tens of thousands as one histogram', () => {
    const pool = new CountPagePool(8);
    const set = new HistogramSet(2, 2, pool);
    const expected = new DurationHistogram();
    const stream = createStream(9, 0, 'carries');
    // Exact zeros (70,000: one bin past 65,535), a few heavy bins and a spread tail.
    for (let i = 0; i < 100_000; i++) {
      const u = stream.next();
      const value = u < 0.7 ? 0 : u < 0.8 ? 20 : u < 0.85 ? 300 : -60 * Math.log1p(-stream.next());
      set.add(1, value);
      expected.add(value);
    }
    set.add(3, 5);
    const whole = new DurationHistogram();
    set.addInto(1, whole);
    expect(Array.from(whole.counts)).toEqual(Array.from(expected.counts));
    expect(whole.total).toBe(100_000);
    const ps = [0.5, 0.7, 0.75, 0.9, 0.99];
    const out = new Float64Array(ps.length);
    const exact = new Float64Array(ps.length);
    set.quantiles(1, ps, out);
    expected.quantiles(ps, exact);
    expect(Array.from(out)).toEqual(Array.from(exact));
    // Another cell with a carry gives its own percentiles, and the first one still its own.
    for (let i = 0; i < 300; i++) set.add(2, 5);
    const fives = new Float64Array(ps.length);
    set.quantiles(2, ps, fives);
    expect(fives.every((q) => q >= binLowerEdge(binOf(5)) && q <= binLowerEdge(binOf(5) + 1))).toBe(true);
    set.quantiles(1, ps, out);
    expect(Array.from(out)).toEqual(Array.from(exact));
    // The row's horizon carries too; the other cells keep their own counts.
    const row = new DurationHistogram();
    set.addRowInto(0, row);
    expect(row.total).toBe(100_000);
    expect(row.counts[0]).toBe(expected.counts[0]);
    const other = new DurationHistogram();
    set.addRowInto(1, other);
    expect(other.total).toBe(301);
    // Released, nothing carries over to the next set on the same pages.
    set.release();
    const next = new HistogramSet(2, 2, pool);
    next.add(1, 0);
    next.quantiles(1, [0.5], out);
    expect(out[0]).toBe(0);
    const one = new DurationHistogram();
    next.addInto(1, one);
    expect(one.total).toBe(1);
    expect(one.counts[0]).toBe(1);
  });

  it("merge a row's intervals once into its whole-horizon counts, forgotten on release", () => {
    const pool = new CountPagePool(8);
    const rows = 4;
    const intervals = 5;
    const set = new HistogramSet(rows, intervals, pool);
    const stream = createStream(3, 0, 'rows');
    for (let i = 0; i < 2_000; i++) set.add(Math.floor(stream.next() * rows * intervals), stream.next() * 100);
    for (let row = 0; row < rows; row++) {
      const expected = new DurationHistogram();
      for (let k = 0; k < intervals; k++) set.addInto(row * intervals + k, expected);
      const horizon = new DurationHistogram();
      set.addRowInto(row, horizon);
      set.addRowInto(row, horizon);
      expect(Array.from(horizon.counts)).toEqual(Array.from(expected.counts, (n) => 2 * n));
      expect(horizon.total).toBe(2 * expected.total);
    }
    set.release();
    set.add(2, 50);
    const after = new DurationHistogram();
    set.addRowInto(0, after);
    expect(after.total).toBe(1);
  });
});

describe('Student t', () => {
  it('matches table quantiles', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3);
    expect(studentTQuantile(0.995, 19)).toBeCloseTo(2.861, 3);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.776, 3);
    expect(studentTCdf(0, 7)).toBeCloseTo(0.5, 12);
  });

  it('gives mean and half-width over the finite values only', () => {
    const e = meanAndHalfWidth([1, 2, 3, 4, Number.NaN]);
    expect(e.n).toBe(4);
    expect(e.mean).toBe(2.5);
    expect(e.halfWidth).toBeCloseTo((3.182446 * Math.sqrt(5 / 3)) / 2, 5);
    expect(Number.isNaN(meanAndHalfWidth([7]).halfWidth)).toBe(true);
    expect(Number.isNaN(meanAndHalfWidth([]).mean)).toBe(true);
  });

  it('writes the same estimate into a reused object as it returns afresh', () => {
    const out = { mean: 0, halfWidth: 0, n: 0, sd: 0 };
    const stream = createStream(4, 0, 'estimates');
    for (const size of [0, 1, 2, 3, 7, 20]) {
      const values = Array.from({ length: size }, () => (stream.next() < 0.2 ? Number.NaN : stream.next() * 100 - 30));
      for (const confidence of [0.95, 0.9]) {
        expect({ ...estimateInto(values, confidence, out) }).toEqual(meanAndHalfWidth(values, confidence));
      }
    }
  });

  it('summarises tables cell by cell', () => {
    const tables = [1, 2, 3].map((v) => {
      const t = createTable(['voice'], 2, ['offered']);
      t.values.set([v, v * 10]);
      return t;
    });
    const s = summarizeTables(tables);
    expect([...s.mean.values]).toEqual([2, 20]);
    expect(s.ci95.values[0]).toBeCloseTo(4.302653 / Math.sqrt(3), 5);
  });

  it('keeps per cell the replications behind its interval, for bounds at another confidence', () => {
    // ASA in a quiet interval: three of five replications answered someone.
    const tables = [1, 2, 3, Number.NaN, Number.NaN].map((v) => {
      const t = createTable(['voice'], 1, ['asa']);
      t.values[0] = v;
      return t;
    });
    const s = summarizeTables(tables);
    expect(s.count.values[0]).toBe(3);
    const figure = { name: 'voice.asa', mean: s.mean.values[0]!, ci95: s.ci95.values[0]!, replications: s.count.values[0]! };
    const { low, high } = confidenceBounds(figure, 0.9);
    const exact = meanAndHalfWidth([1, 2, 3], 0.9).halfWidth;
    expect(high - 2).toBeCloseTo(exact, 12);
    expect(2 - low).toBeCloseTo(exact, 12);
  });

  it('gives each named figure the replications that have it', () => {
    // A call an hour in quarter hours: many intervals answer nobody in some replications.
    const scenario = scenarioOf({
      name: 'quiet',
      seed: 1,
      horizon: { intervalMinutes: 15, intervals: 8 },
      replications: 12,
      channels: { voice: { arrivals: { ratePerHour: 2 }, talk: { dist: 'exponential', mean: 120 } } },
      agents: [{ group: 'a', count: 1, channels: ['voice'] }],
    });
    const results = Array.from({ length: 12 }, (_, r) => simulate(scenario, r));
    const summary = summarizeRun(results);
    const labels = Array.from({ length: 8 }, (_, k) => String(k));
    const figures = metricEstimates(parseMetricPath('voice.asa@every') as MetricPath, summary, labels);
    const answeredIn = (k: number) => results.filter((r) => Number.isFinite(tableValue(r.channels, 'voice', k, 'asa'))).length;
    expect(figures.map((f) => f.replications)).toEqual(labels.map((_, k) => answeredIn(k)));
    expect(figures.some((f) => f.replications < 12)).toBe(true);
  });
});
