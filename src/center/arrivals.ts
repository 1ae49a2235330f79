// Arrivals of one channel as a non-homogeneous Poisson process with a constant rate in each
// reporting interval: each gap is one unit-exponential draw spent against the rate, interval
// by interval, so the process is exact (no thinning) and uses one uniform per arrival.
import type { RandomStream } from '../kernel/random.js';

export class ArrivalProcess {
  private readonly rates: readonly number[];
  private readonly intervalSec: number;
  private readonly stream: RandomStream;

  constructor(ratesPerSecond: readonly number[], intervalSec: number, stream: RandomStream) {
    this.rates = ratesPerSecond;
    this.intervalSec = intervalSec;
    this.stream = stream;
  }

  /** The first arrival after `now`, or Infinity when none comes before the horizon ends. */
  next(now: number): number {
    let effort = -Math.log1p(-this.stream.next());
    let t = now;
    let k = Math.floor(t / this.intervalSec);
    while (k < this.rates.length) {
      const rate = this.rates[k]!;
      const intervalEnd = (k + 1) * this.intervalSec;
      const available = rate * (intervalEnd - t);
      if (available >= effort && rate > 0) return t + effort / rate;
      effort -= available;
      t = intervalEnd;
      k++;
    }
    return Infinity;
  }
}
