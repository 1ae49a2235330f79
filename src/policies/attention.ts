// Attention disciplines: how an agent's work rate is shared among its contacts that need work
// now (a reply being written, an email, a wrap). Live voice is not among them: it runs in real
// time and scales everything here by `multitaskOnVoice`. Exports `focusChoice`, `sharingRate`.

/** A unit of work as the discipline sees it. */
export interface WorkUnitView {
  /** Channel priority of the contact (higher first). */
  readonly priority: number;
  /** When this unit became ready (the customer's message, the start of the wrap), s. */
  readonly readyAt: number;
  /** A chat reply being written is never interrupted except by voice. */
  readonly isReply: boolean;
}

/**
 * `focus`: one unit at a time. Keeps the current unit when it is a reply or nothing of strictly
 * higher priority waits; otherwise takes the highest priority, then the longest waiting (the
 * reddest timer), then the earlier in the list. Returns the index into `units`, or -1 if empty.
 */
export function focusChoice(units: readonly WorkUnitView[], current: number): number {
  if (units.length === 0) return -1;
  if (current >= 0 && units[current]!.isReply) return current;
  let best = -1;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = units[best]!;
    if (u.priority > b.priority || (u.priority === b.priority && u.readyAt < b.readyAt)) best = i;
  }
  if (current >= 0 && !(units[best]!.priority > units[current]!.priority)) return current;
  return best;
}

/**
 * `sharing`: processor sharing with efficiency e(n), the agent's total work rate with n units
 * in progress (e(1) = 1; the last listed value repeats). Returns each unit's rate.
 */
export function sharingRate(n: number, efficiency: readonly number[]): number {
  if (n <= 0) return 0;
  const e = efficiency[Math.min(n, efficiency.length) - 1]!;
  return e / n;
}
