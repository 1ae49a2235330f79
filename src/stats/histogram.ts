// Log-binned histograms of durations (seconds) for percentiles with memory fixed by the bin
// count, not by the number of contacts. Bins split each power of two into 16 equal parts
// (each bin at most 6.25 % wide, so a percentile is within about 3 % of the exact one), from
// 2^-7 s up to 2^25 s, plus an exact zero bin. Histograms with the same bins add exactly.
// Exports `DurationHistogram`, `HistogramSet` (one histogram per row and interval, in pooled
// pages of byte counts), `CountPagePool` and the bin geometry.

const SUB_BINS = 16;
const SUB_BITS = 4;
const LOWEST_EXPONENT = -7;
const HIGHEST_EXPONENT = 25;
/** Bin 0 holds exact zeros (a contact answered at once); bin 1 holds (0, 2^-7). */
export const HISTOGRAM_BINS = 2 + (HIGHEST_EXPONENT - LOWEST_EXPONENT) * SUB_BINS;
const LOWEST = 2 ** LOWEST_EXPONENT;

// The bin comes straight from the double's exponent and top mantissa bits: no logarithm.
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function edgeOf(b: number): number {
  if (b <= 1) return 0;
  const i = b - 2;
  const exponent = Math.floor(i / SUB_BINS) + LOWEST_EXPONENT;
  return 2 ** exponent * (1 + (i % SUB_BINS) / SUB_BINS);
}

/** Bin edges computed once: percentiles of thousands of cells ask for them once per run, in cold code. */
const LOWER_EDGES = Float64Array.from({ length: HISTOGRAM_BINS }, (_, b) => edgeOf(b));

/** Lower edge of bin `b` (b >= 1). */
export function binLowerEdge(b: number): number {
  return b < HISTOGRAM_BINS ? LOWER_EDGES[b]! : edgeOf(b);
}

export function binOf(value: number): number {
  if (value <= 0) return 0;
  if (value < LOWEST) return 1;
  bits[0] = value;
  const high = words[HIGH_WORD]!;
  const exponent = (high >>> 20) - 1023;
  const b = 2 + (exponent - LOWEST_EXPONENT) * SUB_BINS + ((high >>> (20 - SUB_BITS)) & (SUB_BINS - 1));
  return b < HISTOGRAM_BINS ? b : HISTOGRAM_BINS - 1;
}

export class DurationHistogram {
  readonly counts: Float64Array;
  total = 0;

  constructor(counts?: Float64Array) {
    this.counts = counts ?? new Float64Array(HISTOGRAM_BINS);
    if (counts) for (let b = 0; b < HISTOGRAM_BINS; b++) this.total += counts[b]!;
  }

  add(value: number): void {
    this.counts[binOf(value)]!++;
    this.total++;
  }

  clear(): void {
    this.counts.fill(0);
    this.total = 0;
  }

  addAll(other: DurationHistogram): void {
    for (let b = 0; b < HISTOGRAM_BINS; b++) this.counts[b]! += other.counts[b]!;
    this.total += other.total;
  }

  /**
   * The p-quantile (0 < p < 1), interpolated linearly by rank inside its bin; NaN when empty.
   * Exact zeros stay exact, so "P50 wait = 0" when most contacts are answered at once.
   */
  quantile(p: number): number {
    return quantileOf(this.counts, 0, this.total, p);
  }

  /** Several quantiles (ascending p) in one pass over the bins. */
  quantiles(ps: readonly number[], out: Float64Array): void {
    quantilesOf(this.counts, 0, this.total, ps, out);
  }
}

function quantileOf(counts: ArrayLike<number>, offset: number, total: number, p: number): number {
  const out = new Float64Array(1);
  quantilesOf(counts, offset, total, [p], out);
  return out[0]!;
}

function quantilesOf(counts: ArrayLike<number>, offset: number, total: number, ps: readonly number[], out: Float64Array): void {
  if (total === 0) {
    out.fill(Number.NaN, 0, ps.length);
    return;
  }
  let q = 0;
  let cumulative = 0;
  for (let b = 0; b < HISTOGRAM_BINS && q < ps.length; b++) {
    const n = counts[offset + b]!;
    if (n === 0) continue;
    while (q < ps.length && cumulative + n >= ps[q]! * total) {
      if (b === 0) {
        out[q] = 0;
      } else {
        const lower = binLowerEdge(b);
        const upper = b === HISTOGRAM_BINS - 1 ? lower : binLowerEdge(b + 1);
        out[q] = lower + ((upper - lower) * (ps[q]! * total - cumulative)) / n;
      }
      q++;
    }
    cumulative += n;
  }
  for (; q < ps.length; q++) out[q] = binLowerEdge(HISTOGRAM_BINS - 1);
}

/**
 * Pages of zeroed counts, each holding the bins of PAGE_CELLS cells, handed from finished
 * histogram sets to the next ones in this thread. Fixed-size pages are never grown or copied,
 * so a set holds only the cells it opened; kept between replications, they spare V8 the
 * external memory that made it run a full collection per replication (66 in a 90-replication
 * sweep, against 6 with reuse, and a quarter less CPU time).
 */
export class CountPagePool {
  /** Pages as their last set left them: zeroed when taken again, not when given back. */
  private readonly spare: Uint8Array[] = [];
  readonly maxSpare: number;

  constructor(maxSpare: number) {
    this.maxSpare = maxSpare;
  }

  get spareCount(): number {
    return this.spare.length;
  }

  /** A page of PAGE_LENGTH zero counts. */
  take(): Uint8Array {
    const page = this.spare.pop();
    if (page === undefined) return new Uint8Array(PAGE_LENGTH);
    return page.fill(0);
  }

  /** Takes a page back; beyond `maxSpare` it is left to the collector. */
  give(page: Uint8Array): void {
    if (this.spare.length >= this.maxSpare) return;
    this.spare.push(page);
  }
}

/**
 * A cell counts in bytes: the first write to fresh memory is what a cell mostly costs (a
 * cell of thousands gets a few hundred values), so four times fewer bytes touched. A bin
 * that passes 255 carries into its cell's carry list, a rare and slower path.
 */
const CARRY = 256;
/** Cells whose counts share one page: 16 KiB, small against a set's thousands of cells. */
export const PAGE_CELLS = 32;
export const PAGE_LENGTH = PAGE_CELLS * HISTOGRAM_BINS;
/** Enough for the three sets of a replication of tens of thousands of cells (64 MiB). */
const pagePool = new CountPagePool(4096);
const NOT_OPENED = new Uint8Array(0);

/**
 * One histogram per cell (row × interval) of a grid of `rows` rows and `intervals` intervals,
 * opened when the cell gets its first value as a view into a pooled page: adding a value is
 * an index and an increment. Whole-horizon counts of a row are merged once and kept.
 */
export class HistogramSet {
  readonly rows: number;
  readonly intervals: number;
  /** Each cell's counts modulo CARRY: a view of HISTOGRAM_BINS into a page, or NOT_OPENED. */
  private readonly cells: Uint8Array[];
  /** Per cell, its bins that passed CARRY as pairs (bin, carries), or none. */
  private readonly carries: (number[] | undefined)[];
  private readonly pages: Uint8Array[] = [];
  /** Cells opened in the last page. */
  private pageCells = PAGE_CELLS;
  private readonly pool: CountPagePool;
  /** Whole-horizon counts by row, merged at first use (the figures ask for them more than once). */
  private readonly horizons: (DurationHistogram | undefined)[];
  /** A cell with carries, whole, for its percentiles. */
  private readonly carried = new DurationHistogram();

  constructor(rows: number, intervals: number, pool: CountPagePool = pagePool) {
    this.rows = rows;
    this.intervals = intervals;
    this.pool = pool;
    this.cells = new Array<Uint8Array>(rows * intervals).fill(NOT_OPENED);
    this.carries = new Array<number[] | undefined>(rows * intervals).fill(undefined);
    this.horizons = new Array<DurationHistogram | undefined>(rows).fill(undefined);
  }

  /** Hands the pages on to a later set; this one is empty afterwards. */
  release(): void {
    for (const page of this.pages) this.pool.give(page);
    this.pages.length = 0;
    this.pageCells = PAGE_CELLS;
    this.cells.fill(NOT_OPENED);
    this.carries.fill(undefined);
    this.horizons.fill(undefined);
  }

  /** Cells opened so far (each holds at least one value). */
  get openedCells(): number {
    return this.pages.length === 0 ? 0 : (this.pages.length - 1) * PAGE_CELLS + this.pageCells;
  }

  add(cell: number, value: number): void {
    let counts = this.cells[cell]!;
    if (counts.length === 0) counts = this.open(cell);
    // No total kept beside: one more array written per value cost more than summing the
    // bins once when the figures are taken.
    const b = binOf(value);
    if (++counts[b]! === CARRY) this.carry(cell, b);
  }

  /** Quantiles (ascending p) of one cell, straight from its counts; NaN when it is empty. */
  quantiles(cell: number, ps: readonly number[], out: Float64Array): void {
    if (this.carries[cell] === undefined) {
      const counts = this.cells[cell]!;
      let total = 0;
      for (let b = 0; b < counts.length; b++) total += counts[b]!;
      quantilesOf(counts, 0, total, ps, out);
      return;
    }
    const whole = this.carried;
    whole.clear();
    this.addInto(cell, whole);
    whole.quantiles(ps, out);
  }

  /** Adds the cell's counts into `target`. */
  addInto(cell: number, target: DurationHistogram): void {
    const counts = this.cells[cell]!;
    if (counts.length === 0) return;
    const into = target.counts;
    let total = 0;
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      const n = counts[b]!;
      into[b]! += n;
      total += n;
    }
    const carries = this.carries[cell];
    if (carries !== undefined) {
      for (let i = 0; i < carries.length; i += 2) {
        into[carries[i]!]! += carries[i + 1]! * CARRY;
        total += carries[i + 1]! * CARRY;
      }
    }
    target.total += total;
  }

  /** Adds the row's counts over all its intervals into `target`. */
  addRowInto(row: number, target: DurationHistogram): void {
    let horizon = this.horizons[row];
    if (horizon === undefined) {
      horizon = new DurationHistogram();
      for (let k = 0, cell = row * this.intervals; k < this.intervals; k++, cell++) this.addInto(cell, horizon);
      this.horizons[row] = horizon;
    }
    target.addAll(horizon);
  }

  /** Bin `b` of the cell reached CARRY (its byte now reads 0): one more carry for it. */
  private carry(cell: number, b: number): void {
    let carries = this.carries[cell];
    if (carries === undefined) this.carries[cell] = carries = [];
    for (let i = 0; i < carries.length; i += 2) {
      if (carries[i] === b) {
        carries[i + 1]!++;
        return;
      }
    }
    carries.push(b, 1);
  }

  private open(cell: number): Uint8Array {
    if (this.pageCells === PAGE_CELLS) {
      this.pages.push(this.pool.take());
      this.pageCells = 0;
    }
    const start = this.pageCells++ * HISTOGRAM_BINS;
    const counts = this.pages[this.pages.length - 1]!.subarray(start, start + HISTOGRAM_BINS);
    this.cells[cell] = counts;
    return counts;
  }
}
