// Closed-form and numerically exact queueing formulas planners size contact centers with, kept
// next to the simulator so its output can be checked against them.
// Exports erlangB, erlangC, agentsForServiceLevel, erlangA, agentsForServiceLevelA.
// Units: times in seconds, rates per second, load in Erlangs.
import { InternalError } from '../errors.js';

/** M/M/c (Erlang C) question: `agents` servers, Poisson arrivals, exponential handling. */
export interface ErlangCInput {
  /** Integer number of agents, >= 1. */
  agents: number;
  /** Contacts per second, >= 0. */
  arrivalRate: number;
  /** Mean handling time in seconds, > 0. */
  aht: number;
  /** Service-level threshold in seconds, >= 0. */
  thresholdSec: number;
}

export interface ErlangCResult {
  /** Offered load a = arrivalRate * aht, in Erlangs. */
  load: number;
  /** a / agents; a utilisation only when `stable`. */
  occupancy: number;
  /** a < agents: otherwise the queue grows without bound. */
  stable: boolean;
  /** Erlang C, P(W > 0); 1 when unstable. */
  probWait: number;
  /** Mean wait over all contacts, C / (c·μ − λ); Infinity when unstable. */
  asa: number;
  /** P(W <= thresholdSec) = 1 − C·exp(−(cμ − λ)t); 0 when unstable. */
  serviceLevel: number;
  /** Mean wait of the contacts that wait at all, 1 / (cμ − λ); Infinity when unstable. */
  meanWaitOfDelayed: number;
  /** Smallest t with P(W <= t) >= p, for p in [0, 1]; 0 when 1 − C >= p. */
  waitQuantile(p: number): number;
}

/** Staffing question for Erlang C: how many agents reach `target` service level. */
export interface ServiceLevelTargetInput {
  arrivalRate: number;
  aht: number;
  thresholdSec: number;
  /** Wanted P(W <= thresholdSec), in (0, 1). */
  target: number;
  /** Upper bound on a / agents, in (0, 1]; planners cap it so agents are not run flat out. */
  maxOccupancy?: number;
}

/** M/M/c+M (Erlang A) question: as Erlang C, plus exponential patience. */
export interface ErlangAInput {
  agents: number;
  arrivalRate: number;
  aht: number;
  /** Mean patience in seconds, finite and > 0; abandonment rate θ = 1 / patience. */
  patience: number;
  thresholdSec: number;
}

export interface ErlangAResult {
  /** Offered load λ·aht, in Erlangs. */
  load: number;
  /** P(an arrival waits) = P(N >= c), by PASTA. */
  probWait: number;
  /** θ·E[(N − c)+] / λ. */
  probAbandon: number;
  /** Mean wait of answered contacts, E[W | served]. */
  asa: number;
  /** Mean time in queue over all contacts, answered and abandoned, E[Q] / λ. */
  meanWaitAll: number;
  /** P(answered and wait <= thresholdSec): answered within threshold over offered. */
  serviceLevel: number;
  /** P(wait <= thresholdSec | answered). */
  serviceLevelOfAnswered: number;
  /** Carried load over agents, λ(1 − P(ab))·aht / c. */
  occupancy: number;
  /** E[(N − c)+], the mean number waiting. */
  meanQueueLength: number;
}

/** Staffing question for Erlang A: fewest agents with offered-based service level >= target. */
export type ErlangAServiceLevelTargetInput = Omit<ErlangAInput, 'agents'> & {
  /** Wanted P(answered and wait <= thresholdSec), in (0, 1). */
  target: number;
};

/**
 * Past this many waiting states the queue tail cannot be summed in reasonable time or memory;
 * it is reached only when patience is enormous and the system overloaded (a queue of ~λ/θ).
 */
const MAX_QUEUE_STATES = 2_000_000;
/** Relative size below which the rest of a convergent series is dropped. */
const TAIL_EPS = 1e-16;

// Bad arguments here mean the caller skipped validation, which is a bug in osh-sim, not a user
// input problem: scenarios are validated where the file and field can be named.
function ensure(ok: boolean, message: string): void {
  if (!ok) throw new InternalError(`erlang: ${message}`);
}

function isNonNegative(x: number): boolean {
  return Number.isFinite(x) && x >= 0;
}

function isPositive(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}

function checkAgents(agents: number, min: number): void {
  ensure(Number.isInteger(agents) && agents >= min, `agents must be an integer >= ${min}, got ${agents}`);
}

function checkRates(arrivalRate: number, aht: number): void {
  ensure(isNonNegative(arrivalRate), `arrivalRate must be finite and >= 0, got ${arrivalRate}`);
  ensure(isPositive(aht), `aht must be finite and > 0, got ${aht}`);
}

function checkThreshold(thresholdSec: number): void {
  ensure(isNonNegative(thresholdSec), `thresholdSec must be finite and >= 0, got ${thresholdSec}`);
}

function checkTarget(target: number): void {
  // A target of 1 is never met once anything arrives, so the search would not end.
  ensure(Number.isFinite(target) && target > 0 && target < 1, `target must be in (0, 1), got ${target}`);
}

/**
 * Erlang B blocking probability of `agents` servers offered `load` Erlangs. The recurrence
 * never forms a^c or c!, so it stays finite for thousands of agents and any real load.
 */
export function erlangB(agents: number, load: number): number {
  checkAgents(agents, 0);
  ensure(isNonNegative(load), `load must be finite and >= 0, got ${load}`);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = (load * b) / (n + load * b);
  return b;
}

/** One step of the Erlang B recurrence, so staffing searches extend B(n) in O(1) per agent. */
function nextErlangB(bPrev: number, n: number, load: number): number {
  return (load * bPrev) / (n + load * bPrev);
}

function erlangCFromB(c: number, arrivalRate: number, aht: number, thresholdSec: number, b: number): ErlangCResult {
  const load = arrivalRate * aht;
  const occupancy = load / c;
  const stable = load < c;
  if (!stable) {
    return {
      load,
      occupancy,
      stable,
      probWait: 1,
      asa: Infinity,
      serviceLevel: 0,
      meanWaitOfDelayed: Infinity,
      waitQuantile: (p: number): number => {
        checkProbability(p);
        return p === 0 ? 0 : Infinity;
      },
    };
  }
  const probWait = b / (1 - occupancy * (1 - b));
  // cμ − λ written as (c − a)/aht keeps it exact when λ is 0.
  const drain = (c - load) / aht;
  const meanWaitOfDelayed = 1 / drain;
  return {
    load,
    occupancy,
    stable,
    probWait,
    asa: probWait * meanWaitOfDelayed,
    serviceLevel: 1 - probWait * Math.exp(-drain * thresholdSec),
    meanWaitOfDelayed,
    waitQuantile: (p: number): number => {
      checkProbability(p);
      if (1 - probWait >= p) return 0;
      if (p >= 1) return Infinity;
      return Math.log(probWait / (1 - p)) / drain;
    },
  };
}

function checkProbability(p: number): void {
  ensure(Number.isFinite(p) && p >= 0 && p <= 1, `p must be in [0, 1], got ${p}`);
}

/** Erlang C (M/M/c, FCFS, infinite patience), via C = B / (1 − ρ(1 − B)). */
export function erlangC(input: ErlangCInput): ErlangCResult {
  checkAgents(input.agents, 1);
  checkRates(input.arrivalRate, input.aht);
  checkThreshold(input.thresholdSec);
  const load = input.arrivalRate * input.aht;
  return erlangCFromB(input.agents, input.arrivalRate, input.aht, input.thresholdSec, erlangB(input.agents, load));
}

/**
 * Walks c upward from the first stable staffing, extending Erlang B one agent at a time, and
 * returns the first c that `ok` accepts. Every Erlang C measure improves with c, so the first
 * hit is the fewest.
 */
function firstStaffing(
  arrivalRate: number,
  aht: number,
  thresholdSec: number,
  start: number,
  ok: (c: number, r: ErlangCResult) => boolean,
): number {
  const load = arrivalRate * aht;
  const c0 = Math.max(1, Math.floor(load) + 1, start);
  let c = c0;
  let b = erlangB(c0, load);
  for (;;) {
    if (ok(c, erlangCFromB(c, arrivalRate, aht, thresholdSec, b))) return c;
    c += 1;
    b = nextErlangB(b, c, load);
  }
}

/** Fewest agents with Erlang C service level >= target (and occupancy <= maxOccupancy); 0 if nothing arrives. */
export function agentsForServiceLevel(input: ServiceLevelTargetInput): number {
  checkRates(input.arrivalRate, input.aht);
  checkThreshold(input.thresholdSec);
  checkTarget(input.target);
  const maxOcc = input.maxOccupancy ?? 1;
  ensure(Number.isFinite(maxOcc) && maxOcc > 0 && maxOcc <= 1, `maxOccupancy must be in (0, 1], got ${maxOcc}`);
  if (input.arrivalRate === 0) return 0;
  const load = input.arrivalRate * input.aht;
  // Start one below the occupancy bound: a / maxOcc may round either way, so let the check decide.
  const start = Math.ceil(load / maxOcc) - 1;
  return firstStaffing(input.arrivalRate, input.aht, input.thresholdSec, start, (_c, r) =>
    r.serviceLevel >= input.target && r.occupancy <= maxOcc,
  );
}

/**
 * Stationary law of the number in system N of M/M/c+M, as probabilities of n = 0..c+J.
 * Terms are built as logs relative to state c so that neither c!/a^c nor a^c/c! is formed, and
 * the queue part is cut once a geometric bound on its remaining tail is below TAIL_EPS of the
 * sum (the ratios λ/(cμ + jθ) fall towards 0, so the bound only gets tighter).
 */
function erlangAStationary(c: number, lambda: number, mu: number, theta: number): Float64Array {
  const logs: number[] = new Array<number>(c + 1);
  logs[c] = 0;
  for (let n = c; n >= 1; n--) logs[n - 1] = logs[n]! + Math.log((n * mu) / lambda);
  let logMax = -Infinity;
  for (const l of logs) if (l > logMax) logMax = l;
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - logMax);
  let logSum = logMax + Math.log(sum);
  const logTailEps = Math.log(TAIL_EPS);
  for (let j = 1; ; j++) {
    ensure(j <= MAX_QUEUE_STATES, `queue tail did not converge within ${MAX_QUEUE_STATES} states (patience too long for this overload)`);
    const logTerm = logs[c + j - 1]! + Math.log(lambda / (c * mu + j * theta));
    logs.push(logTerm);
    logSum = logAddExp(logSum, logTerm);
    const nextRatio = lambda / (c * mu + (j + 1) * theta);
    if (nextRatio < 1 && logTerm + Math.log(nextRatio / (1 - nextRatio)) - logSum < logTailEps) break;
  }
  const pi = new Float64Array(logs.length);
  let total = 0;
  for (let n = 0; n < logs.length; n++) {
    pi[n] = Math.exp(logs[n]! - logSum);
    total += pi[n]!;
  }
  // The running log-sum drifts by ~1e-16 per queue state; renormalising removes that drift.
  for (let n = 0; n < pi.length; n++) pi[n]! /= total;
  return pi;
}

/** Sums of many rounded terms can land a few ulps outside [0, 1]; callers expect probabilities. */
function clampProbability(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function logAddExp(x: number, y: number): number {
  const hi = Math.max(x, y);
  if (hi === -Infinity) return -Infinity;
  return hi + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
}

/**
 * Mass of answered-within-t over tagged arrivals that find j waiting, weights[j] = π(c + j).
 * The tagged contact passes phases i = j..0 (i contacts ahead), leaving each at rate
 * cμ + iθ and abandoning at θ; all j share these phases, so one uniformized run of the
 * absorbing chain, started from the weights, gives the weighted sum at once.
 */
function answeredWithin(weights: Float64Array, serveRate: number, theta: number, t: number): number {
  const top = weights.length - 1;
  if (t === 0 || top < 0) return 0;
  const unif = serveRate + (top + 1) * theta;
  const x = unif * t;
  const v = Float64Array.from(weights);
  let initialMass = 0;
  for (const w of v) initialMass += w;
  if (initialMass === 0) return 0;
  // Poisson(x) weights in log form: e^−x underflows long before x is large enough to worry about.
  let logPois = -x;
  let cumPois = 0;
  let served = 0; // mass absorbed as answered after k jumps of the uniformized chain
  let result = 0;
  for (let k = 0; ; k++) {
    const pois = Math.exp(logPois);
    cumPois += pois;
    result += pois * served;
    // Past the mode the Poisson tail is below pois·(k+1)/(k+1−x); `served` <= initialMass, so
    // stopping here errs by under TAIL_EPS of the weighted mass.
    if (k > x && pois * ((k + 1) / (k + 1 - x)) < TAIL_EPS) break;
    served += (v[0]! * serveRate) / unif;
    let transient = 0;
    for (let i = 0; i <= top; i++) {
      const stay = v[i]! * (1 - (serveRate + (i + 1) * theta) / unif);
      const fromAbove = i < top ? (v[i + 1]! * (serveRate + (i + 1) * theta)) / unif : 0;
      v[i] = stay + fromAbove;
      transient += v[i]!;
    }
    logPois += Math.log(x / (k + 1));
    if (transient < TAIL_EPS * 1e-2 * initialMass) {
      // Nothing left to absorb: every later term adds the same `served`.
      result += served * Math.max(0, 1 - cumPois);
      break;
    }
  }
  return result;
}

/**
 * Erlang A (M/M/c+M): birth–death chain on the number in system, with a tagged-arrival view
 * for the answered share and the waiting-time law. A tagged arrival finding j waiting is
 * answered with probability cμ/(cμ + (j+1)θ) (the phase ratios telescope), and its mean wait
 * given answered is Σ_{i=1..j+1} 1/(cμ + iθ).
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  checkAgents(input.agents, 1);
  checkRates(input.arrivalRate, input.aht);
  checkThreshold(input.thresholdSec);
  ensure(isPositive(input.patience), `patience must be finite and > 0, got ${input.patience}`);
  const c = input.agents;
  const lambda = input.arrivalRate;
  const mu = 1 / input.aht;
  const theta = 1 / input.patience;
  const load = lambda * input.aht;
  if (lambda === 0) {
    return {
      load,
      probWait: 0,
      probAbandon: 0,
      asa: 0,
      meanWaitAll: 0,
      serviceLevel: 1,
      serviceLevelOfAnswered: 1,
      occupancy: 0,
      meanQueueLength: 0,
    };
  }
  const pi = erlangAStationary(c, lambda, mu, theta);
  const serveRate = c * mu;
  let probNoWait = 0;
  for (let n = 0; n < c; n++) probNoWait += pi[n]!;
  const queue = pi.subarray(c);
  let probWait = 0;
  let meanQueueLength = 0;
  let answeredAfterWait = 0;
  let waitOfAnswered = 0;
  let meanWaitIfAnswered = 0;
  for (let j = 0; j < queue.length; j++) {
    const w = queue[j]!;
    const rateOut = serveRate + (j + 1) * theta;
    meanWaitIfAnswered += 1 / rateOut;
    const pServed = serveRate / rateOut;
    probWait += w;
    meanQueueLength += j * w;
    answeredAfterWait += w * pServed;
    waitOfAnswered += w * pServed * meanWaitIfAnswered;
  }
  const probAbandon = (theta * meanQueueLength) / lambda;
  // Summed directly rather than as 1 − P(ab), so it keeps its digits when nearly all abandon.
  const probAnswered = probNoWait + answeredAfterWait;
  const serviceLevel = probNoWait + answeredWithin(queue, serveRate, theta, input.thresholdSec);
  return {
    load,
    probWait: clampProbability(probWait),
    probAbandon: clampProbability(probAbandon),
    asa: waitOfAnswered / probAnswered,
    meanWaitAll: meanQueueLength / lambda,
    serviceLevel: clampProbability(serviceLevel),
    serviceLevelOfAnswered: clampProbability(serviceLevel / probAnswered),
    occupancy: clampProbability((lambda * (1 - probAbandon) * input.aht) / c),
    meanQueueLength,
  };
}

/**
 * Fewest agents with Erlang A service level (answered within threshold over offered) >= target;
 * 0 if nothing arrives. Uses doubling then bisection, since each evaluation costs O(c + queue).
 */
export function agentsForServiceLevelA(input: ErlangAServiceLevelTargetInput): number {
  checkRates(input.arrivalRate, input.aht);
  checkThreshold(input.thresholdSec);
  checkTarget(input.target);
  ensure(isPositive(input.patience), `patience must be finite and > 0, got ${input.patience}`);
  if (input.arrivalRate === 0) return 0;
  const load = input.arrivalRate * input.aht;
  const meets = (agents: number): boolean => erlangA({ ...input, agents }).serviceLevel >= input.target;
  // Carried load λ(1 − P(ab))·aht cannot exceed c, so SL <= 1 − P(ab) <= c/a: below target·a
  // agents the target is out of reach, and evaluating there is costly when patience is long.
  let lo = Math.max(0, Math.ceil(input.target * load) - 1); // known to fail (or 0)
  let hi = Math.max(lo + 1, Math.ceil(load));
  while (!meets(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
