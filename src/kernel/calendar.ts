// The event calendar: a binary min-heap over typed arrays ordered by (time, priority, sequence).
// Time is in seconds since the horizon start, everywhere in osh-sim. Exports `EventCalendar`,
// `EventHandle` and `NO_EVENT`. Scheduling allocates nothing once the arrays have grown.

/** Opaque handle of a scheduled event; `cancel` takes it. Stale handles are recognised. */
export type EventHandle = number;
export const NO_EVENT: EventHandle = -1;

// A handle packs a record slot with that slot's generation (modulo 128), so cancelling an
// event that already fired (its slot reused since) is a no-op instead of cancelling a
// stranger. 2^23 slots × 2^7 generations keep a handle a small integer, which the engine
// stores and passes around without allocating.
const SLOT_SPACE = 2 ** 23;
const GENERATIONS = 2 ** 7;
// Priority is the high part of the tie-break key and sequence the low part, both exact in a
// double while priorities stay below 2^17 (the model's few named priorities are far below).
const SEQUENCE_SPACE = 2 ** 36;

/**
 * Events are (time, kind, target): `kind` is a small integer the model defines and `target`
 * the entity it concerns (a contact, an agent, a channel). Events at the same time run by
 * ascending priority, then in the order they were scheduled, so every run is reproducible.
 *
 * Cancelling marks the event's record; the heap entry stays until it reaches the top and is
 * discarded there. That spares every heap move a position update. The tie-break key lives
 * with the record and is read only when two times are equal, so a heap move writes two arrays.
 */
export class EventCalendar {
  /** Time of the event being processed; never decreases. */
  now = 0;
  /** Kind and target of the event `next()` just delivered. */
  kind = 0;
  target = 0;
  /** Events delivered so far. */
  delivered = 0;

  private sequence = 0;
  /** Heap entries, cancelled ones included. */
  private count = 0;
  /** Pending events, cancelled ones excluded. */
  private pending = 0;
  // heap arrays: position → (time, slot)
  private heapTime: Float64Array;
  private heapSlot: Int32Array;
  // record slots: slot → (order key, kind, target, generation, cancelled)
  private slotOrder: Float64Array;
  private slotKind: Int32Array;
  private slotTarget: Int32Array;
  private slotGeneration: Int32Array;
  private slotCancelled: Uint8Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotOrder = new Float64Array(n);
    this.slotKind = new Int32Array(n);
    this.slotTarget = new Int32Array(n);
    this.slotGeneration = new Int32Array(n);
    this.slotCancelled = new Uint8Array(n);
    this.freeSlots = new Int32Array(n);
  }

  /** Number of pending events. */
  get size(): number {
    return this.pending;
  }

  /** Time of the next pending event, or Infinity when none is pending. */
  peekTime(): number {
    this.discardCancelledTop();
    return this.count === 0 ? Infinity : this.heapTime[0]!;
  }

  /**
   * Schedules an event. `time` must not be before `now` (the past cannot be changed);
   * `priority` (a small non-negative integer) orders events at the same instant, lower first.
   */
  schedule(time: number, kind: number, target: number, priority = 0): EventHandle {
    if (!(time >= this.now)) scheduledInThePast(time, this.now);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.newSlot();
    const order = priority * SEQUENCE_SPACE + this.sequence++;
    this.slotOrder[slot] = order;
    this.slotKind[slot] = kind;
    this.slotTarget[slot] = target;
    this.slotCancelled[slot] = 0;
    if (this.count === this.heapTime.length) this.growHeap();
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const slotOrder = this.slotOrder;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTime[parent]!;
      if (parentTime < time || (parentTime === time && slotOrder[heapSlot[parent]!]! < order)) break;
      heapTime[i] = parentTime;
      heapSlot[i] = heapSlot[parent]!;
      i = parent;
    }
    heapTime[i] = time;
    heapSlot[i] = slot;
    this.pending++;
    return this.slotGeneration[slot]! * SLOT_SPACE + slot;
  }

  /** Cancels a pending event; returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (handle < 0) return false;
    const slot = handle % SLOT_SPACE;
    if (slot >= this.slotCount) return false;
    if (this.slotGeneration[slot] !== (handle - slot) / SLOT_SPACE || this.slotCancelled[slot] === 1) return false;
    this.slotCancelled[slot] = 1;
    this.pending--;
    return true;
  }

  /**
   * Delivers the next event: sets `now`, `kind` and `target` and returns true; returns false
   * (changing nothing) when no event is pending or the next is later than `until`.
   */
  next(until = Infinity): boolean {
    this.discardCancelledTop();
    if (this.count === 0) return false;
    const time = this.heapTime[0]!;
    if (time > until) return false;
    const slot = this.popTop();
    this.now = time;
    this.kind = this.slotKind[slot]!;
    this.target = this.slotTarget[slot]!;
    this.pending--;
    this.delivered++;
    return true;
  }

  private discardCancelledTop(): void {
    while (this.count > 0 && this.slotCancelled[this.heapSlot[0]!] === 1) this.popTop();
  }

  /** Removes the top entry, frees its slot and returns the slot (its record still readable). */
  private popTop(): number {
    const heapTime = this.heapTime;
    const heapSlot = this.heapSlot;
    const slotOrder = this.slotOrder;
    const top = heapSlot[0]!;
    const size = --this.count;
    if (size > 0) {
      const time = heapTime[size]!;
      const slot = heapSlot[size]!;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        let childTime = heapTime[child]!;
        const right = child + 1;
        if (right < size) {
          const rightTime = heapTime[right]!;
          if (rightTime < childTime || (rightTime === childTime && slotOrder[heapSlot[right]!]! < slotOrder[heapSlot[child]!]!)) {
            child = right;
            childTime = rightTime;
          }
        }
        if (time < childTime || (time === childTime && slotOrder[slot]! < slotOrder[heapSlot[child]!]!)) break;
        heapTime[i] = childTime;
        heapSlot[i] = heapSlot[child]!;
        i = child;
      }
      heapTime[i] = time;
      heapSlot[i] = slot;
    }
    this.slotGeneration[top] = (this.slotGeneration[top]! + 1) % GENERATIONS;
    this.freeSlots[this.freeCount++] = top;
    return top;
  }

  private newSlot(): number {
    if (this.slotCount === this.slotKind.length) this.growSlots();
    if (this.slotCount >= SLOT_SPACE) throw new RangeError('more than 2^23 pending events');
    return this.slotCount++;
  }

  private growHeap(): void {
    const n = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(n));
    this.heapSlot = grow(this.heapSlot, new Int32Array(n));
  }

  private growSlots(): void {
    const n = this.slotKind.length * 2;
    this.slotOrder = grow(this.slotOrder, new Float64Array(n));
    this.slotKind = grow(this.slotKind, new Int32Array(n));
    this.slotTarget = grow(this.slotTarget, new Int32Array(n));
    this.slotGeneration = grow(this.slotGeneration, new Int32Array(n));
    this.slotCancelled = grow(this.slotCancelled, new Uint8Array(n));
    this.freeSlots = grow(this.freeSlots, new Int32Array(n));
  }
}

/** Out of `schedule`: its message counted against the size by which V8 decides to inline it. */
function scheduledInThePast(time: number, now: number): never {
  throw new RangeError(`cannot schedule at t=${time} before now=${now}`);
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
