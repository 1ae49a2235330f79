// Omnichannel sessions: a contact and every contact elevated from it, chains included. The
// rule the product states: a session is complete only when every contact in it, after-contact
// work included, is complete; an elevation decided but not yet started keeps it open.

export interface SessionCounts {
  /** Contacts started in the session (its first contact and every elevated one). */
  readonly contacts: number;
  /** Of those, contacts whose wrap has finished. */
  readonly wrapped: number;
  /** Elevations decided but deferred, not started yet. */
  readonly pendingElevations: number;
}

export function isSessionComplete(session: SessionCounts): boolean {
  return session.wrapped === session.contacts && session.pendingElevations === 0;
}
