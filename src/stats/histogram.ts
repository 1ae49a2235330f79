// Log-binned histograms of durations (seconds) for percentiles with memory fixed by the bin
// count, not by the number of contacts. Bins split each power of two into 16 equal parts
// (each bin at most 6.25 % wide, so a percentile is within about 3 % of the exact one), from
// 2^-7 s up to 2^25 s, plus an exact zero bin. Histograms with the same bins add exactly.
// Exports `DurationHistogram` and the bin geometry.

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
  private readonly spare: Uint32Array[] = [];
  readonly maxSpare: number;

  constructor(maxSpare: number) {
    this.maxSpare = maxSpare;
  }

  get spareCount(): number {
    return this.spare.length;
  }

  /** A page of PAGE_LENGTH zero counts. */
  take(): Uint32Array {
    const page = this.spare.pop();
    if (page === undefined) return new Uint32Array(PAGE_LENGTH);
    return page.fill(0);
  }

  /** Takes a page back; beyond `maxSpare` it is left to the collector. */
  give(page: Uint32Array): void {
    if (this.spare.length >= this.maxSpare) return;
    this.spare.push(page);
  }
}

/** A cell's counts by bin, then their total (so a cell's percentiles need no pass to sum it). */
const CELL_LENGTH = HISTOGRAM_BINS + 1;
const TOTAL = HISTOGRAM_BINS;
/** Cells whose counts share one page: about 16 KiB, small against a set's thousands of cells. */
export const PAGE_CELLS = 8;
export const PAGE_LENGTH = PAGE_CELLS * CELL_LENGTH;
/** Enough for the three sets of a replication of a few thousand cells each (about 64 MiB). */
const pagePool = new CountPagePool(4096);
const NOT_OPENED = new Uint32Array(0);

/**
 * One histogram per cell (row × interval) of a grid of `rows` rows and `intervals` intervals,
 * opened when the cell gets its first value as a view into a pooled page: adding a value is
 * an index and an increment. Whole-horizon counts of a row are merged once and kept.
 */
export class HistogramSet {
  readonly rows: number;
  readonly intervals: number;
  /** Each cell's counts and total: a view of CELL_LENGTH into a page, or NOT_OPENED. */
  private readonly cells: Uint32Array[];
  private readonly pages: Uint32Array[] = [];
  /** Cells opened in the last page. */
  private pageCells = PAGE_CELLS;
  private readonly pool: CountPagePool;
  /** Whole-horizon counts by row, merged at first use (the figures ask for them more than once). */
  private readonly horizons: (DurationHistogram | undefined)[];

  constructor(rows: number, intervals: number, pool: CountPagePool = pagePool) {
    this.rows = rows;
    this.intervals = intervals;
    this.pool = pool;
    this.cells = new Array<Uint32Array>(rows * intervals).fill(NOT_OPENED);
    this.horizons = new Array<DurationHistogram | undefined>(rows).fill(undefined);
  }

  /** Hands the pages on to a later set; this one is empty afterwards. */
  release(): void {
    for (const page of this.pages) this.pool.give(page);
    this.pages.length = 0;
    this.pageCells = PAGE_CELLS;
    this.cells.fill(NOT_OPENED);
    this.horizons.fill(undefined);
  }

  /** Cells opened so far (each holds at least one value). */
  get openedCells(): number {
    return this.pages.length === 0 ? 0 : (this.pages.length - 1) * PAGE_CELLS + this.pageCells;
  }

  add(cell: number, value: number): void {
    let counts = this.cells[cell]!;
    if (counts.length === 0) counts = this.open(cell);
    counts[binOf(value)]!++;
    counts[TOTAL]!++;
  }

  /** Quantiles (ascending p) of one cell, straight from its counts; NaN when it is empty. */
  quantiles(cell: number, ps: readonly number[], out: Float64Array): void {
    const counts = this.cells[cell]!;
    quantilesOf(counts, 0, counts.length === 0 ? 0 : counts[TOTAL]!, ps, out);
  }

  /** Adds the cell's counts into `target`. */
  addInto(cell: number, target: DurationHistogram): void {
    const counts = this.cells[cell]!;
    if (counts.length === 0) return;
    const into = target.counts;
    for (let b = 0; b < HISTOGRAM_BINS; b++) into[b]! += counts[b]!;
    target.total += counts[TOTAL]!;
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

  private open(cell: number): Uint32Array {
    if (this.pageCells === PAGE_CELLS) {
      this.pages.push(this.pool.take());
      this.pageCells = 0;
    }
    const start = this.pageCells++ * CELL_LENGTH;
    const counts = this.pages[this.pages.length - 1]!.subarray(start, start + CELL_LENGTH);
    this.cells[cell] = counts;
    return counts;
  }
}
