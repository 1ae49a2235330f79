// npm run bench: times fixed scenarios end to end (the whole `osh-sim run` process, started
// with node on the package's bin) beside the reference loop in the same process tree, and
// prints a table and reports/bench/bench.json. Not part of `npm test`. The simulation cases
// run with --no-charts (rendering costs the same whatever the contacts; `default` times it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin/osh-sim.js');
const hook = join(root, 'test/bench/peak-memory.mjs');
const reference = join(root, 'test/bench/reference/mmc_ref.mjs');
const scenarios = join(root, 'test/bench/scenarios');
const work = mkdtempSync(join(tmpdir(), 'osh-bench-'));
const only = process.argv.slice(2);

function timed(args) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', hook, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallSec = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const rss = Number(/bench-peak-rss-kb=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
  const cpuSec = Number(/bench-cpu-us=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1e6;
  return { wallSec, cpuSec, peakMB: rss / 1024, stdout: result.stdout };
}

function runOsh(name, extra = [], file = join(scenarios, `${name}.yaml`)) {
  const out = join(work, `${name}-${extra.join('')}`);
  const measured = timed([bin, 'run', file, '--out', out, '--quiet', ...extra]);
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  rmSync(out, { recursive: true, force: true });
  return { ...measured, events: run.eventsSimulated, contacts: run.contactsSimulated, jobs: run.jobs, replications: run.replications, precision: run.precision ?? null };
}

/** Process wall time of `args`, the median of `times` runs (short commands vary run to run). */
function median(times, args) {
  const runs = Array.from({ length: times }, () => timed(args));
  const middle = (pick) => runs.map(pick).sort((a, b) => a - b)[Math.floor(times / 2)];
  return { ...runs[0], wallSec: middle((r) => r.wallSec), cpuSec: middle((r) => r.cpuSec), events: NaN, contacts: NaN };
}

/** `osh-sim capacity` as a planner runs it (figures only), with the plan's agent-intervals. */
function runCapacity(name, file, jobs) {
  const out = join(work, `capacity-${name}`);
  const measured = timed([bin, 'capacity', file, '--out', out, '--quiet', '--no-charts', '--jobs', String(jobs)]);
  const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  const rows = readFileSync(join(out, 'capacity.csv'), 'utf8').trim().split('\n').slice(1);
  const agentIntervals = rows.reduce((sum, row) => sum + Number(row.split(',')[5]), 0);
  rmSync(out, { recursive: true, force: true });
  return { ...measured, events: run.eventsSimulated, contacts: run.contactsSimulated, jobs, agentIntervals };
}

function runReference(args) {
  const measured = timed([reference, ...args]);
  const events = Number(/events=(\d+)/.exec(measured.stdout)?.[1] ?? NaN);
  return { ...measured, events, contacts: Number(args[0]) };
}

// The rows whose ratios are targets run BEST times (in turn with their reference) and keep
// each one's fastest run. The machine's two cores differ (one ran the same process 1.5 × as
// long as the other), and a process lands on either: one run of each side put a ratio
// anywhere within that factor. The fastest of a few is each side's run on the faster core.
const BEST = 3;
const fastest = (runs) => runs.reduce((a, b) => (b.wallSec < a.wallSec ? b : a));
function best(run) {
  return fastest(Array.from({ length: BEST }, run));
}
/** The osh-sim row and its reference, in turn, each the fastest of BEST. */
function bestPair(run, referenceArgs) {
  const ours = [];
  const theirs = [];
  for (let i = 0; i < BEST; i++) {
    ours.push(run());
    theirs.push(runReference(referenceArgs));
  }
  return [fastest(ours), fastest(theirs)];
}

const rows = [];
const add = (name, m, ref) => {
  const row = {
    name,
    wallSec: m.wallSec,
    cpuSec: m.cpuSec,
    contacts: m.contacts,
    events: m.events,
    contactsPerSec: m.contacts / m.wallSec,
    eventsPerSec: m.events / m.wallSec,
    peakMB: m.peakMB,
    jobs: m.jobs ?? null,
    replications: m.replications ?? null,
    precision: m.precision ?? null,
    agentIntervals: m.agentIntervals ?? null,
    referenceSec: ref?.wallSec ?? null,
    ratioToReference: ref ? m.wallSec / ref.wallSec : null,
    cpuRatioToReference: ref ? m.cpuSec / ref.cpuSec : null,
  };
  rows.push(row);
  return row;
};
const want = (name) => only.length === 0 || only.some((o) => name.startsWith(o));

console.error(`osh-sim benchmark on ${cpus()[0]?.model ?? 'unknown CPU'} (${availableParallelism()} cores), node ${process.version}`);
const sim = ['--no-charts', '--jobs'];
if (want('version')) add('--version (median of 7)', median(7, [bin, '--version']));
if (want('tiny')) add('tiny --no-charts (median of 7)', median(7, [bin, 'run', join(scenarios, 'tiny.yaml'), '--no-charts', '--quiet', '--jobs', '1', '--out', join(work, 'tiny')]));
let mmc100;
if (want('mmc-100')) mmc100 = add('mmc-100', ...bestPair(() => runOsh('mmc-100', [...sim, '1']), ['1000000', '100']));
// As a user runs it: charts and report.html included, default --jobs.
if (want('mmc-100-charts')) add('mmc-100 with charts', ...bestPair(() => runOsh('mmc-100', []), ['1000000', '100']));
if (want('mmc-1000')) add('mmc-1000', ...bestPair(() => runOsh('mmc-1000', [...sim, '1']), ['1000000', '1000']));
// 50 voice and chat skills, 2,000 agents each holding 5 (skills-50.yaml): the cost of skill routing.
let skills50;
let skills50Pooled;
let skills50Mmc;
/** mmc-1000 run in turn with the skills-50 rows: their ratios' denominator. */
let skills50Base;
if (want('skills-50')) {
  // The machine's slow spells last a minute or more: rows compared with each other run in
  // turn, five rounds, each keeping its fastest, so a spell slows every side of a ratio alike.
  const runs = { skills: [], pooled: [], mmc: [], base: [] };
  for (let i = 0; i < 5; i++) {
    runs.skills.push(runOsh('skills-50', [...sim, '1']));
    // The same contacts on one skill per channel: what the 50 skills cost beyond the workload.
    runs.pooled.push(runOsh('skills-50-pooled', [...sim, '1']));
    // The 50 skills with mmc-1000's work per contact (one exponential piece of 300 s, no
    // patience, one contact at a time): per contact, what routing by skills adds to one queue.
    runs.mmc.push(runOsh('skills-50-mmc', [...sim, '1']));
    runs.base.push(runOsh('mmc-1000', [...sim, '1']));
  }
  skills50 = add('skills-50', fastest(runs.skills));
  skills50Pooled = add('skills-50-pooled', fastest(runs.pooled));
  skills50Mmc = add('skills-50-mmc', fastest(runs.mmc));
  skills50Base = fastest(runs.base);
}
if (want('mmca-100')) add('mmca-100', ...bestPair(() => runOsh('mmca-100', [...sim, '1']), ['1000000', '100', '12345', '180']));
let withContacts;
if (want('contacts')) withContacts = add('mmc-100 --contacts', runOsh('mmc-100', [...sim, '1', '--contacts']));
let week1;
let week2;
if (want('osh-week')) {
  week1 = add('osh-week --jobs 1', runOsh('osh-week', [...sim, '1']));
  week2 = add('osh-week --jobs 2', runOsh('osh-week', [...sim, '2']));
}
if (want('default')) add('default (with charts)', runOsh('default', [], join(root, 'scenarios/default.yaml')));
// A month and a quarter of half hours (month.yaml, quarter.yaml): the cost of charts over a
// long horizon, which must stay a bounded share of the run whatever the number of intervals.
let monthBare;
let monthCharts;
if (want('month')) {
  monthBare = add('month --no-charts', runOsh('month', ['--no-charts']));
  monthCharts = add('month (with charts)', runOsh('month'));
}
if (want('quarter')) add('quarter (with charts)', runOsh('quarter'));
let sweep1;
let sweep2;
if (want('sweep')) {
  // A 3 × 3 what-if grid over a week of the default OSH center (sweep-week.yaml), 10
  // replications a variant: 90 simulated weeks.
  const grid = ['--vary', 'osh.profiles.osh-default.maxPerChannel.chat=1,2,3', '--vary', 'agents.email-desk.count=2..4'];
  const runSweep = (jobs) => {
    const out = join(work, `sweep-${jobs}`);
    const measured = timed([bin, 'sweep', join(scenarios, 'sweep-week.yaml'), ...grid, '--no-charts', '--quiet', '--jobs', String(jobs), '--out', out]);
    rmSync(out, { recursive: true, force: true });
    return { ...measured, events: NaN, contacts: NaN, jobs };
  };
  sweep1 = add('sweep 3×3 --jobs 1', runSweep(1));
  sweep2 = add('sweep 3×3 --jobs 2', runSweep(2));
}

if (want('capacity')) {
  add('capacity: the default day --jobs 2', runCapacity('day', join(root, 'scenarios/default.yaml'), 2));
  add('capacity: a week of half hours --jobs 2', runCapacity('week', join(scenarios, 'capacity-week.yaml'), 2));
}
if (want('precision')) {
  // The precision-driven run beside the fixed run a planner would otherwise make to be safe.
  const file = join(root, 'scenarios/default.yaml');
  add('default --replications 50 (fixed)', runOsh('default-fixed', ['--no-charts', '--replications', '50'], file));
  add('default --precision voice.serviceLevel=0.015 --precision chat.serviceLevel=0.015', runOsh('default-precision', ['--no-charts', '--precision', 'voice.serviceLevel=0.015', '--precision', 'chat.serviceLevel=0.015'], file));
}

const fmt = (x, d = 2) => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(d));
const big = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
const header = ['scenario', 'wall s', 'cpu s', 'contacts/s', 'events/s', 'peak MB', 'reference s', 'ratio', 'cpu ratio', 'replications'];
const table = rows.map((r) => [r.name, fmt(r.wallSec), fmt(r.cpuSec), big(r.contactsPerSec), big(r.eventsPerSec), fmt(r.peakMB, 0), fmt(r.referenceSec), fmt(r.ratioToReference), fmt(r.cpuRatioToReference), r.replications === null ? '-' : String(r.replications)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
for (const t of table) console.log(line(t));

const targets = [];
const target = (label, value, limit, unit = '') => targets.push({ label, value, limit, met: value <= limit, unit });
for (const r of rows) if (r.ratioToReference !== null && r.name.startsWith('mmc')) target(`${r.name} process / reference process`, r.ratioToReference, 2.5, '×');
const week = rows.find((r) => r.name.startsWith('capacity: a week'));
if (week) target('capacity plan of a week of half hours, --jobs 2', week.wallSec, 60, ' s');
for (const r of rows) if (r.precision) console.log(`${r.name}: ${r.replications} replications, checks at ${r.precision.checks.join(', ')}; ${r.precision.figures.map((f) => `${f.figure} ± ${f.ci95.toFixed(4)}`).join(', ')}`);
for (const r of rows) if (r.name.includes('(fixed)')) console.log(`${r.name}: ${r.replications} replications`);
const mmc1000 = rows.find((r) => r.name === 'mmc-1000');
if (mmc100 && mmc1000) target('mmc-1000 per contact / mmc-100 per contact', mmc1000.wallSec / mmc1000.contacts / (mmc100.wallSec / mmc100.contacts), 1.2, '×');
if (skills50) {
  console.log(`skills-50: ${(skills50.wallSec / skills50.contacts * 1e6).toFixed(2)} µs per contact, ${(skills50.events / skills50.contacts).toFixed(2)} events per contact, peak ${fmt(skills50.peakMB, 0)} MB; mmc-1000 in turn with the skills-50 rows: ${fmt(skills50Base.wallSec)} s`);
  target('skills-50 per contact / mmc-1000 per contact', skills50.wallSec / skills50.contacts / (skills50Base.wallSec / skills50Base.contacts), 1.5, '×');
  // Wall and CPU time per contact: on a shared machine the CPU ratio is the steadier one.
  const perContact = (r, time) => r[time] / r.contacts;
  const ratios = (a, b) => `${fmt(perContact(a, 'wallSec') / perContact(b, 'wallSec'))}× wall, ${fmt(perContact(a, 'cpuSec') / perContact(b, 'cpuSec'))}× cpu`;
  console.log(`skills-50 per contact / skills-50-pooled per contact (the 50 skills' routing): ${ratios(skills50, skills50Pooled)}`);
  console.log(`skills-50-pooled per contact / mmc-1000 per contact (the workload): ${ratios(skills50Pooled, skills50Base)}`);
  console.log(`skills-50 per contact / mmc-1000 per contact: ${ratios(skills50, skills50Base)}`);
  console.log(`skills-50-mmc per contact / mmc-1000 per contact (the same work per contact): ${ratios(skills50Mmc, skills50Base)}`);
}
if (week2) target('osh-week --jobs 2 wall time', week2.wallSec, 60, ' s');
if (week1 && week2) target('osh-week --jobs 2 / --jobs 1', week2.wallSec / week1.wallSec, 0.6, '×');
if (sweep1 && sweep2) target('sweep 3×3 --jobs 2 / --jobs 1', sweep2.wallSec / sweep1.wallSec, 0.65, '×');
if (mmc100) target('mmc-100 peak memory', mmc100.peakMB, 250, ' MB');
if (monthBare && monthCharts) target('month with charts / --no-charts', monthCharts.wallSec / monthBare.wallSec, 1.5, '×');
if (mmc100 && withContacts) target('mmc-100 peak memory with --contacts / without', withContacts.peakMB / mmc100.peakMB, 1.5, '×');
console.log('');
for (const t of targets) console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.label}: ${fmt(t.value)}${t.unit} (target ≤ ${t.limit}${t.unit})`);

mkdirSync(join(root, 'reports/bench'), { recursive: true });
writeFileSync(
  join(root, 'reports/bench/bench.json'),
  `${JSON.stringify({ node: process.version, cpu: cpus()[0]?.model ?? null, cores: availableParallelism(), rows, targets }, null, 2)}\n`,
);
rmSync(work, { recursive: true, force: true });
