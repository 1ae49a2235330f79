// Agents with room for a channel, kept in a heap ordered by the selection policy's key, so
// routing a contact costs O(log agents) whatever the number of agents. One heap per (group,
// channel), all typed arrays: agents are numbers here (their index in the center). Exports
// `AvailableAgents`.

export class AvailableAgents {
  private primary: Float64Array;
  private secondary: Float64Array;
  private agent: Int32Array;
  /** Heap position of each agent of the center, -1 when absent. */
  private readonly position: Int32Array;
  private count = 0;
  /** Heap levels walked, for the test that routing never scans every agent. */
  steps = 0;

  /** `agents`: how many agents the center has (indices 0 … agents − 1). */
  constructor(agents: number, capacity = agents) {
    const n = Math.max(4, capacity);
    this.primary = new Float64Array(n);
    this.secondary = new Float64Array(n);
    this.agent = new Int32Array(n);
    this.position = new Int32Array(agents).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** The first-ranked agent's index, or -1 when none has room. */
  top(): number {
    return this.count === 0 ? -1 : this.agent[0]!;
  }

  topPrimary(): number {
    return this.primary[0]!;
  }

  topSecondary(): number {
    return this.secondary[0]!;
  }

  /** Inserts the agent or moves it to its new key. */
  upsert(agent: number, primary: number, secondary: number): void {
    const at = this.position[agent]!;
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

  remove(agent: number): void {
    const at = this.position[agent]!;
    if (at < 0) return;
    this.position[agent] = -1;
    const last = --this.count;
    if (at === last) return;
    const moved = this.agent[last]!;
    const p = this.primary[last]!;
    const s = this.secondary[last]!;
    // The last entry fills the hole: it may belong above or below it.
    const parent = (at - 1) >> 1;
    if (at > 0 && before(p, s, moved, this.primary[parent]!, this.secondary[parent]!, this.agent[parent]!)) {
      this.siftUp(at, moved, p, s);
    } else {
      this.siftDown(at, moved, p, s);
    }
  }

  /** Moves the hole at `i` up until (primary, secondary, agent) fits, then fills it. */
  private siftUp(i: number, agent: number, primary: number, secondary: number): void {
    const agents = this.agent;
    const primaries = this.primary;
    const secondaries = this.secondary;
    const position = this.position;
    while (i > 0) {
      this.steps++;
      const parent = (i - 1) >> 1;
      const up = agents[parent]!;
      if (!before(primary, secondary, agent, primaries[parent]!, secondaries[parent]!, up)) break;
      agents[i] = up;
      primaries[i] = primaries[parent]!;
      secondaries[i] = secondaries[parent]!;
      position[up] = i;
      i = parent;
    }
    agents[i] = agent;
    primaries[i] = primary;
    secondaries[i] = secondary;
    position[agent] = i;
  }

  private siftDown(i: number, agent: number, primary: number, secondary: number): void {
    const agents = this.agent;
    const primaries = this.primary;
    const secondaries = this.secondary;
    const position = this.position;
    const count = this.count;
    for (;;) {
      this.steps++;
      let child = 2 * i + 1;
      if (child >= count) break;
      let p = primaries[child]!;
      let s = secondaries[child]!;
      const right = child + 1;
      if (right < count) {
        const rp = primaries[right]!;
        const rs = secondaries[right]!;
        if (before(rp, rs, agents[right]!, p, s, agents[child]!)) {
          child = right;
          p = rp;
          s = rs;
        }
      }
      const down = agents[child]!;
      if (!before(p, s, down, primary, secondary, agent)) break;
      agents[i] = down;
      primaries[i] = p;
      secondaries[i] = s;
      position[down] = i;
      i = child;
    }
    agents[i] = agent;
    primaries[i] = primary;
    secondaries[i] = secondary;
    position[agent] = i;
  }

  private grow(): void {
    const n = this.primary.length * 2;
    const primary = new Float64Array(n);
    primary.set(this.primary);
    this.primary = primary;
    const secondary = new Float64Array(n);
    secondary.set(this.secondary);
    this.secondary = secondary;
    const agent = new Int32Array(n);
    agent.set(this.agent);
    this.agent = agent;
  }
}

/** Whether (p1, s1, a1) ranks before (p2, s2, a2): lower key first, lower agent index on a tie. */
function before(p1: number, s1: number, a1: number, p2: number, s2: number, a2: number): boolean {
  return p1 < p2 || (p1 === p2 && (s1 < s2 || (s1 === s2 && a1 < a2)));
}
