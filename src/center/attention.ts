// Attention: how an agent's work progresses. Each agent's ready work (replies, work, wraps) is
// advanced lazily when something touches the agent, and replanned once after the event (focus
// or sharing, slowed by a live call), with one work-done event per agent. Agents changed by an
// event are settled together: they take queued work, replan, re-enter routing.
// Exports `Attention`. Times in seconds, work in seconds at rate 1.
import { type EventCalendar, NO_EVENT } from '../kernel/calendar.js';
import { SimulationError } from '../errors.js';
import { focusChoice, sharingRate } from '../policies/attention.js';
import type { Scenario } from '../scenario/model.js';
import type { Agent } from './agent.js';
import { type Contact, Phase } from './contact.js';
import type { Desk } from './desk.js';
import { EventKind, Priority } from './events.js';
import type { Router } from './router.js';

export class Attention {
  private readonly calendar: EventCalendar;
  private readonly focus: boolean;
  private readonly efficiency: readonly number[];
  private readonly multitaskOnVoice: number;
  private desk!: Desk;
  private router!: Router;
  /** Serial of the current event's settling round: an agent touched in it has touchedAt equal. */
  private round = 0;
  /** Agents changed by the current event, settled when it is done (`touchedCount` of them). */
  private readonly touched: Agent[] = [];
  touchedCount = 0;

  constructor(scenario: Scenario, calendar: EventCalendar) {
    this.calendar = calendar;
    this.focus = scenario.attention.discipline === 'focus';
    this.efficiency = scenario.attention.efficiency;
    this.multitaskOnVoice = scenario.attention.multitaskOnVoice;
  }

  wire(desk: Desk, router: Router): void {
    this.desk = desk;
    this.router = router;
  }

  /** Marks the agent for settling after this event and brings its work progress up to now. */
  touch(agent: Agent): void {
    if (agent.touchedAt === this.round) return;
    agent.touchedAt = this.round;
    this.touched[this.touchedCount++] = agent;
    this.advanceWork(agent);
  }

  private advanceWork(agent: Agent): void {
    const now = this.calendar.now;
    const rate = agent.ratePerUnit;
    if (rate > 0 && now > agent.workClock) {
      const done = (now - agent.workClock) * rate;
      if (this.focus) {
        if (agent.current !== null) agent.current.workLeft -= done;
      } else {
        const work = agent.work;
        for (let i = 0; i < work.length; i++) work[i]!.workLeft -= done;
      }
    }
    agent.workClock = now;
  }

  addWork(agent: Agent, contact: Contact, amount: number): void {
    this.touch(agent);
    contact.workLeft = amount;
    contact.workContent += amount / agent.group.speed;
    contact.readyAt = this.calendar.now;
    contact.workIndex = agent.work.length;
    agent.work.push(contact);
    agent.workChanged = true;
  }

  removeWork(agent: Agent, contact: Contact): void {
    const i = contact.workIndex;
    if (i < 0) return;
    const work = agent.work;
    const last = work.pop()!;
    if (last !== contact) {
      work[i] = last;
      last.workIndex = i;
    }
    contact.workIndex = -1;
    agent.workChanged = true;
    if (agent.current === contact) agent.current = null;
    if (agent.workTarget === contact) {
      this.calendar.cancel(agent.workEvent);
      agent.workEvent = NO_EVENT;
      agent.workTarget = null;
    }
  }

  onWorkDone(agent: Agent): void {
    agent.workEvent = NO_EVENT;
    this.touch(agent);
    const contact = agent.workTarget!;
    agent.workTarget = null;
    contact.workLeft = 0;
    this.removeWork(agent, contact);
    switch (contact.phase) {
      case Phase.Reply:
        this.desk.replySent(contact);
        break;
      case Phase.Work:
        this.desk.handlingEnded(contact);
        break;
      case Phase.Wrap:
        this.desk.contactDone(contact);
        break;
      default:
        this.workInWrongPhase(contact);
    }
  }

  /** Out of `onWorkDone`, so its size lets V8 inline it (see center.ts on the error paths). */
  private workInWrongPhase(contact: Contact): never {
    throw new SimulationError(`work finished in phase ${contact.phase}`, this.calendar.now, contact.id);
  }

  /** Plans the agent's work from now: which units progress, how fast, and when the next ends. */
  private planWork(agent: Agent): void {
    agent.workChanged = false;
    const now = this.calendar.now;
    const work = agent.work;
    const n = work.length;
    if (n === 0) {
      agent.ratePerUnit = 0;
      agent.workClock = now;
      return;
    }
    const factor = agent.group.speed * (agent.live !== null ? this.multitaskOnVoice : 1);
    let target: Contact | null = null;
    let rate = 0;
    if (factor > 0) {
      if (this.focus) {
        const current = agent.current === null ? -1 : agent.current.workIndex;
        const chosen = n === 1 ? 0 : focusChoice(work, current);
        target = work[chosen]!;
        agent.current = target;
        rate = factor;
      } else {
        rate = factor * sharingRate(n, this.efficiency);
        target = work[0]!;
        for (let i = 1; i < n; i++) if (work[i]!.workLeft < target.workLeft) target = work[i]!;
      }
    } else if (this.focus && agent.current === null) {
      // Paused by a live call: keep the choice so the unit resumes where it stopped.
      const chosen = n === 1 ? 0 : focusChoice(work, -1);
      agent.current = work[chosen]!;
    }
    agent.ratePerUnit = rate;
    agent.workClock = now;
    const at = target === null ? Infinity : now + Math.max(0, target.workLeft) / rate;
    // The plan often stays as it was (a reply is kept while a new chat arrives): its event stands.
    if (agent.workEvent !== NO_EVENT) {
      if (target === agent.workTarget && at === agent.workDoneAt) return;
      this.calendar.cancel(agent.workEvent);
    }
    agent.workEvent = NO_EVENT;
    agent.workTarget = target;
    if (target !== null) {
      agent.workDoneAt = at;
      agent.workEvent = this.calendar.schedule(at, EventKind.WorkDone, agent.index, Priority.workEnd);
    }
  }

  /** After an event: agents that changed take new work, replan their attention, and re-enter routing. */
  settle(): void {
    const touched = this.touched;
    const count = this.touchedCount;
    const router = this.router;
    for (let i = 0; i < count; i++) {
      const agent = touched[i]!;
      if (agent.needsPull) router.pull(agent);
    }
    for (let i = 0; i < count; i++) {
      const agent = touched[i]!;
      if (agent.workChanged) this.planWork(agent);
      if (agent.standingChanged) router.refreshAvailability(agent);
    }
    this.touchedCount = 0;
    this.round++;
  }
}
