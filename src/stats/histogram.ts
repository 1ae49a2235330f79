// Log-binned histograms of durations (seconds) for percentiles with memory fixed by the bin
// count, not by the number of contacts: 40 bins a decade from 0.01 s to 10^7 s (each bin
// about 6 % wide, so a percentile is within 3 % of the exact one), plus an exact zero bin.
// Exports `DurationHistogram` and the bin geometry; histograms with the same bins add exactly.

const BINS_PER_DECADE = 40;
const LOWEST = 0.01;
const DECADES = 9;
/** Bin 0 holds exact zeros (a contact answered at once); bin 1 holds (0, LOWEST). */
export const HISTOGRAM_BINS = 2 + BINS_PER_DECADE * DECADES + 1;
const LOG_LOWEST = Math.log10(LOWEST);

/** Lower edge of bin `b` (b >= 1). */
export function binLowerEdge(b: number): number {
  if (b <= 1) return 0;
  return 10 ** (LOG_LOWEST + (b - 2) / BINS_PER_DECADE);
}

export function binOf(value: number): number {
  if (value <= 0) return 0;
  if (value < LOWEST) return 1;
  const b = 2 + Math.floor((Math.log10(value) - LOG_LOWEST) * BINS_PER_DECADE);
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
    if (this.total === 0) return Number.NaN;
    const rank = p * this.total;
    let cumulative = 0;
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      const n = this.counts[b]!;
      if (n === 0) continue;
      if (cumulative + n >= rank) {
        if (b === 0) return 0;
        const lower = binLowerEdge(b);
        const upper = b === HISTOGRAM_BINS - 1 ? lower : binLowerEdge(b + 1);
        const within = (rank - cumulative) / n;
        return lower + (upper - lower) * within;
      }
      cumulative += n;
    }
    return binLowerEdge(HISTOGRAM_BINS - 1);
  }
}
