// An agent in one replication: what it holds (counted the way its profile counts), the work
// it shares its attention among, its standing for routing, and its time at each concurrency
// level. States: off → on → (draining →) off. Exports `Agent`, `AgentState`, `GroupRuntime`.
import { NO_EVENT, type EventHandle } from '../kernel/calendar.js';
import { CHANNEL_COUNT } from '../osh/channels.js';
import type { CompiledProfile, Holding } from '../osh/profile.js';
import type { AgentStanding } from '../policies/agent-selection.js';
import type { Contact } from './contact.js';
import type { Session } from './session.js';

/** Positions in an agent's time accounts (see `Agent.intervalTime`). */
export const AgentTime = { loggedIn: 0, busy: 1, load: 2, held: 3 } as const;
/** Where the time-at-level entries start. */
export const AGENT_TIME_LEVELS = 4;

export const AgentState = {
  /** Not logged in. */
  Off: 0,
  /** Logged in: routed new contacts. */
  On: 1,
  /** Logging out: finishes what it holds, takes nothing new. */
  Draining: 2,
} as const;
export type AgentState = (typeof AgentState)[keyof typeof AgentState];

/** An elevation decided while its channel was full: it starts when the agent has room. */
export interface DeferredElevation {
  readonly originId: number;
  /** Origin waiting for it (waitThenWrap), alive until then; null otherwise. */
  readonly waitingOrigin: Contact | null;
  /** Channel index of the contact to create: voice or email. */
  readonly target: number;
  readonly counted: boolean;
  readonly session: Session;
  readonly pair: number;
  /** Elevations between the session's first contact and the contact to create. */
  readonly depth: number;
}

export interface GroupRuntime {
  readonly index: number;
  readonly name: string;
  readonly profile: CompiledProfile;
  /** Channel indices (CHANNELS order) this group takes. */
  readonly channels: readonly number[];
  readonly speed: number;
  readonly agents: Agent[];
  /** Concurrency levels tracked: 0 … levels−1, the last meaning "at least". */
  readonly levels: number;
  /** Load a full agent carries: the unit budget, or the most contacts its skills allow. */
  readonly capacity: number;
  readonly usesUnits: boolean;
  /** OSH on: its agents elevate. */
  readonly elevates: boolean;
}

export class Agent implements Holding, AgentStanding {
  readonly index: number;
  readonly group: GroupRuntime;
  state: AgentState = AgentState.Off;

  // Holding, as the profile counts it (wrap may not count; see wrapHoldsSlot).
  readonly perChannel = new Int32Array(CHANNEL_COUNT);
  heldInLimits = 0;
  units = 0;
  mask = 0;
  /** Every contact held, wrap and waiting included. */
  readonly contacts: Contact[] = [];
  readonly deferred: DeferredElevation[] = [];

  /** The concurrency level: every contact held, wrap and waiting included. */
  get held(): number {
    return this.contacts.length;
  }

  // Attention.
  /** The live call (connect or talk), if any: it slows all other work. */
  live: Contact | null = null;
  /** Contacts with work ready now (reply, work, wrap). */
  readonly work: Contact[] = [];
  /** Focus discipline: the unit being worked on, or null. */
  current: Contact | null = null;
  /** Work rate of each unit in progress, per second. */
  ratePerUnit = 0;
  /** Time up to which work progress has been applied. */
  workClock = 0;
  workEvent: EventHandle = NO_EVENT;
  workTarget: Contact | null = null;
  /** When `workEvent` fires, s. */
  workDoneAt = 0;
  /** Event serial at which the agent was last marked for settling. */
  touchedAt = -1;
  needsPull = false;
  /** Its work set or live call changed: its attention must be planned again. */
  workChanged = false;
  /** What it holds or its state changed: its place in routing must be refreshed. */
  standingChanged = false;

  // Standing for routing.
  idleSince = 0;
  lastAssignedAt = 0;
  lastAssignment: number;

  /** Time integrated up to here, s. */
  statClock = 0;
  /**
   * Agent time in the current reporting interval, booked to its group when the interval closes:
   * logged in, busy (holding ≥ 1), load × time, contacts held × time, then time at each level.
   */
  readonly intervalTime: Float64Array;
  /** The same figures over the whole run. */
  readonly totalTime: Float64Array;
  handled = 0;

  constructor(index: number, group: GroupRuntime, agentsInCenter: number) {
    this.index = index;
    this.group = group;
    this.lastAssignment = index - agentsInCenter;
    this.intervalTime = new Float64Array(AGENT_TIME_LEVELS + group.levels);
    this.totalTime = new Float64Array(AGENT_TIME_LEVELS + group.levels);
  }

  /** Load as the profile counts it: units when it has a budget, else contacts. */
  get load(): number {
    return this.group.usesUnits ? this.units : this.heldInLimits;
  }
}
