// Which agents and which hour the report's agent timeline shows: the busiest hour by the
// scenario's arrival rates (the first of equals), and up to a dozen agents spread over the
// groups, those logged in first. Pure: decided from the scenario before the run.
import type { Scenario } from '../scenario/model.js';

export interface TimelineWindow {
  readonly from: number;
  readonly to: number;
  /** Agent indices in the center (groups' agents are numbered in group order). */
  readonly agents: readonly number[];
}

export const TIMELINE_AGENTS = 12;

export function timelineWindow(scenario: Scenario): TimelineWindow {
  const { intervals, intervalSec, endSec } = scenario.horizon;
  let busiest = 0;
  let busiestRate = -1;
  for (let k = 0; k < intervals; k++) {
    let rate = 0;
    for (const channel of scenario.skills) rate += channel.arrivalRates[k]!;
    if (rate > busiestRate) {
      busiestRate = rate;
      busiest = k;
    }
  }
  const from = busiest * intervalSec;
  const to = Math.min(from + 3600, endSec);
  const agents: number[] = [];
  const perGroup = Math.max(1, Math.ceil(TIMELINE_AGENTS / scenario.groups.length));
  let first = 0;
  for (const group of scenario.groups) {
    const size = Math.max(0, ...group.staffing);
    const loggedIn = Math.min(size, group.staffing[busiest] ?? 0);
    for (let i = 0; i < Math.min(perGroup, loggedIn) && agents.length < TIMELINE_AGENTS; i++) agents.push(first + i);
    first += size;
  }
  return { from, to, agents };
}
