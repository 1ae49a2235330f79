// Messages the simulation gives when a run leaves the range it can hold, one builder each so
// tests compare against the same text. Exports `runawayQueue`.

export function runawayQueue(channel: string, interval: string, limit: number): string {
  return `the ${channel} queue ran away in the interval starting ${interval}: more than ${limit.toLocaleString('en-US')} contacts held at once (queued or in service), far beyond what the agents can serve; add agents or lower the arrivals`;
}
