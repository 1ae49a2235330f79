// Report folders' contents built in memory, for chart and page tests that need a given shape
// (a horizon of any length, a capacity plan, a flat channel) without simulating it.
import type { ReportData, Row } from '../../src/report/folder-data.js';

export interface ReportShape {
  /** Intervals in the horizon. */
  readonly intervals: number;
  readonly intervalMinutes?: number;
  /** Minutes after midnight of the first interval's start. */
  readonly startMinute?: number;
  readonly channels?: readonly { name: string; target: number; thresholdSec: number; offered: (k: number) => number; serviceLevel: (k: number) => number; asa?: (k: number) => number }[];
  readonly groups?: readonly string[];
  /** Skills, each of a channel (summary.json names it); rows as skills.csv holds them. */
  readonly skills?: readonly { name: string; channel: string; target: number; thresholdSec: number; offered: (k: number) => number; serviceLevel: (k: number) => number; asa?: (k: number) => number }[];
  readonly capacity?: readonly {
    group: string;
    erlangC: (k: number) => number;
    required: (k: number) => number;
    scheduled: (k: number) => number;
    binding?: (k: number) => string;
    oshOff?: (k: number) => number;
  }[];
}

export function label(minutes: number): string {
  const day = Math.floor(minutes / 1440);
  const inDay = minutes - day * 1440;
  const clock = `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(Math.floor(inDay % 60)).padStart(2, '0')}`;
  return day === 0 ? clock : `d${day + 1} ${clock}`;
}

const DEFAULT_CHANNELS: NonNullable<ReportShape['channels']> = [
  { name: 'voice', target: 0.8, thresholdSec: 20, offered: (k) => 40 + (k % 48), serviceLevel: (k) => 0.7 + 0.2 * Math.sin(k / 5), asa: (k) => 10 + (k % 7) },
  { name: 'email', target: 0.9, thresholdSec: 14400, offered: () => 15, serviceLevel: () => 1, asa: (k) => 3000 + 100 * (k % 9) },
];

export function reportData(shape: ReportShape): ReportData {
  const minutes = shape.intervalMinutes ?? 30;
  const start = shape.startMinute ?? 0;
  const channels = shape.channels ?? DEFAULT_CHANNELS;
  const groups = shape.groups ?? ['blended'];
  const intervals: Row[] = [];
  const groupRows: Row[] = [];
  const capacity: Row[] = [];
  const skillRows: Row[] = [];
  for (let k = 0; k < shape.intervals; k++) {
    const startLabel = label(start + k * minutes);
    for (const c of channels) {
      const offered = c.offered(k);
      const sl = c.serviceLevel(k);
      const asa = c.asa?.(k) ?? 5;
      intervals.push({
        interval: k, start: startLabel, channel: c.name,
        offered, offeredCi95: 3, handled: offered * 0.97, handledCi95: 3, abandoned: offered * 0.03, abandonedCi95: 1,
        serviceLevel: sl, serviceLevelCi95: 0.08, asa, asaCi95: 2, waitP90: asa * 2.5, waitP90Ci95: 4, abandonRate: 0.03, aht: 300, responseBreaches: 1, responseBreachRate: 0.1,
      });
    }
    for (const c of shape.skills ?? []) {
      const offered = c.offered(k);
      const asa = c.asa?.(k) ?? 5;
      skillRows.push({ interval: k, start: startLabel, skill: c.name, offered, offeredCi95: 2, serviceLevel: c.serviceLevel(k), serviceLevelCi95: 0.05, asa, asaCi95: 1, waitP90: asa * 2.5, abandonRate: 0.02 });
    }
    groups.forEach((group, g) => {
      groupRows.push({ interval: k, start: startLabel, group, agents: 10 + g, agentsCi95: 0, occupancy: 0.8, occupancyCi95: 0.02, concurrencyMean: 1.4, concurrencyMeanCi95: 0.1 });
    });
    for (const plan of shape.capacity ?? []) {
      capacity.push({
        interval: k,
        start: startLabel,
        group: plan.group,
        planned: 'true',
        erlangC: plan.erlangC(k),
        required: plan.required(k),
        scheduled: plan.scheduled(k),
        ...(plan.binding === undefined ? {} : { binding: plan.binding(k) }),
        ...(plan.oshOff === undefined ? {} : { oshOff: plan.oshOff(k) }),
      });
    }
  }
  const channelSummary: ReportData['summary']['channels'] = {};
  for (const c of channels) {
    channelSummary[c.name] = {
      offered: { mean: 1000, ci95: 10 }, serviceLevel: { mean: 0.85, ci95: 0.01 }, asa: { mean: c.asa?.(0) ?? 5, ci95: 1 }, abandonRate: { mean: 0.03, ci95: 0.01 },
      serviceLevelTarget: c.target, serviceLevelThresholdSec: c.thresholdSec,
    };
  }
  const skillSummary: NonNullable<ReportData['summary']['skills']> = {};
  for (const c of shape.skills ?? []) {
    let total = 0;
    for (let k = 0; k < shape.intervals; k++) total += c.offered(k);
    skillSummary[c.name] = { channel: c.channel, offered: { mean: total, ci95: 5 }, serviceLevel: { mean: 0.8, ci95: 0.02 }, asa: { mean: 12, ci95: 2 }, abandonRate: { mean: 0.02, ci95: 0.01 }, serviceLevelTarget: c.target, serviceLevelThresholdSec: c.thresholdSec };
  }
  channelSummary['all'] = { offered: { mean: 2000, ci95: 10 }, serviceLevel: { mean: 0.9, ci95: 0.01 }, abandonRate: { mean: 0.02, ci95: 0.01 } };
  return {
    folder: 'in-memory',
    summary: { scenario: 'shape', seed: 1, replications: 3, channels: channelSummary, groups: Object.fromEntries(groups.map((g) => [g, { agents: { mean: 10, ci95: 0 } }])), sessions: {}, elevations: {}, ...(shape.skills ? { skills: skillSummary } : {}) },
    run: { version: 'test', scenarioFile: 'shape.yaml', scenarioSha256: '', seed: 1, replications: 3, command: 'osh-sim run shape.yaml', wallTimeSec: 1, eventsSimulated: 1, node: 'test', jobs: 1, contactsSimulated: 1, peakMemoryMB: 1 },
    intervals,
    groups: groupRows,
    distributions: [],
    timeline: [],
    capacity,
    skills: skillRows,
    // As a folder written before per-day files: day figures come from the intervals.
    days: [],
    skillDays: [],
  };
}
