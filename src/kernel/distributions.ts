// Random durations (seconds) and counts for the simulation, parameterised by mean and cv the
// way planners state them. Exports the `Distribution` interface, one constructor per family and
// the scenario loader's `makeDistribution` / `makeCountDistribution` factories. Draws are
// checked where they are used (the contact center's `sample`), which knows the time and contact.
import type { RandomStream } from './random.js';

export interface Distribution {
  /** Exact mean of the distribution. */
  readonly mean: number;
  /** Exact variance of the distribution. */
  readonly variance: number;
  /** A draw; always finite and >= 0 (a duration in seconds or a count). */
  sample(stream: RandomStream): number;
  /** Readable, e.g. `lognormal(mean=280, cv=0.8)`. */
  toString(): string;
}

export type DistributionName =
  | 'fixed'
  | 'exponential'
  | 'uniform'
  | 'lognormal'
  | 'gamma'
  | 'erlang'
  | 'empirical';
export type CountDistributionName = 'fixed' | 'geometric' | 'empirical';

/** A distribution as written in a scenario file; which fields matter depends on `dist`. */
export interface DistributionSpec {
  readonly dist: string;
  readonly mean?: number;
  readonly cv?: number;
  readonly value?: number;
  readonly values?: readonly number[];
  readonly k?: number;
  readonly min?: number;
  readonly max?: number;
}

export const DISTRIBUTION_NAMES: readonly DistributionName[] = Object.freeze([
  'fixed',
  'exponential',
  'uniform',
  'lognormal',
  'gamma',
  'erlang',
  'empirical',
] as const);

export const COUNT_DISTRIBUTION_NAMES: readonly CountDistributionName[] = Object.freeze([
  'fixed',
  'geometric',
  'empirical',
] as const);

const SQRT3 = Math.sqrt(3);
const TWO_PI = 2 * Math.PI;
/** Above this k an Erlang is drawn as one gamma variate: k logs per draw get slow. */
const ERLANG_DIRECT_MAX_K = 30;

// ---------------------------------------------------------------------------------------------
// Samplers shared by several families

/**
 * Box–Muller without the cached spare, so every normal costs exactly two uniforms and a
 * stream's consumption per draw does not depend on draw parity. 1 - u is in (0, 1], so the
 * log is finite.
 */
function standardNormal(stream: RandomStream): number {
  const u1 = stream.next();
  const u2 = stream.next();
  return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(TWO_PI * u2);
}

/**
 * Marsaglia & Tsang (2000) for shape >= 1, scale 1. `d` = shape - 1/3, `c` = 1 / sqrt(9d)
 * are precomputed by the caller so a draw allocates and recomputes nothing.
 */
function marsagliaTsang(stream: RandomStream, d: number, c: number): number {
  for (;;) {
    const x = standardNormal(stream);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = stream.next();
    const x2 = x * x;
    // Cheap squeeze first; the log test settles the rest. u = 0 passes the squeeze.
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

// ---------------------------------------------------------------------------------------------
// Parameter checks (the scenario validator checks first, with field paths; these are the
// second wall, for programmatic use and for the validator's own mistakes)

function requireFinite(family: string, field: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${family}: ${field} must be a finite number, got ${String(x)}`);
  }
}

function requireThat(ok: boolean, family: string, field: string, allowed: string, x: number): void {
  if (!ok) throw new RangeError(`${family}: ${field} must be ${allowed}, got ${String(x)}`);
}

function requireValues(family: string, values: readonly number[], integerAtLeastOne: boolean): void {
  if (!Array.isArray(values) || values.length === 0) {
    throw new RangeError(`${family}: values must be a non-empty list of numbers, got ${describeList(values)}`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const field = `values[${i}]`;
    requireFinite(family, field, v);
    if (integerAtLeastOne) requireThat(Number.isInteger(v) && v >= 1, family, field, 'an integer >= 1', v);
    else requireThat(v >= 0, family, field, '>= 0', v);
  }
}

function describeList(values: unknown): string {
  if (Array.isArray(values)) return values.length === 0 ? 'an empty list' : `a list of ${values.length}`;
  return values === undefined ? 'nothing' : typeof values;
}

// ---------------------------------------------------------------------------------------------
// Families. Small classes with every field set in the constructor keep the call sites in the
// hot loop monomorphic per family; `sample` allocates nothing.

class Fixed implements Distribution {
  readonly mean: number;
  readonly variance = 0;
  private readonly label: string;
  constructor(value: number, label: string) {
    this.mean = value;
    this.label = label;
  }
  sample(_stream: RandomStream): number {
    return this.mean;
  }
  toString(): string {
    return this.label;
  }
}

class Exponential implements Distribution {
  readonly mean: number;
  readonly variance: number;
  constructor(mean: number) {
    this.mean = mean;
    this.variance = mean * mean;
  }
  sample(stream: RandomStream): number {
    // -log1p(-u) is -ln(1 - u), accurate for small u; it is +0 (not -0) at u = 0.
    return -Math.log1p(-stream.next()) * this.mean;
  }
  toString(): string {
    return `exponential(mean=${this.mean})`;
  }
}

class Uniform implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly min: number;
  private readonly width: number;
  private readonly label: string;
  constructor(min: number, max: number, mean: number, variance: number, label: string) {
    this.min = min;
    this.width = max - min;
    this.mean = mean;
    this.variance = variance;
    this.label = label;
  }
  sample(stream: RandomStream): number {
    return this.min + this.width * stream.next();
  }
  toString(): string {
    return this.label;
  }
}

class Lognormal implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly cv: number;
  constructor(mean: number, cv: number) {
    const sigma2 = Math.log1p(cv * cv);
    this.mean = mean;
    this.cv = cv;
    this.variance = (mean * cv) * (mean * cv);
    this.mu = Math.log(mean) - sigma2 / 2;
    this.sigma = Math.sqrt(sigma2);
  }
  sample(stream: RandomStream): number {
    return Math.exp(this.mu + this.sigma * standardNormal(stream));
  }
  toString(): string {
    return `lognormal(mean=${this.mean}, cv=${this.cv})`;
  }
}

/**
 * Below this cv (shape above 10^12) Marsaglia–Tsang's acceptance test loses its precision
 * (d·(1 − v + log v) with d huge) and 1/cv² may overflow, so a gamma is drawn as the normal it
 * is indistinguishable from (skewness 2·cv < 2·10^-6); it stays positive, as |z| < 9.
 */
const NARROW_GAMMA_CV = 1e-6;

class NarrowGamma implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly sd: number;
  private readonly label: string;
  constructor(mean: number, cv: number, label: string) {
    this.mean = mean;
    this.sd = mean * cv;
    this.variance = this.sd * this.sd;
    this.label = label;
  }
  sample(stream: RandomStream): number {
    return this.mean + this.sd * standardNormal(stream);
  }
  toString(): string {
    return this.label;
  }
}

class Gamma implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly scale: number;
  private readonly d: number;
  private readonly c: number;
  /** 1/shape when shape < 1 (the boost is needed), else 0. */
  private readonly invShape: number;
  private readonly label: string;
  /** `mean` and `variance` are passed in exactly rather than recomputed as shape·scale, which rounds. */
  constructor(shape: number, scale: number, mean: number, variance: number, label: string) {
    const boosted = shape < 1;
    this.scale = scale;
    this.invShape = boosted ? 1 / shape : 0;
    this.d = (boosted ? shape + 1 : shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.mean = mean;
    this.variance = variance;
    this.label = label;
  }
  sample(stream: RandomStream): number {
    const g = marsagliaTsang(stream, this.d, this.c);
    if (this.invShape === 0) return g * this.scale;
    // Boost: if G ~ gamma(a + 1) and U ~ U(0,1), then G·U^(1/a) ~ gamma(a). 1 - u keeps the
    // base in (0, 1], so a tiny shape underflows towards 0 rather than hitting 0^x edge cases.
    return g * Math.pow(1 - stream.next(), this.invShape) * this.scale;
  }
  toString(): string {
    return this.label;
  }
}

class Erlang implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly k: number;
  private readonly phaseMean: number;
  constructor(mean: number, k: number) {
    this.mean = mean;
    this.k = k;
    this.phaseMean = mean / k;
    this.variance = (mean * mean) / k;
  }
  sample(stream: RandomStream): number {
    // A sum of logs rather than the log of a product: the product of k uniforms can underflow.
    let s = 0;
    for (let i = 0; i < this.k; i++) s -= Math.log1p(-stream.next());
    return s * this.phaseMean;
  }
  toString(): string {
    return `erlang(mean=${this.mean}, k=${this.k})`;
  }
}

class Empirical implements Distribution {
  readonly mean: number;
  readonly variance: number;
  /** A private copy: the caller's array may change after construction. */
  private readonly values: Float64Array;
  private readonly label: string;
  constructor(values: readonly number[], label: string) {
    this.values = Float64Array.from(values);
    const n = values.length;
    let sum = 0;
    for (const v of this.values) sum += v;
    const mean = sum / n;
    let ss = 0;
    for (const v of this.values) ss += (v - mean) * (v - mean);
    this.mean = mean;
    this.variance = ss / n;
    this.label = `${label}(${n} value${n === 1 ? '' : 's'}, mean=${mean})`;
  }
  sample(stream: RandomStream): number {
    // u <= 1 - 2^-53, and (1 - 2^-53)·n rounds below n for any n < 2^53, so the index is in range.
    return this.values[Math.floor(stream.next() * this.values.length)] as number;
  }
  toString(): string {
    return this.label;
  }
}

class Geometric implements Distribution {
  readonly mean: number;
  readonly variance: number;
  /** 1 / ln(1 - p); it is -0 when p = 1, which makes every draw 1 without a branch. */
  private readonly invLogQ: number;
  constructor(mean: number) {
    const p = 1 / mean;
    this.mean = mean;
    // (1 - p)/p² is mean·(mean - 1): one rounding instead of three.
    this.variance = mean * (mean - 1);
    this.invLogQ = 1 / Math.log1p(-p);
  }
  sample(stream: RandomStream): number {
    // Inversion: N = 1 + floor(ln(1 - u) / ln(1 - p)); ln(1 - u) is finite since u < 1.
    return 1 + Math.floor(Math.log1p(-stream.next()) * this.invLogQ);
  }
  toString(): string {
    return `geometric(mean=${this.mean})`;
  }
}

// ---------------------------------------------------------------------------------------------
// Constructors: durations (seconds)

/** Always `value` seconds. */
export function fixed(value: number): Distribution {
  requireFinite('fixed', 'value', value);
  requireThat(value >= 0, 'fixed', 'value', '>= 0', value);
  return new Fixed(value, `fixed(value=${value})`);
}

/** Memoryless, cv = 1. */
export function exponential(mean: number): Distribution {
  requireFinite('exponential', 'mean', mean);
  requireThat(mean > 0, 'exponential', 'mean', '> 0', mean);
  return new Exponential(mean);
}

/** Symmetric around `mean`; cv is capped at 1/√3 so the lower end stays >= 0. */
export function uniform(mean: number, cv: number): Distribution {
  requireFinite('uniform', 'mean', mean);
  requireThat(mean >= 0, 'uniform', 'mean', '>= 0', mean);
  requireFinite('uniform', 'cv', cv);
  requireThat(cv >= 0 && cv <= 1 / SQRT3, 'uniform', 'cv', `between 0 and 1/sqrt(3) = ${1 / SQRT3}`, cv);
  // cv·√3 first: for cv <= 1/√3 it rounds to <= 1, so min = mean - halfWidth is never
  // negative; (mean·cv)·√3 can overshoot mean by an ulp at the bound.
  const halfWidth = mean * (cv * SQRT3);
  return new Uniform(
    mean - halfWidth,
    mean + halfWidth,
    mean,
    (mean * cv) * (mean * cv),
    `uniform(mean=${mean}, cv=${cv})`,
  );
}

/** Uniform on [min, max). */
export function uniformRange(min: number, max: number): Distribution {
  requireFinite('uniform', 'min', min);
  requireThat(min >= 0, 'uniform', 'min', '>= 0', min);
  requireFinite('uniform', 'max', max);
  requireThat(max >= min, 'uniform', 'max', `>= min (${min})`, max);
  const width = max - min;
  return new Uniform(min, max, (min + max) / 2, (width * width) / 12, `uniform(min=${min}, max=${max})`);
}

/** Right-skewed with a heavy tail; the usual fit for handle times. cv = 0 is `fixed(mean)`. */
export function lognormal(mean: number, cv: number): Distribution {
  requireFinite('lognormal', 'mean', mean);
  requireThat(mean > 0, 'lognormal', 'mean', '> 0', mean);
  requireFinite('lognormal', 'cv', cv);
  requireThat(cv >= 0, 'lognormal', 'cv', '>= 0', cv);
  if (cv === 0) return new Fixed(mean, `lognormal(mean=${mean}, cv=0)`);
  return new Lognormal(mean, cv);
}

/** Shape 1/cv², scale mean·cv²; lighter tail than a lognormal of the same cv. cv = 0 is `fixed(mean)`. */
export function gamma(mean: number, cv: number): Distribution {
  requireFinite('gamma', 'mean', mean);
  requireThat(mean > 0, 'gamma', 'mean', '> 0', mean);
  requireFinite('gamma', 'cv', cv);
  requireThat(cv >= 0, 'gamma', 'cv', '>= 0', cv);
  const label = `gamma(mean=${mean}, cv=${cv})`;
  if (cv === 0) return new Fixed(mean, label);
  const cv2 = cv * cv;
  if (cv < NARROW_GAMMA_CV) return new NarrowGamma(mean, cv, label);
  return new Gamma(1 / cv2, mean * cv2, mean, (mean * cv) * (mean * cv), label);
}

/** Sum of k exponential phases of mean mean/k; cv = 1/√k. */
export function erlang(mean: number, k: number): Distribution {
  requireFinite('erlang', 'mean', mean);
  requireThat(mean > 0, 'erlang', 'mean', '> 0', mean);
  requireFinite('erlang', 'k', k);
  requireThat(Number.isInteger(k) && k >= 1, 'erlang', 'k', 'an integer >= 1', k);
  if (k <= ERLANG_DIRECT_MAX_K) return new Erlang(mean, k);
  return new Gamma(k, mean / k, mean, (mean * mean) / k, `erlang(mean=${mean}, k=${k})`);
}

/** Each of `values` (seconds) with equal probability; repeats weight a value. */
export function empirical(values: readonly number[]): Distribution {
  requireValues('empirical', values, false);
  return new Empirical(values, 'empirical');
}

// ---------------------------------------------------------------------------------------------
// Constructors: counts (integers >= 1, e.g. chat exchanges)

/** Always `value` (an integer >= 1). */
export function fixedCount(value: number): Distribution {
  requireFinite('fixed count', 'value', value);
  requireThat(Number.isInteger(value) && value >= 1, 'fixed count', 'value', 'an integer >= 1', value);
  return new Fixed(value, `fixedCount(value=${value})`);
}

/** On 1, 2, 3, … with P(N = n) = p(1 − p)^(n − 1), p = 1/mean. */
export function geometric(mean: number): Distribution {
  requireFinite('geometric', 'mean', mean);
  requireThat(mean >= 1, 'geometric', 'mean', '>= 1', mean);
  return new Geometric(mean);
}

/** Each of `values` (integers >= 1) with equal probability. */
export function empiricalCount(values: readonly number[]): Distribution {
  requireValues('empirical count', values, true);
  return new Empirical(values, 'empiricalCount');
}

// ---------------------------------------------------------------------------------------------
// Factories for the scenario loader

function need(family: string, field: string, x: number | undefined): number {
  if (x === undefined) throw new RangeError(`${family} needs ${field}`);
  return x;
}

function needValues(family: string, values: readonly number[] | undefined): readonly number[] {
  if (values === undefined) throw new RangeError(`${family} needs values`);
  return values;
}

function unknownName(kind: string, name: unknown, allowed: readonly string[]): RangeError {
  return new RangeError(
    `unknown ${kind} ${JSON.stringify(name)}; allowed: ${allowed.join(', ')}`,
  );
}

/** A duration distribution (seconds) from its scenario spec. */
export function makeDistribution(spec: DistributionSpec): Distribution {
  switch (spec.dist) {
    case 'fixed':
      return fixed(spec.value ?? need('fixed', 'value (or mean)', spec.mean));
    case 'exponential':
      if (spec.cv !== undefined && spec.cv !== 1) {
        throw new RangeError(`exponential: cv must be 1 if given (an exponential's cv is 1), got ${String(spec.cv)}`);
      }
      return exponential(need('exponential', 'mean', spec.mean));
    case 'uniform': {
      const hasMin = spec.min !== undefined;
      const hasMax = spec.max !== undefined;
      if (hasMin && hasMax) return uniformRange(spec.min as number, spec.max as number);
      if (hasMin !== hasMax) {
        throw new RangeError(`uniform needs both min and max, got only ${hasMin ? 'min' : 'max'}`);
      }
      return uniform(need('uniform', 'mean (or min and max)', spec.mean), need('uniform', 'cv', spec.cv));
    }
    case 'lognormal':
      return lognormal(need('lognormal', 'mean', spec.mean), need('lognormal', 'cv', spec.cv));
    case 'gamma':
      return gamma(need('gamma', 'mean', spec.mean), need('gamma', 'cv', spec.cv));
    case 'erlang':
      return erlang(need('erlang', 'mean', spec.mean), need('erlang', 'k', spec.k));
    case 'empirical':
      return empirical(needValues('empirical', spec.values));
    default:
      throw unknownName('distribution', spec.dist, DISTRIBUTION_NAMES);
  }
}

/** A count distribution (integers >= 1) from its scenario spec. */
export function makeCountDistribution(spec: DistributionSpec): Distribution {
  switch (spec.dist) {
    case 'fixed':
      return fixedCount(spec.value ?? need('fixed count', 'value (or mean)', spec.mean));
    case 'geometric':
      return geometric(need('geometric', 'mean', spec.mean));
    case 'empirical':
      return empiricalCount(needValues('empirical count', spec.values));
    default:
      throw unknownName('count distribution', spec.dist, COUNT_DISTRIBUTION_NAMES);
  }
}
