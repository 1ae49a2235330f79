// The minimal hand-written M/M/c loop osh-sim's speed is measured against (npm run bench),
// kept here unchanged below this header so the benchmark runs from a clean clone.
// Plain-JavaScript reference M/M/c (+ optional exponential abandonment).
// Hand-written lower bound for "what a JS engine can do" on the peer scenario:
// binary-heap event calendar on typed arrays, xoshiro128** PRNG, no library.
//
// usage: node mmc_ref.mjs [N=1000000] [c=100] [seed=12345] [patienceMean_s=0 (off)] [rho=0.95] [aht_s=300]
// Arrival rate lambda = rho * c / aht. Serves/terminates N arrivals, runs until the calendar is empty.
// Prints: customers served, abandoned, mean wait, P(wait>20s), events processed, loop seconds.

const argv = process.argv.slice(2);
const N = Number(argv[0] ?? 1_000_000);
const C = Number(argv[1] ?? 100);
const SEED = Number(argv[2] ?? 12345) >>> 0;
const PATIENCE = Number(argv[3] ?? 0);
const RHO = Number(argv[4] ?? 0.95);
const AHT = Number(argv[5] ?? 300);
const MU = 1 / AHT;
const LAMBDA = (RHO * C) / AHT;
const T_SL = 20;

// ---- PRNG: xoshiro128** seeded by splitmix32 -------------------------------
let s0, s1, s2, s3;
{
  let x = SEED | 0;
  const sm = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) | 0;
  };
  s0 = sm(); s1 = sm(); s2 = sm(); s3 = sm();
}
function next32() {
  const r = Math.imul(((Math.imul(s1, 5) << 7) | (Math.imul(s1, 5) >>> 25)), 9);
  const t = s1 << 9;
  s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  return r >>> 0;
}
// uniform in (0, 1], 53-bit resolution
function unif() {
  return ((next32() >>> 5) * 67108864 + (next32() >>> 6) + 1) / 9007199254740992;
}
function expo(rate) {
  return -Math.log(unif()) / rate;
}

// ---- binary min-heap of (time, payload) on typed arrays --------------------
let cap = 1024;
let hT = new Float64Array(cap);
let hP = new Int32Array(cap);
let hn = 0;
function push(time, payload) {
  if (hn === cap) {
    cap *= 2;
    const nt = new Float64Array(cap); nt.set(hT); hT = nt;
    const np = new Int32Array(cap); np.set(hP); hP = np;
  }
  let i = hn++;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (hT[p] <= time) break;
    hT[i] = hT[p]; hP[i] = hP[p];
    i = p;
  }
  hT[i] = time; hP[i] = payload;
}
let popT = 0, popP = 0;
function pop() {
  popT = hT[0]; popP = hP[0];
  const n = --hn;
  if (n === 0) return;
  const t = hT[n], p = hP[n];
  let i = 0;
  for (;;) {
    let l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    if (r < n && hT[r] < hT[l]) l = r;
    if (hT[l] >= t) break;
    hT[i] = hT[l]; hP[i] = hP[l];
    i = l;
  }
  hT[i] = t; hP[i] = p;
}

// ---- model -----------------------------------------------------------------
// payload = id * 4 + kind ; kind 0 arrival, 1 departure, 2 abandonment
const ARR = 0, DEP = 1, ABN = 2;
const arrT = PATIENCE > 0 ? new Float64Array(N) : null; // per-customer arrival time (abandonment only)
const state = PATIENCE > 0 ? new Uint8Array(N) : null;  // 0 waiting/none, 1 served, 2 abandoned
// FIFO queue: ring buffer of (id, arrival time)
let qcap = 1024, qhead = 0, qlen = 0;
let qId = new Int32Array(qcap), qT = new Float64Array(qcap);
function enqueue(id, t) {
  if (qlen === qcap) {
    const nid = new Int32Array(qcap * 2), nt = new Float64Array(qcap * 2);
    for (let k = 0; k < qlen; k++) {
      const j = (qhead + k) & (qcap - 1);
      nid[k] = qId[j]; nt[k] = qT[j];
    }
    qId = nid; qT = nt; qhead = 0; qcap *= 2;
  }
  const j = (qhead + qlen) & (qcap - 1);
  qId[j] = id; qT[j] = t; qlen++;
}

let busy = 0, nextId = 0, served = 0, abandoned = 0, events = 0;
let sumWait = 0, over20 = 0;
const t0 = performance.now();
push(expo(LAMBDA), 0 * 4 + ARR);
nextId = 1;
while (hn > 0) {
  pop();
  const now = popT, kind = popP & 3, id = popP >> 2;
  events++;
  if (kind === ARR) {
    if (nextId < N) { push(now + expo(LAMBDA), nextId * 4 + ARR); nextId++; }
    if (busy < C) {
      busy++; served++;
      if (state) state[id] = 1;
      push(now + expo(MU), DEP);
    } else {
      enqueue(id, now);
      if (PATIENCE > 0) { arrT[id] = now; push(now + expo(1 / PATIENCE), id * 4 + ABN); }
    }
  } else if (kind === DEP) {
    let started = false;
    while (qlen > 0) {
      const j = qhead;
      const cid = qId[j], at = qT[j];
      qhead = (qhead + 1) & (qcap - 1); qlen--;
      if (state && state[cid] === 2) continue; // abandoned earlier (lazy deletion)
      if (state) state[cid] = 1;
      const w = now - at;
      sumWait += w; if (w > T_SL) over20++;
      served++;
      push(now + expo(MU), DEP);
      started = true;
      break;
    }
    if (!started) busy--;
  } else { // ABN
    if (state[id] === 0) {
      state[id] = 2; abandoned++;
      const w = now - arrT[id];
      sumWait += w; if (w > T_SL) over20++;
    }
  }
}
const loopS = (performance.now() - t0) / 1000;
console.log(`engine=js-ref N=${N} c=${C} seed=${SEED} patience=${PATIENCE} lambda=${LAMBDA.toPrecision(9)}`);
console.log(`served=${served} abandoned=${abandoned} mean_wait=${(sumWait / N).toFixed(4)} ` +
  `p_wait_gt_20=${(over20 / N).toFixed(5)} events=${events} loop_s=${loopS.toFixed(3)}`);
