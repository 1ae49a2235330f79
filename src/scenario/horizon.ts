// Clock times of a written scenario: where the horizon starts on the clock and how many agents
// a set of shifts puts in each interval, and a group's staffing what-if. Shared by the rules
// (limits) and normalisation. Exports `parseClock`, `horizonStartMinute`, `staffingFromShifts`,
// `scaledAgents`.

/** `HH:MM` → minutes after midnight. */
export function parseClock(text: string): number {
  const [hh, mm] = text.split(':').map(Number);
  return hh! * 60 + mm!;
}

export function horizonStartMinute(written: { readonly horizon: { readonly start?: string | undefined } }): number {
  return written.horizon.start === undefined ? 0 : parseClock(written.horizon.start);
}

/**
 * A group's agents in one interval under its `scale` what-if: the nearest whole agent (a half
 * rounds up), so 1.1 × 15 agents is 17 and 0.5 × 3 is 2. A product that is a half in decimals
 * rounds as one: 0.7 × 5 is 3.4999999999999996 in binary, and 4 agents.
 */
export function scaledAgents(agents: number, scale: number): number {
  return Math.round(Number((agents * scale).toFixed(9)));
}

/** Agents per interval from shifts (a shift may pass midnight: 22:00 to 06:00). */
export function staffingFromShifts(
  shifts: readonly { start: string; end: string; count: number }[],
  intervals: number,
  intervalMinutes: number,
  startMinute: number,
): number[] {
  const staffing = new Array<number>(intervals).fill(0);
  for (let k = 0; k < intervals; k++) {
    const minute = (startMinute + k * intervalMinutes) % 1440;
    for (const shift of shifts) {
      const from = parseClock(shift.start);
      const to = parseClock(shift.end);
      const inside = from < to ? minute >= from && minute < to : minute >= from || minute < to;
      if (inside) staffing[k]! += shift.count;
    }
  }
  return staffing;
}
