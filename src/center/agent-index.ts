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
  /** Heap steps taken, for the test that routing never scans every agent. */
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
      const i = this.count++;
      this.place(i, agent, primary, secondary);
      this.siftUp(i);
      return;
    }
    const p = this.primary[at]!;
    const s = this.secondary[at]!;
    if (p === primary && s === secondary) return;
    this.primary[at] = primary;
    this.secondary[at] = secondary;
    if (this.less(primary, secondary, agent.index, p, s, agent.index)) this.siftUp(at);
    else this.siftDown(at);
  }

  remove(agent: Agent): void {
    const at = agent.heapPosition[this.channel]!;
    if (at < 0) return;
    agent.heapPosition[this.channel] = -1;
    const last = --this.count;
    if (at === last) return;
    const moved = this.agents[last]!;
    this.place(at, moved, this.primary[last]!, this.secondary[last]!);
    this.siftUp(at);
    this.siftDown(moved.heapPosition[this.channel]!);
  }

  private less(p1: number, s1: number, i1: number, p2: number, s2: number, i2: number): boolean {
    return p1 < p2 || (p1 === p2 && (s1 < s2 || (s1 === s2 && i1 < i2)));
  }

  private lessAt(a: number, b: number): boolean {
    return this.less(this.primary[a]!, this.secondary[a]!, this.agents[a]!.index, this.primary[b]!, this.secondary[b]!, this.agents[b]!.index);
  }

  private place(i: number, agent: Agent, primary: number, secondary: number): void {
    this.agents[i] = agent;
    this.primary[i] = primary;
    this.secondary[i] = secondary;
    agent.heapPosition[this.channel] = i;
  }

  private swap(a: number, b: number): void {
    const agentA = this.agents[a]!;
    const pA = this.primary[a]!;
    const sA = this.secondary[a]!;
    this.place(a, this.agents[b]!, this.primary[b]!, this.secondary[b]!);
    this.place(b, agentA, pA, sA);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      this.steps++;
      const parent = (i - 1) >> 1;
      if (!this.lessAt(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      this.steps++;
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child = right < this.count && this.lessAt(right, left) ? right : left;
      if (!this.lessAt(child, i)) break;
      this.swap(i, child);
      i = child;
    }
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
