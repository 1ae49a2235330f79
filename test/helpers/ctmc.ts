// A small dense continuous-time Markov chain solver, so tests can check analytic formulas and
// the simulator against an answer computed a different way. Exports Ctmc and buildChain.
// Units: rates per unit time (seconds in the tests), times in the same unit.

/** States are indexed 0..n-1; transitions by rate. */
export class Ctmc {
  readonly size: number;
  /** Row-major off-diagonal rates q(from, to); the diagonal is derived, never stored. */
  private readonly rates: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Ctmc size must be an integer >= 1, got ${size}`);
    this.size = size;
    this.rates = new Float64Array(size * size);
  }

  /** Adds `rate` to q(from, to); repeated calls accumulate, as parallel transitions do. */
  addRate(from: number, to: number, rate: number): void {
    this.checkState(from);
    this.checkState(to);
    if (from === to) throw new RangeError(`Ctmc self-transition at state ${from}`);
    if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`Ctmc rate must be finite and >= 0, got ${rate}`);
    this.rates[from * this.size + to]! += rate;
  }

  rate(from: number, to: number): number {
    this.checkState(from);
    this.checkState(to);
    return from === to ? 0 : this.rates[from * this.size + to]!;
  }

  /** Total rate of leaving `state`, i.e. −q(state, state). */
  outRate(state: number): number {
    this.checkState(state);
    let total = 0;
    for (let j = 0; j < this.size; j++) total += this.rates[state * this.size + j]!;
    return total;
  }

  /**
   * π with πQ = 0 and Σπ = 1. Solves Qᵀπᵀ = 0 with the last balance equation replaced by the
   * normalisation (the balance equations are dependent, so one is redundant), by Gaussian
   * elimination with partial pivoting. Throws when the chain has no unique stationary law.
   */
  stationary(): Float64Array {
    const n = this.size;
    const a = new Float64Array(n * n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) a[j * n + i] = i === j ? -this.outRate(i) : this.rates[i * n + j]!;
    }
    for (let j = 0; j < n; j++) a[(n - 1) * n + j] = 1;
    b[n - 1] = 1;
    // A pivot is "zero" relative to its own column, so chains whose rates are all tiny still solve.
    const colScale = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) colScale[j] = Math.max(colScale[j]!, Math.abs(a[i * n + j]!));
    }
    for (let k = 0; k < n; k++) {
      let p = k;
      for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[p * n + k]!)) p = i;
      if (!(Math.abs(a[p * n + k]!) > 1e-12 * colScale[k]!)) {
        throw new Error(`Ctmc.stationary: singular system at column ${k} (chain not irreducible?)`);
      }
      if (p !== k) {
        for (let j = 0; j < n; j++) {
          const t = a[k * n + j]!;
          a[k * n + j] = a[p * n + j]!;
          a[p * n + j] = t;
        }
        const t = b[k]!;
        b[k] = b[p]!;
        b[p] = t;
      }
      const pivot = a[k * n + k]!;
      for (let i = k + 1; i < n; i++) {
        const f = a[i * n + k]! / pivot;
        if (f === 0) continue;
        for (let j = k; j < n; j++) a[i * n + j]! -= f * a[k * n + j]!;
        b[i]! -= f * b[k]!;
      }
    }
    const x = new Float64Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let s = b[i]!;
      for (let j = i + 1; j < n; j++) s -= a[i * n + j]! * x[j]!;
      x[i] = s / a[i * n + i]!;
    }
    return x;
  }

  /**
   * Distribution at time t from `initial` (any non-negative mass vector), by classical RK4 on
   * p' = pQ. Deliberately not uniformization, so it checks code that uses uniformization.
   * The step keeps h·max out-rate <= 0.005: RK4 then errs by ~(hΛ)^4/120 ≈ 5e-12 per unit of Λt.
   */
  transient(initial: Float64Array, t: number): Float64Array {
    if (initial.length !== this.size) throw new RangeError('Ctmc.transient: initial vector has the wrong size');
    if (!Number.isFinite(t) || t < 0) throw new RangeError(`Ctmc.transient: t must be finite and >= 0, got ${t}`);
    const n = this.size;
    const out = new Float64Array(n);
    let maxOut = 0;
    for (let i = 0; i < n; i++) {
      out[i] = this.outRate(i);
      maxOut = Math.max(maxOut, out[i]!);
    }
    const edges: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const r = this.rates[i * n + j]!;
        if (r > 0) edges.push([i, j, r]);
      }
    }
    const deriv = (p: Float64Array, d: Float64Array): void => {
      for (let i = 0; i < n; i++) d[i] = -out[i]! * p[i]!;
      for (const [i, j, r] of edges) d[j]! += p[i]! * r;
    };
    const steps = Math.max(1, Math.ceil((t * maxOut) / 0.005));
    const h = t / steps;
    let p = Float64Array.from(initial);
    const k1 = new Float64Array(n);
    const k2 = new Float64Array(n);
    const k3 = new Float64Array(n);
    const k4 = new Float64Array(n);
    const tmp = new Float64Array(n);
    for (let s = 0; s < steps && t > 0; s++) {
      deriv(p, k1);
      for (let i = 0; i < n; i++) tmp[i] = p[i]! + 0.5 * h * k1[i]!;
      deriv(tmp, k2);
      for (let i = 0; i < n; i++) tmp[i] = p[i]! + 0.5 * h * k2[i]!;
      deriv(tmp, k3);
      for (let i = 0; i < n; i++) tmp[i] = p[i]! + h * k3[i]!;
      deriv(tmp, k4);
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) next[i] = p[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
      p = next;
    }
    return p;
  }

  private checkState(s: number): void {
    if (!Number.isInteger(s) || s < 0 || s >= this.size) throw new RangeError(`Ctmc state ${s} out of range 0..${this.size - 1}`);
  }
}

/**
 * Build a chain from a state type with a key function: BFS from `initial` over
 * `transitions(state) => [nextState, rate][]`; returns the chain, the states in index order,
 * and the key → index lookup. Self-transitions are dropped (they do not change a CTMC) and
 * zero rates are kept out of the state space; more than `maxStates` states throws, so a
 * forgotten truncation fails fast instead of exhausting memory.
 */
export function buildChain<S>(
  initial: S,
  key: (s: S) => string,
  transitions: (s: S) => Array<[S, number]>,
  maxStates = 20_000,
): { chain: Ctmc; states: S[]; index: Map<string, number> } {
  const states: S[] = [initial];
  const index = new Map<string, number>([[key(initial), 0]]);
  const edges: Array<[number, number, number]> = [];
  for (let head = 0; head < states.length; head++) {
    const s = states[head]!;
    for (const [next, rate] of transitions(s)) {
      if (!Number.isFinite(rate) || rate < 0) throw new RangeError(`buildChain: bad rate ${rate} from state ${key(s)}`);
      if (rate === 0) continue;
      const k = key(next);
      let to = index.get(k);
      if (to === undefined) {
        if (states.length >= maxStates) throw new RangeError(`buildChain: more than ${maxStates} states`);
        to = states.length;
        states.push(next);
        index.set(k, to);
      }
      if (to !== head) edges.push([head, to, rate]);
    }
  }
  const chain = new Ctmc(states.length);
  for (const [from, to, rate] of edges) chain.addRate(from, to, rate);
  return { chain, states, index };
}
