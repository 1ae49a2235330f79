// The roster: agents logged in and out by interval (staffing), leavers finishing what they
// hold, agent time integrated and booked to its interval, warm-up, and the horizon end.
// Exports `Roster`. Times in seconds.
import type { EventCalendar } from '../kernel/calendar.js';
import type { Scenario } from '../scenario/model.js';
import { AGENT_TIME_LEVELS, type Agent, AgentState, AgentTime, type GroupRuntime } from './agent.js';
import type { Attention } from './attention.js';
import { EventKind, Priority } from './events.js';
import type { Recorder } from './recorder.js';
import type { Router } from './router.js';

export class Roster {
  private readonly scenario: Scenario;
  private readonly calendar: EventCalendar;
  private readonly recorder: Recorder;
  private readonly groups: readonly GroupRuntime[];
  private readonly agents: readonly Agent[];
  private readonly intervalSec: number;
  private readonly intervals: number;
  private readonly endSec: number;
  private readonly warmupSec: number;
  private attention!: Attention;
  private router!: Router;
  /** Interval that agent time is booked to now; -1 before warm-up ends or after the horizon. */
  bookingInterval = -1;
  /** Agent-seconds spent finishing work after the horizon end. */
  overtimeAgentSec = 0;

  constructor(scenario: Scenario, calendar: EventCalendar, recorder: Recorder, groups: readonly GroupRuntime[], agents: readonly Agent[]) {
    this.scenario = scenario;
    this.calendar = calendar;
    this.recorder = recorder;
    this.groups = groups;
    this.agents = agents;
    this.intervalSec = scenario.horizon.intervalSec;
    this.intervals = scenario.horizon.intervals;
    this.endSec = scenario.horizon.endSec;
    this.warmupSec = scenario.warmupSec;
  }

  wire(attention: Attention, router: Router): void {
    this.attention = attention;
    this.router = router;
  }

  /** The first interval boundary; each boundary schedules the next (the last one ends the horizon). */
  start(): void {
    this.calendar.schedule(0, EventKind.Boundary, 0, Priority.boundary);
  }

  /**
   * Boundary k schedules boundary k + 1, then the end of warm-up when it falls in (k, k + 1]:
   * the calendar holds one boundary instead of every one (a shallower heap for every event),
   * and a warm-up ending on a boundary still runs after it, as when all were scheduled at start.
   */
  private scheduleNextBoundary(k: number): void {
    if (k >= this.intervals) return;
    const at = (k + 1) * this.intervalSec;
    this.calendar.schedule(at, EventKind.Boundary, k + 1, Priority.boundary);
    if (this.warmupSec > k * this.intervalSec && this.warmupSec <= at) this.calendar.schedule(this.warmupSec, EventKind.WarmupEnd, 0, Priority.boundary);
  }

  onBoundary(k: number): void {
    this.scheduleNextBoundary(k);
    this.closeInterval();
    if (k === this.intervals) {
      this.bookingInterval = -1;
      this.horizonEnd();
      return;
    }
    if (this.calendar.now >= this.warmupSec) this.bookingInterval = k;
    for (const group of this.groups) this.staff(group, this.scenario.groups[group.index]!.staffing[k]!);
  }

  onWarmupEnd(): void {
    this.closeInterval();
    this.bookingInterval = Math.min(Math.floor(this.calendar.now / this.intervalSec), this.intervals - 1);
  }

  /** Logs agents in or out so `target` agents take new work; leavers finish what they hold. */
  private staff(group: GroupRuntime, target: number): void {
    let on = 0;
    for (const agent of group.agents) if (agent.state === AgentState.On) on++;
    if (on < target) {
      for (const agent of group.agents) {
        if (on === target) break;
        if (agent.state === AgentState.Draining) {
          this.setState(agent, AgentState.On);
          on++;
        }
      }
      for (const agent of group.agents) {
        if (on === target) break;
        if (agent.state === AgentState.Off) {
          this.setState(agent, AgentState.On);
          agent.idleSince = this.calendar.now;
          on++;
        }
      }
    } else if (on > target) {
      // Idle agents leave first, then those holding least, the most recently added first.
      const leaving = group.agents
        .filter((a) => a.state === AgentState.On)
        .sort((a, b) => a.held - b.held || b.index - a.index)
        .slice(0, on - target);
      for (const agent of leaving) {
        if (agent.held === 0 && agent.deferred.length === 0) this.setState(agent, AgentState.Off);
        else this.setState(agent, AgentState.Draining);
      }
    }
  }

  setState(agent: Agent, state: AgentState): void {
    this.flushAgent(agent);
    agent.state = state;
    agent.needsPull = state === AgentState.On;
    agent.standingChanged = true;
    this.attention.touch(agent);
  }

  /** Integrates the agent's time since its last change into its current-interval account. */
  flushAgent(agent: Agent): void {
    const now = this.calendar.now;
    const dt = now - agent.statClock;
    agent.statClock = now;
    if (dt <= 0 || agent.state === AgentState.Off) return;
    const held = agent.held;
    this.recorder.heldTime(held * dt);
    if (this.bookingInterval < 0) {
      this.unbooked(held, dt, now);
      return;
    }
    const time = agent.intervalTime;
    const levels = agent.group.levels;
    time[AgentTime.loggedIn]! += dt;
    time[AgentTime.held]! += held * dt;
    time[AgentTime.load]! += agent.load * dt;
    if (held > 0) time[AgentTime.busy]! += dt;
    time[AGENT_TIME_LEVELS + (held < levels ? held : levels - 1)]! += dt;
  }

  /** Agent time outside the booked intervals (warm-up, after the horizon): overtime only. Out of `flushAgent` (see center.ts). */
  private unbooked(held: number, dt: number, now: number): void {
    if (now > this.endSec && held > 0) this.overtimeAgentSec += dt;
  }

  /** Brings every agent's time up to now and books it to the interval that is closing. */
  private closeInterval(): void {
    const k = this.bookingInterval;
    for (const agent of this.agents) {
      this.flushAgent(agent);
      if (k < 0) continue;
      this.recorder.agentInterval(agent, k);
      const time = agent.intervalTime;
      const total = agent.totalTime;
      for (let i = 0; i < time.length; i++) total[i]! += time[i]!;
      time.fill(0);
    }
  }

  /** Arrivals have stopped: queued contacts become backlogEnd; agents finish what they hold. */
  private horizonEnd(): void {
    this.router.close();
    for (const agent of this.agents) {
      if (agent.state === AgentState.Off) continue;
      if (agent.held === 0 && agent.deferred.length === 0) this.setState(agent, AgentState.Off);
      else this.setState(agent, AgentState.Draining);
    }
  }

  /** The calendar is empty: the last agent time is booked. */
  finish(): void {
    this.closeInterval();
  }
}
