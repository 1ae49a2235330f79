// A run hands its per-interval tables to the report from memory: each number must be the one
// reading the CSV back gives (the charts of a run and of `osh-sim report` on its folder agree).
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/report/format.js';
import { asWritten } from '../../src/report/run-tables.js';

const readBack = (v: number) => {
  const cell = formatNumber(v);
  return cell === '' ? Number.NaN : Number(cell);
};

describe('asWritten', () => {
  it('gives the number a CSV cell reads back as, for integers, fractions, tiny, negative and missing figures', () => {
    const values = [0, -0, 1, -3, 1 / 3, 2 / 3, -2 / 3, 0.1 + 0.2, 1e-7, -1e-7, 4.9999995e-7, 123456.7890125, 9.5e-7, 1e15 + 0.5, 7e20, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (let k = 1; k < 2000; k++) values.push(Math.sin(k) * 10 ** ((k % 13) - 6));
    // Near and at the ties of the sixth decimal, where toFixed's exact rounding decides.
    for (let k = 1; k < 2000; k++) {
      const tie = (Math.round(Math.sin(k) * 1e9) + 0.5) / 1e6;
      values.push(tie, -tie, tie + 1e-12, tie - 1e-12, tie * (1 + 2 ** -52), (k + 0.5) / 1e6, (k + 0.4995) / 1e6, (k + 0.5005) / 1e6, 999999.9999995 - k);
    }
    // Figures as a run makes them: ratios and means of counts.
    for (let k = 1; k < 3000; k++) values.push(k / 7, (k * 37) / 1440, 1 - 1 / k, (k % 97) / ((k % 89) + 1));
    for (const v of values) expect(Object.is(asWritten(v), readBack(v)), `${v}: ${asWritten(v)} against ${readBack(v)}`).toBe(true);
  });
});
