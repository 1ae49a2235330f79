// Arrivals of one channel as a non-homogeneous Poisson process with a constant rate in each
// reporting interval: each gap is one unit-exponential draw spent against the rate, interval
// by interval, so the process is exact (no thinning) and uses one uniform per arrival.
import type { RandomStream } from '../kernel/random.js';

export class ArrivalProcess {
  private readonly rates: readonly number[];
  private readonly intervalSec: number;
  private readonly stream: RandomStream;
  /** The interval of the last arrival, and its rate and end, kept to spare a division a draw. */
  private interval = 0;
  private rate: number;
  private intervalEnd: number;

  constructor(ratesPerSecond: readonly number[], intervalSec: number, stream: RandomStream) {
    this.rates = ratesPerSecond;
    this.intervalSec = intervalSec;
    this.stream = stream;
    this.rate = ratesPerSecond[0] ?? 0;
    this.intervalEnd = intervalSec;
  }

  /** The first arrival after `now` (never before the previous one), or Infinity when none comes before the horizon ends. */
  next(now: number): number {
    let effort = -Math.log1p(-this.stream.next());
    let t = now;
    for (;;) {
      const rate = this.rate;
      const available = rate * (this.intervalEnd - t);
      if (available >= effort && rate > 0) return t + effort / rate;
      effort -= available;
      t = this.intervalEnd;
      if (++this.interval >= this.rates.length) return Infinity;
      this.rate = this.rates[this.interval]!;
      this.intervalEnd += this.intervalSec;
    }
  }
}
