// The kinds of event a replication schedules and their same-instant order (calendar
// priorities). Exports `EventKind`, `Priority`. Times are seconds from the horizon start.
//
// Same-instant order: work that ends first, so it finishes at that instant before anything
// else can take the agent's attention; then calls ending and chat customers' messages (tied,
// in the order scheduled), so capacity freed at an instant is seen by what arrives then; then
// interval boundaries (staffing, warm-up, horizon end); then arrivals; then patience, so a
// customer whose patience ends just as an agent frees is served. A delay step ties with
// patience, in the order scheduled.

export const EventKind = {
  /** target: the channel's row. */
  Arrival: 0,
  /** target: the queued contact's pool slot. */
  Patience: 1,
  /** A call's connect or talk ends; target: contact slot. */
  LiveEnd: 2,
  /** A chat customer's next message; target: contact slot. */
  ThinkEnd: 3,
  /** A chat customer gives up waiting for a reply; target: contact slot. */
  ReplyPatience: 4,
  /** The unit an agent works on is done; target: agent index. */
  WorkDone: 5,
  /** Interval k starts (k = intervals: the horizon ends); target: k. */
  Boundary: 6,
  Backlog: 7,
  WarmupEnd: 8,
  /** A queued contact has waited a delay step of its skill: more groups are offered it; target: contact slot. */
  DelayStep: 9,
} as const;

export const Priority = { workEnd: 0, callEnd: 1, customerMessage: 1, boundary: 2, arrival: 3, delayStep: 4, patience: 4 } as const;
