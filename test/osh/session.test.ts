// Session completeness, and the chat response timer as the simulation runs it: started when
// the agent accepts the chat and at each later customer message, stopped by the reply, red
// strictly past the threshold.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSessionComplete } from '../../src/osh/session.js';
import { readScenario } from '../../src/scenario/read.js';
import { runKeeping } from '../helpers/records.js';

describe('sessions', () => {
  it('are complete only when every contact has wrapped and no elevation is pending', () => {
    expect(isSessionComplete({ contacts: 2, wrapped: 2, pendingElevations: 0 })).toBe(true);
    expect(isSessionComplete({ contacts: 2, wrapped: 1, pendingElevations: 0 })).toBe(false);
    expect(isSessionComplete({ contacts: 2, wrapped: 2, pendingElevations: 1 })).toBe(false);
  });
});

describe('chat response timer', () => {
  // One agent holding two chats under focus, both waiting at t = 0; replies take 20 s, the
  // customer thinks 10 s. Replies: A 0–20 (20 s), B 20–40 (40 s: the timer ran while A was
  // answered), A's message at 30 answered 40–60 (30 s), B's at 50 answered 60–80 (30 s).
  // A timer started at the reply's start would read 20 s each time; one started at the
  // chat's arrival would read 60 and 80 s for the second replies.
  const folder = mkdtempSync(join(tmpdir(), 'osh-response-'));
  // Chats have no backlog: a trace puts both at t = 0.
  writeFileSync(join(folder, 'two-chats.csv'), 'time\n0\n0\n');
  const twoChats = (responseThresholdSec: number) => {
    const file = join(folder, `threshold-${responseThresholdSec}.json`);
    writeFileSync(file, JSON.stringify({
      name: 'response-timer',
      seed: 3,
      replications: 1,
      horizon: { intervalMinutes: 60, intervals: 1 },
      channels: {
        chat: {
          arrivals: { trace: 'two-chats.csv' },
          exchanges: { dist: 'fixed', value: 2 },
          reply: { dist: 'fixed', value: 20 },
          think: { dist: 'fixed', value: 10 },
          responseThresholdSec,
        },
      },
      agents: [{ group: 'one', count: 1, channels: ['chat'], profile: 'two' }],
      osh: { profiles: { two: { maxPerChannel: { chat: 2 } } }, attention: { discipline: 'focus' } },
    }));
    return readScenario(file);
  };

  it('runs from the customer message to the reply and turns red strictly past the threshold', () => {
    const breachesAt = (threshold: number) => {
      const chats = runKeeping(twoChats(threshold)).log.contacts;
      expect(chats.map((c) => [c.answered, c.end, c.replies])).toEqual([
        [0, 60, 2],
        [0, 80, 2],
      ]);
      return chats.reduce((sum, c) => sum + c.responseBreaches, 0);
    };
    expect(breachesAt(40)).toBe(0); // 40 s is at the threshold, not past it
    expect(breachesAt(39)).toBe(1); // B's first reply
    expect(breachesAt(30)).toBe(1); // the 30 s replies are at it
    expect(breachesAt(29)).toBe(3);
    expect(breachesAt(19)).toBe(4);
  });
});
