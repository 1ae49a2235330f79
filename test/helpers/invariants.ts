// Sample-path identities every replication must satisfy exactly (up to float rounding):
// conservation of contacts and Little's law in its sample-path form, where the integral of
// the queue length equals the summed time in queue of every contact that queued.
import { expect } from 'vitest';
import type { ReplicationResult } from '../../src/stats/metrics.js';
import { tableValue } from '../../src/stats/table.js';

function close(a: number, b: number, label: string): void {
  expect(Math.abs(a - b), `${label}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(a), Math.abs(b)));
}

export function expectInvariants(result: ReplicationResult, inboundChannels: readonly string[]): void {
  const ledger = result.ledger;
  inboundChannels.forEach((channel, row) => {
    // offered = handled + abandoned + still waiting at the end (all in progress has finished).
    expect(ledger.arrived[row], `${channel} conservation`).toBe(ledger.answered[row]! + ledger.abandoned[row]! + ledger.backlogEnd[row]!);
    close(ledger.queueLengthTime[row]!, ledger.queueTimeSum[row]!, `${channel} Little's law (queue)`);
    const column = result.channels.columns - 1;
    const offered = tableValue(result.channels, channel, column, 'offered');
    const handled = tableValue(result.channels, channel, column, 'handled');
    const abandoned = tableValue(result.channels, channel, column, 'abandoned');
    const backlogEnd = tableValue(result.channels, channel, column, 'backlogEnd');
    expect(offered, `${channel} conservation in the report`).toBe(handled + abandoned + backlogEnd);
  });
  close(ledger.heldTime, ledger.holdingSum, "Little's law (agents' contacts)");
  expect(ledger.outboundFinished).toBe(ledger.outboundCreated);
  expect(ledger.sessionsCompleted).toBe(ledger.sessionsOpened);
}
