// The event calendar: a binary min-heap over typed arrays ordered by (time, priority, sequence).
// Time is in seconds since the horizon start, everywhere in osh-sim. Exports `EventCalendar`,
// `EventHandle` and `NO_EVENT`. Scheduling allocates nothing once the arrays have grown.

/** Opaque handle of a scheduled event; `cancel` takes it. Stale handles are recognised. */
export type EventHandle = number;
export const NO_EVENT: EventHandle = -1;

// A handle packs a record slot with that slot's generation, so cancelling an event that
// already fired (its slot reused since) is a no-op instead of cancelling a stranger.
const SLOT_SPACE = 2 ** 26;
// Priority is the high part of the tie-break key and sequence the low part, both exact in a double.
const SEQUENCE_SPACE = 2 ** 36;
export const MAX_PRIORITY = 15;

/**
 * Events are (time, kind, target): `kind` is a small integer the model defines and `target`
 * the entity it concerns (a contact, an agent, a channel). Events at the same time run by
 * ascending priority, then in the order they were scheduled, so every run is reproducible.
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
  private count = 0;
  // heap arrays: position → (time, order key, slot)
  private heapTime: Float64Array;
  private heapOrder: Float64Array;
  private heapSlot: Int32Array;
  // record slots: slot → (kind, target, heap position, generation)
  private slotKind: Int32Array;
  private slotTarget: Int32Array;
  private slotPosition: Int32Array;
  private slotGeneration: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.heapTime = new Float64Array(n);
    this.heapOrder = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotKind = new Int32Array(n);
    this.slotTarget = new Int32Array(n);
    this.slotPosition = new Int32Array(n);
    this.slotGeneration = new Int32Array(n);
    this.freeSlots = new Int32Array(n);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Time of the next pending event, or Infinity when none is pending. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.heapTime[0]!;
  }

  /**
   * Schedules an event. `time` must not be before `now` (the past cannot be changed);
   * `priority` (0 … MAX_PRIORITY) orders events at the same instant, lower first.
   */
  schedule(time: number, kind: number, target: number, priority = 0): EventHandle {
    if (!(time >= this.now)) {
      throw new RangeError(`cannot schedule at t=${time} before now=${this.now}`);
    }
    const slot = this.takeSlot();
    this.slotKind[slot] = kind;
    this.slotTarget[slot] = target;
    if (this.count === this.heapTime.length) this.growHeap();
    const order = priority * SEQUENCE_SPACE + this.sequence++;
    this.siftUp(this.count++, time, order, slot);
    return this.slotGeneration[slot]! * SLOT_SPACE + slot;
  }

  /** Removes a pending event; returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    if (handle < 0) return false;
    const slot = handle % SLOT_SPACE;
    if (slot >= this.slotCount) return false;
    const generation = (handle - slot) / SLOT_SPACE;
    if (this.slotGeneration[slot] !== generation) return false;
    const position = this.slotPosition[slot]!;
    if (position < 0) return false;
    this.releaseSlot(slot);
    const last = --this.count;
    if (position !== last) {
      const time = this.heapTime[last]!;
      const order = this.heapOrder[last]!;
      const movedSlot = this.heapSlot[last]!;
      if (this.before(time, order, this.heapTime[position]!, this.heapOrder[position]!)) {
        this.siftUp(position, time, order, movedSlot);
      } else {
        this.siftDown(position, time, order, movedSlot, last);
      }
    }
    return true;
  }

  /**
   * Delivers the next event: sets `now`, `kind` and `target` and returns true; returns false
   * (changing nothing) when no event is pending or the next is later than `until`.
   */
  next(until = Infinity): boolean {
    if (this.count === 0) return false;
    const time = this.heapTime[0]!;
    if (time > until) return false;
    const slot = this.heapSlot[0]!;
    this.now = time;
    this.kind = this.slotKind[slot]!;
    this.target = this.slotTarget[slot]!;
    this.releaseSlot(slot);
    const last = --this.count;
    if (last > 0) {
      this.siftDown(0, this.heapTime[last]!, this.heapOrder[last]!, this.heapSlot[last]!, last);
    }
    this.delivered++;
    return true;
  }

  /** Moves the clock forward without an event (to a horizon end, say); never backwards. */
  advanceTo(time: number): void {
    if (time < this.now) throw new RangeError(`cannot move the clock back from ${this.now} to ${time}`);
    if (this.count > 0 && this.heapTime[0]! < time) {
      throw new RangeError(`cannot move the clock to ${time} past a pending event at ${this.heapTime[0]}`);
    }
    this.now = time;
  }

  private before(timeA: number, orderA: number, timeB: number, orderB: number): boolean {
    return timeA < timeB || (timeA === timeB && orderA < orderB);
  }

  private siftUp(position: number, time: number, order: number, slot: number): void {
    const heapTime = this.heapTime;
    const heapOrder = this.heapOrder;
    const heapSlot = this.heapSlot;
    const slotPosition = this.slotPosition;
    let i = position;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = heapTime[parent]!;
      if (parentTime < time || (parentTime === time && heapOrder[parent]! < order)) break;
      heapTime[i] = parentTime;
      heapOrder[i] = heapOrder[parent]!;
      const parentSlot = heapSlot[parent]!;
      heapSlot[i] = parentSlot;
      slotPosition[parentSlot] = i;
      i = parent;
    }
    heapTime[i] = time;
    heapOrder[i] = order;
    heapSlot[i] = slot;
    slotPosition[slot] = i;
  }

  private siftDown(position: number, time: number, order: number, slot: number, size: number): void {
    const heapTime = this.heapTime;
    const heapOrder = this.heapOrder;
    const heapSlot = this.heapSlot;
    const slotPosition = this.slotPosition;
    let i = position;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childTime = heapTime[child]!;
      let childOrder = heapOrder[child]!;
      const right = child + 1;
      if (right < size) {
        const rightTime = heapTime[right]!;
        const rightOrder = heapOrder[right]!;
        if (rightTime < childTime || (rightTime === childTime && rightOrder < childOrder)) {
          child = right;
          childTime = rightTime;
          childOrder = rightOrder;
        }
      }
      if (time < childTime || (time === childTime && order < childOrder)) break;
      heapTime[i] = childTime;
      heapOrder[i] = childOrder;
      const childSlot = heapSlot[child]!;
      heapSlot[i] = childSlot;
      slotPosition[childSlot] = i;
      i = child;
    }
    heapTime[i] = time;
    heapOrder[i] = order;
    heapSlot[i] = slot;
    slotPosition[slot] = i;
  }

  private takeSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.slotCount === this.slotKind.length) this.growSlots();
    if (this.slotCount >= SLOT_SPACE) throw new RangeError('more than 2^26 pending events');
    return this.slotCount++;
  }

  private releaseSlot(slot: number): void {
    this.slotPosition[slot] = -1;
    this.slotGeneration[slot] = (this.slotGeneration[slot]! + 1) % SLOT_SPACE;
    this.freeSlots[this.freeCount++] = slot;
  }

  private growHeap(): void {
    const n = this.heapTime.length * 2;
    this.heapTime = grow(this.heapTime, new Float64Array(n));
    this.heapOrder = grow(this.heapOrder, new Float64Array(n));
    this.heapSlot = grow(this.heapSlot, new Int32Array(n));
  }

  private growSlots(): void {
    const n = this.slotKind.length * 2;
    this.slotKind = grow(this.slotKind, new Int32Array(n));
    this.slotTarget = grow(this.slotTarget, new Int32Array(n));
    this.slotPosition = grow(this.slotPosition, new Int32Array(n));
    this.slotGeneration = grow(this.slotGeneration, new Int32Array(n));
    this.freeSlots = grow(this.freeSlots, new Int32Array(n));
  }
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
