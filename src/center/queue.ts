// A channel's queue: FIFO, linked through the contacts, so an abandoning contact leaves in
// O(1) without leaving a tombstone behind. Exports `ContactQueue`.
import type { Contact } from './contact.js';

export class ContactQueue {
  head: Contact | null = null;
  private tail: Contact | null = null;
  size = 0;
  /** ∫ queue length dt, from `lengthClock`; for Little's law and mean queue length. */
  lengthTime = 0;
  private lengthClock = 0;

  private accrue(now: number): void {
    this.lengthTime += this.size * (now - this.lengthClock);
    this.lengthClock = now;
  }

  push(contact: Contact, now: number): void {
    this.accrue(now);
    contact.queuePrev = this.tail;
    contact.queueNext = null;
    if (this.tail === null) this.head = contact;
    else this.tail.queueNext = contact;
    this.tail = contact;
    this.size++;
  }

  remove(contact: Contact, now: number): void {
    this.accrue(now);
    const prev = contact.queuePrev;
    const next = contact.queueNext;
    if (prev === null) this.head = next;
    else prev.queueNext = next;
    if (next === null) this.tail = prev;
    else next.queuePrev = prev;
    contact.queuePrev = null;
    contact.queueNext = null;
    this.size--;
  }

  /** Brings the length integral up to `now` (at the end of a run). */
  settle(now: number): void {
    this.accrue(now);
  }
}
