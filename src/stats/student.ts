// Student's t distribution for confidence intervals over replications: CDF through the
// regularised incomplete beta function, quantiles by bisection on it. Exports
// `studentTQuantile`, `studentTCdf`, `meanAndHalfWidth`.

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9): ~15 significant digits for x > 0.
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta (Lentz's method). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T <= t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const x = df / (df + t * t);
  const tail = 0.5 * incompleteBeta(x, df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

const quantiles = new Map<string, number>();
let lastP = Number.NaN;
let lastDf = Number.NaN;
let lastQuantile = Number.NaN;

/** The p-quantile of Student's t with `df` degrees of freedom (0 < p < 1); remembered per (p, df). */
export function studentTQuantile(p: number, df: number): number {
  // A table summary asks for the same (p, df) cell after cell: no key string each time.
  if (p === lastP && df === lastDf) return lastQuantile;
  const key = `${p}/${df}`;
  let q = quantiles.get(key);
  if (q === undefined) {
    q = computeTQuantile(p, df);
    quantiles.set(key, q);
  }
  lastP = p;
  lastDf = df;
  lastQuantile = q;
  return q;
}

function computeTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -computeTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Estimate {
  mean: number;
  /** Half-width of the two-sided interval at `confidence`; NaN with fewer than two values. */
  halfWidth: number;
  n: number;
  sd: number;
}

/** Mean and confidence half-width of the finite values among `values` (NaN = no figure). */
export function meanAndHalfWidth(values: ArrayLike<number>, confidence = 0.95): Estimate {
  return estimateInto(values, confidence, { mean: Number.NaN, halfWidth: Number.NaN, n: 0, sd: Number.NaN });
}

/** meanAndHalfWidth written into `out`: for tables of thousands of cells, no object each. */
export function estimateInto(values: ArrayLike<number>, confidence: number, out: Estimate): Estimate {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      n++;
      sum += v;
    }
  }
  out.n = n;
  if (n === 0) {
    out.mean = out.halfWidth = out.sd = Number.NaN;
    return out;
  }
  const mean = sum / n;
  out.mean = mean;
  if (n === 1) {
    out.halfWidth = out.sd = Number.NaN;
    return out;
  }
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) squares += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(squares / (n - 1));
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 1);
  out.sd = sd;
  out.halfWidth = (t * sd) / Math.sqrt(n);
  return out;
}
