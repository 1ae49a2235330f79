// One replication as a pure function of (scenario, replication index): the same inputs give
// the same figures on any machine, in any order. The pipeline around it:
//
//   scenario file ─▶ parse ─▶ shape ─▶ rules ─▶ normalise ─▶ Scenario
//   Scenario × replication ─▶ ContactCenter.run() ─▶ Collector ─▶ ReplicationResult
//   ReplicationResult[] ─▶ summarise (mean, 95 % half-width) ─▶ report files
import { CHANNELS } from '../osh/channels.js';
import { elevationPairIndex } from '../osh/elevation.js';
import type { Scenario } from '../scenario/model.js';
import { type MetricsLayout, type ReplicationResult, AGENT_METRICS, channelTable, dayTables, daySpans, distributions, emptyDistributions, groupTables, sessionTable, skillTable } from '../stats/metrics.js';
import type { RecordSink } from '../stats/records.js';
import { AGENT_TIME_LEVELS, AgentTime } from './agent.js';
import { ContactCenter } from './center.js';
import { groupShapes } from './group-shape.js';
import { timelineWindow } from './timeline.js';

export interface SimulateOptions {
  /** Receives contact and session records as they end. */
  readonly log?: RecordSink | undefined;
  readonly onProgress?: ((simulatedSec: number, events: number) => void) | undefined;
  /** Collect the report's agent timeline (done for replication 0 unless false). */
  readonly timeline?: boolean | undefined;
  /**
   * `figures`: the tables only, for sweeps and capacity searches, which chart no distribution
   * and list no agent or day; their results then cross threads in a fraction of the time.
   */
  readonly detail?: 'full' | 'figures' | undefined;
}

/** The layout of a scenario's figures (rows, levels, pairs), the same for every replication. */
export function metricsLayout(scenario: Scenario): MetricsLayout {
  const shapes = groupShapes(scenario);
  const pairs = new Map<string, number>();
  for (const p of scenario.elevation.policies) {
    const index = elevationPairIndex(CHANNELS.indexOf(p.from), p.to);
    pairs.set(`${p.from}>${p.to}`, index);
  }
  return {
    intervals: scenario.horizon.intervals,
    intervalSec: scenario.horizon.intervalSec,
    warmupSec: scenario.warmupSec,
    contactRows: [
      ...scenario.skills.map((c) => ({ name: c.name, channel: c.channel, inbound: true, formula: c.serviceLevel.formula })),
      { name: 'outbound-voice', channel: 'outbound-voice', inbound: false, formula: 'offered' as const },
      { name: 'outbound-email', channel: 'outbound-email', inbound: false, formula: 'offered' as const },
    ],
    outbound: scenario.elevation.policies.length > 0,
    skills: scenario.skillsWritten,
    groups: scenario.groups.map((g, i) => ({ name: g.name, levels: shapes[i]!.levels, capacity: shapes[i]!.capacity })),
    pairs: [...pairs].map(([key, index]) => ({ key, index })).sort((a, b) => a.index - b.index),
    days: daySpans(scenario.horizon.intervals, scenario.horizon.startMinute, scenario.horizon.intervalSec / 60),
  };
}

export function simulate(scenario: Scenario, replication: number, options: SimulateOptions = {}): ReplicationResult {
  const center = newCenter(scenario, replication, options);
  center.run();
  return resultOf(center, scenario, replication, options);
}

/** Events between two pauses of a replication run in slices: a few milliseconds of work. */
const SLICE_EVENTS = 1 << 16;

/**
 * The same replication, the same figures, run in slices with `pause` awaited between them, so
 * a thread that must also hear signals (the main thread) gets control back every few
 * milliseconds.
 */
export async function simulateInSlices(scenario: Scenario, replication: number, options: SimulateOptions, pause: () => Promise<void>): Promise<ReplicationResult> {
  const center = newCenter(scenario, replication, options);
  center.start();
  while (!center.advance(SLICE_EVENTS)) await pause();
  center.end();
  return resultOf(center, scenario, replication, options);
}

function newCenter(scenario: Scenario, replication: number, options: SimulateOptions): ContactCenter {
  const full = options.detail !== 'figures';
  const withTimeline = full && (options.timeline ?? replication === 0);
  return new ContactCenter(scenario, replication, {
    log: options.log,
    onProgress: options.onProgress,
    timeline: withTimeline ? timelineWindow(scenario) : undefined,
  });
}

function resultOf(center: ContactCenter, scenario: Scenario, replication: number, options: SimulateOptions): ReplicationResult {
  const full = options.detail !== 'figures';
  const layout = metricsLayout(scenario);
  const collector = center.collector;
  const { groups, levels } = groupTables(collector, layout);
  const elevations: Record<string, number> = {};
  for (const pair of layout.pairs) elevations[pair.key] = collector.elevations[pair.index]!;
  const result: ReplicationResult = {
    replication,
    events: center.calendar.delivered,
    channels: channelTable(collector, layout),
    skills: skillTable(collector, layout),
    days: full ? dayTables(collector, layout) : null,
    groups,
    levels,
    sessions: sessionTable(collector, layout),
    elevations,
    elevationsDeferred: collector.elevationsDeferred,
    elevationsDropped: collector.elevationsDropped,
    agents: !full ? [] : center.agents.map((agent) => {
      const levels = agent.group.levels;
      const values = new Float64Array(AGENT_METRICS.length + levels);
      const time = agent.totalTime;
      const loggedIn = time[AgentTime.loggedIn]!;
      const share = (t: number) => (loggedIn > 0 ? t / loggedIn : Number.NaN);
      values[0] = loggedIn;
      values[1] = share(time[AgentTime.busy]!);
      values[2] = share(time[AgentTime.load]!) / agent.group.capacity;
      values[3] = share(time[AgentTime.held]!);
      values[4] = agent.handled;
      for (let l = 0; l < levels; l++) values[AGENT_METRICS.length + l] = share(time[AGENT_TIME_LEVELS + l]!);
      return { agent: agent.index, group: agent.group.name, values };
    }),
    ledger: collector.ledger,
    overtimeAgentSec: center.overtimeAgentSeconds,
    lastWrapEnd: center.lastWrapEnd,
    routingSteps: center.routingSteps,
    distributions: full ? distributions(collector, layout) : emptyDistributions(layout),
    timeline: center.timeline,
  };
  collector.release();
  return result;
}
