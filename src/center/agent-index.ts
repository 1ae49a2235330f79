// Agents with room for a channel, kept in a heap ordered by the selection policy's key, so
// routing a contact costs O(log agents) whatever the number of agents. One heap per (group,
// channel). Exports `AvailableAgents`.
import type { Agent } from './agent.js';

export class AvailableAgents {
  private readonly channel: number;
  private agents: Agent[] = [];
  private primary: Float64Array;
  private secondary: Float64Array;
  private count = 0;
  /** Heap levels walked, for the test that routing never scans every agent. */
  steps = 0;

  constructor(channel: number, capacity: number) {
    this.channel = channel;
    const n = Math.max(4, capacity);
    this.primary = new Float64Array(n);
    this.secondary = new Float64Array(n);
  }

  get size(): number {
    return this.count;
  }

  top(): Agent | null {
    return this.count === 0 ? null : this.agents[0]!;
  }

  topPrimary(): number {
    return this.primary[0]!;
  }

  topSecondary(): number {
    return this.secondary[0]!;
  }

  has(agent: Agent): boolean {
    return agent.heapPosition[this.channel]! >= 0;
  }

  /** Inserts the agent or moves it to its new key. */
  upsert(agent: Agent, primary: number, secondary: number): void {
    const at = agent.heapPosition[this.channel]!;
    if (at < 0) {
      if (this.count === this.primary.length) this.grow();
      this.siftUp(this.count++, agent, primary, secondary);
      return;
    }
    const p = this.primary[at]!;
    const s = this.secondary[at]!;
    if (p === primary && s === secondary) return;
    if (primary < p || (primary === p && secondary < s)) this.siftUp(at, agent, primary, secondary);
    else this.siftDown(at, agent, primary, secondary);
  }

  remove(agent: Agent): void {
    const at = agent.heapPosition[this.channel]!;
    if (at < 0) return;
    agent.heapPosition[this.channel] = -1;
    const last = --this.count;
    if (at === last) return;
    const moved = this.agents[last]!;
    const p = this.primary[last]!;
    const s = this.secondary[last]!;
    // The last entry fills the hole: it may belong above or below it.
    if (at > 0 && before(p, s, moved.index, this.primary[(at - 1) >> 1]!, this.secondary[(at - 1) >> 1]!, this.agents[(at - 1) >> 1]!.index)) {
      this.siftUp(at, moved, p, s);
    } else {
      this.siftDown(at, moved, p, s);
    }
  }

  /** Moves the hole at `i` up until (primary, secondary, agent) fits, then fills it. */
  private siftUp(i: number, agent: Agent, primary: number, secondary: number): void {
    const agents = this.agents;
    const primaries = this.primary;
    const secondaries = this.secondary;
    const channel = this.channel;
    const index = agent.index;
    while (i > 0) {
      this.steps++;
      const parent = (i - 1) >> 1;
      const up = agents[parent]!;
      if (!before(primary, secondary, index, primaries[parent]!, secondaries[parent]!, up.index)) break;
      agents[i] = up;
      primaries[i] = primaries[parent]!;
      secondaries[i] = secondaries[parent]!;
      up.heapPosition[channel] = i;
      i = parent;
    }
    agents[i] = agent;
    primaries[i] = primary;
    secondaries[i] = secondary;
    agent.heapPosition[channel] = i;
  }

  private siftDown(i: number, agent: Agent, primary: number, secondary: number): void {
    const agents = this.agents;
    const primaries = this.primary;
    const secondaries = this.secondary;
    const channel = this.channel;
    const count = this.count;
    const index = agent.index;
    for (;;) {
      this.steps++;
      let child = 2 * i + 1;
      if (child >= count) break;
      let down = agents[child]!;
      let p = primaries[child]!;
      let s = secondaries[child]!;
      const right = child + 1;
      if (right < count) {
        const other = agents[right]!;
        const rp = primaries[right]!;
        const rs = secondaries[right]!;
        if (before(rp, rs, other.index, p, s, down.index)) {
          child = right;
          down = other;
          p = rp;
          s = rs;
        }
      }
      if (!before(p, s, down.index, primary, secondary, index)) break;
      agents[i] = down;
      primaries[i] = p;
      secondaries[i] = s;
      down.heapPosition[channel] = i;
      i = child;
    }
    agents[i] = agent;
    primaries[i] = primary;
    secondaries[i] = secondary;
    agent.heapPosition[channel] = i;
  }

  private grow(): void {
    const n = this.primary.length * 2;
    const primary = new Float64Array(n);
    primary.set(this.primary);
    this.primary = primary;
    const secondary = new Float64Array(n);
    secondary.set(this.secondary);
    this.secondary = secondary;
  }
}

/** Whether (p1, s1, i1) ranks before (p2, s2, i2): lower key first, lower agent index on a tie. */
function before(p1: number, s1: number, i1: number, p2: number, s2: number, i2: number): boolean {
  return p1 < p2 || (p1 === p2 && (s1 < s2 || (s1 === s2 && i1 < i2)));
}
