// Behaviour of Omnichannel Session Handling in the simulated center: routing to busy agents
// with room, the phone as the most active contact, focus and sharing, elevations and their
// origins, deferral and dropping, chains, chat customers leaving, and wrap that frees its slot.
import { describe, expect, it, vi } from 'vitest';
import { EventKind } from '../../src/center/events.js';
import { EventCalendar } from '../../src/kernel/calendar.js';
import { MAX_ELEVATION_DEPTH } from '../../src/policies/elevation.js';
import { tableValue } from '../../src/stats/table.js';
import type { ContactRecord } from '../../src/stats/records.js';
import { expectInvariants } from '../helpers/invariants.js';
import { expectProfilesRespected, expectSessionsConsistent } from '../helpers/osh-invariants.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

const originalSchedule = EventCalendar.prototype.schedule;
const originalCancel = EventCalendar.prototype.cancel;

const base = { name: 'osh', seed: 21, horizon: { intervalMinutes: 60, intervals: 4 }, replications: 1 };
const chatChannel = {
  arrivals: { ratePerHour: 60 },
  exchanges: { dist: 'fixed', value: 4 },
  reply: { dist: 'fixed', value: 20 },
  think: { dist: 'fixed', value: 30 },
  wrap: { dist: 'fixed', value: 10 },
};

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

describe('routing under OSH', () => {
  it('offers contacts to busy agents with room, up to the profile', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { chat: { ...chatChannel, arrivals: { ratePerHour: 200 } } },
      agents: [{ group: 'chat', count: 3, channels: ['chat'], profile: 'three' }],
      osh: { profiles: { three: { maxPerChannel: { chat: 3 } } } },
    });
    const { result, log } = runKeeping(scenario);
    expect(expectProfilesRespected(scenario, log.contacts)).toBeGreaterThan(100);
    // Three chats at once were reached: the level-3 share is positive, never above.
    expect(tableValue(result.levels, 'chat', 4, 'level3')).toBeGreaterThan(0.05);
    expect(tableValue(result.groups, 'chat', 4, 'concurrencyBusyMean')).toBeGreaterThan(1.2);
  });
});

describe('attention', () => {
  it('the phone slows other work to multitaskOnVoice while the call is live', () => {
    for (const multitask of [0, 0.4]) {
      const scenario = scenarioOf({
        ...base,
        channels: {
          voice: { arrivals: { ratePerHour: 10 }, talk: { dist: 'fixed', value: 200 } },
          email: { arrivals: { backlog: 30 }, work: { dist: 'fixed', value: 600 } },
        },
        agents: [{ group: 'one', count: 1, channels: ['voice', 'email'], profile: 'both' }],
        osh: { profiles: { both: { maxPerChannel: { voice: 1, email: 1 } } }, attention: { multitaskOnVoice: multitask } },
      });
      const { log } = runKeeping(scenario);
      const calls = log.contacts.filter((c) => c.channel === 'voice' && c.outcome === 'handled');
      const emails = log.contacts.filter((c) => c.channel === 'email' && c.outcome === 'handled');
      expect(calls.length).toBeGreaterThan(3);
      let slowed = 0;
      for (const e of emails) {
        // Work done = time off the phone + multitask × time on it, which must equal 600 s.
        const onPhone = calls.reduce((sum, c) => sum + overlap(e.answered, e.end, c.answered, c.end), 0);
        expect(e.end - e.answered - onPhone + multitask * onPhone).toBeCloseTo(600, 6);
        if (onPhone > 0) slowed++;
      }
      expect(slowed).toBeGreaterThan(0);
    }
  });

  it('focus: a chat reply goes ahead of an email and is written at full speed', () => {
    const scenarioWith = (discipline: string) =>
      scenarioOf({
        ...base,
        channels: {
          chat: { ...chatChannel, exchanges: { dist: 'fixed', value: 1 }, wrap: undefined, responseThresholdSec: 20 },
          email: { arrivals: { backlog: 40 }, work: { dist: 'fixed', value: 300 } },
        },
        agents: [{ group: 'one', count: 1, channels: ['chat', 'email'], profile: 'p' }],
        osh: { profiles: { p: { maxPerChannel: { chat: 1, email: 1 } } }, attention: { discipline } },
      });
    const focus = runKeeping(scenarioWith('focus')).result;
    // Under focus every reply takes exactly its 20 s; under sharing it shares with the email.
    expect(tableValue(focus.channels, 'chat', 4, 'responseMean')).toBeCloseTo(20, 9);
    expect(tableValue(focus.channels, 'chat', 4, 'responseBreaches')).toBe(0);
    const sharing = runKeeping(scenarioWith('sharing')).result;
    expect(tableValue(sharing.channels, 'chat', 4, 'responseMean')).toBeGreaterThan(30);
    expect(tableValue(sharing.channels, 'chat', 4, 'responseBreachRate')).toBeGreaterThan(0.5);
  });
});

describe('work-done events', () => {
  it("stand while an agent's plan stays as it was: a reply kept as more chats arrive is not scheduled again", () => {
    // Under focus a reply is never interrupted but by a call, so with chats alone every work
    // unit (reply, wrap) is planned once and its event never cancelled.
    const scenario = scenarioOf({
      ...base,
      channels: { chat: { ...chatChannel, arrivals: { ratePerHour: 100 }, reply: { dist: 'exponential', mean: 25 } } },
      agents: [{ group: 'chat', count: 2, channels: ['chat'], profile: 'three' }],
      osh: { profiles: { three: { maxPerChannel: { chat: 3 } } } },
    });
    // A handle's slot is reused once its event is gone: the kind of each handle's latest event.
    const kindOf = new Map<number, number>();
    let scheduled = 0;
    let cancelled = 0;
    const schedule = vi.spyOn(EventCalendar.prototype, 'schedule').mockImplementation(function (this: EventCalendar, ...args) {
      const handle = originalSchedule.apply(this, args);
      kindOf.set(handle, args[1]);
      if (args[1] === EventKind.WorkDone) scheduled++;
      return handle;
    });
    const cancel = vi.spyOn(EventCalendar.prototype, 'cancel').mockImplementation(function (this: EventCalendar, handle) {
      const done = originalCancel.call(this, handle);
      if (done && kindOf.get(handle) === EventKind.WorkDone) cancelled++;
      return done;
    });
    try {
      const { result, log } = runKeeping(scenario);
      // Agents held two and three chats at once: new chats arrived while replies were written.
      expect(tableValue(result.levels, 'chat', 4, 'level3')).toBeGreaterThan(0.05);
      expect(log.contacts.filter((c) => c.outcome === 'handled').length).toBeGreaterThan(200);
      expect(scheduled).toBeGreaterThan(1000);
      expect(cancelled).toBe(0);
    } finally {
      schedule.mockRestore();
      cancel.mockRestore();
    }
  });
});

describe('elevation', () => {
  const elevating = (policy: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    scenarioOf({
      ...base,
      channels: { chat: chatChannel },
      outbound: { voice: { connect: { dist: 'fixed', value: 10 }, talk: { dist: 'fixed', value: 100 }, wrap: { dist: 'fixed', value: 5 } } },
      agents: [{ group: 'team', count: 6, channels: ['chat'], profile: 'p' }],
      osh: { profiles: { p: { maxPerChannel: { chat: 3, voice: 1, email: 1 } } }, elevation: { policies: [policy] }, ...extra },
    });
  const byOrigin = (contacts: ContactRecord[]) => new Map(contacts.filter((c) => c.direction === 'outbound').map((c) => [c.origin, c]));

  it('waitThenWrap: the chat stops after the deciding reply and wraps when the call ends', () => {
    const scenario = elevating({ from: 'chat', to: 'voice', probability: 1, after: { exchange: 2 } });
    const { result, log } = runKeeping(scenario);
    const calls = byOrigin(log.contacts);
    const chats = log.contacts.filter((c) => c.channel === 'chat' && c.outcome === 'handled');
    expect(chats.length).toBeGreaterThan(20);
    let immediate = 0;
    for (const chat of chats) {
      const call = calls.get(chat.contact)!;
      expect(call.channel).toBe('voice');
      expect(chat.replies).toBe(2);
      expect(chat.wrapStart).toBeCloseTo(call.end, 9);
      // Wrap is work: 10 s of it, longer in wall-clock time when other work goes first.
      expect(chat.wrapEnd - chat.wrapStart).toBeGreaterThanOrEqual(10 - 1e-9);
      if (call.arrival === chat.answered + 20 + 30 + 20) immediate++;
      expect(call.end - call.answered).toBeCloseTo(110, 9);
    }
    expect(immediate).toBeGreaterThan(0);
    expect(result.elevations['chat>voice']).toBe(calls.size);
    expect(log.sessions).toHaveLength(chats.length);
    expectSessionsConsistent(log.contacts, log.sessions);
    expectProfilesRespected(scenario, log.contacts);
    expectInvariants(result, ['chat']);
  });

  it('continue: the chat goes on with its exchanges; wrapNow: it wraps at once', () => {
    const cont = runKeeping(elevating({ from: 'chat', to: 'voice', probability: 1, after: { exchange: 2 }, origin: 'continue' })).log;
    for (const chat of cont.contacts.filter((c) => c.channel === 'chat' && c.outcome === 'handled')) expect(chat.replies).toBe(4);
    const now = runKeeping(elevating({ from: 'chat', to: 'voice', probability: 1, after: { exchange: 2 }, origin: 'wrapNow' })).log;
    const calls = byOrigin(now.contacts);
    for (const chat of now.contacts.filter((c) => c.channel === 'chat' && c.outcome === 'handled')) {
      expect(chat.replies).toBe(2);
      expect(chat.wrapStart).toBe(chat.end);
      expect(calls.get(chat.contact)!.arrival).toBe(chat.end);
    }
  });

  it('decides "after the k-th reply" on the last reply too', () => {
    const scenario = elevating({ from: 'chat', to: 'email', probability: 1, after: { exchange: 4 }, origin: 'continue' });
    const { log } = runKeeping(scenario);
    const chats = log.contacts.filter((c) => c.channel === 'chat' && c.outcome === 'handled');
    expect(byOrigin(log.contacts).size).toBe(chats.length);
    for (const chat of chats) expect(chat.replies).toBe(4);
  });

  it('defers a call while the phone is busy, or drops it, and counts both', () => {
    // Every chat asks for a call at its first reply; one agent has one phone.
    const one = (onBlocked: string) =>
      scenarioOf({
        ...base,
        channels: { chat: { ...chatChannel, arrivals: { ratePerHour: 40 } } },
        outbound: { voice: { connect: { dist: 'fixed', value: 10 }, talk: { dist: 'fixed', value: 300 }, wrap: { dist: 'fixed', value: 5 } } },
        agents: [{ group: 'one', count: 1, channels: ['chat'], profile: 'p' }],
        osh: {
          profiles: { p: { maxPerChannel: { chat: 3, voice: 1, email: 1 } } },
          elevation: { onBlocked, policies: [{ from: 'chat', to: 'voice', probability: 1, after: { exchange: 1 } }] },
        },
      });
    const deferred = runKeeping(one('defer'));
    expect(deferred.result.elevationsDeferred).toBeGreaterThan(0);
    expect(deferred.result.elevationsDropped).toBe(0);
    const calls = deferred.log.contacts.filter((c) => c.direction === 'outbound').sort((a, b) => a.arrival - b.arrival);
    for (let i = 1; i < calls.length; i++) expect(calls[i]!.arrival).toBeGreaterThanOrEqual(calls[i - 1]!.wrapEnd);
    expectProfilesRespected(one('defer'), deferred.log.contacts);
    expectSessionsConsistent(deferred.log.contacts, deferred.log.sessions);
    expectInvariants(deferred.result, ['chat']);
    const dropped = runKeeping(one('drop'));
    expect(dropped.result.elevationsDropped).toBeGreaterThan(0);
    expect(dropped.result.elevationsDeferred).toBe(0);
    expect(dropped.result.elevations['chat>voice']! + dropped.result.elevationsDropped).toBe(
      dropped.log.contacts.filter((c) => c.channel === 'chat' && c.outcome === 'handled' && c.replies >= 1).length,
    );
    expectSessionsConsistent(dropped.log.contacts, dropped.log.sessions);
    expectInvariants(dropped.result, ['chat']);
  });

  it('chains elevations in one session: chat > voice > email', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { chat: chatChannel },
      agents: [{ group: 'team', count: 6, channels: ['chat'], profile: 'p' }],
      osh: {
        profiles: { p: { maxPerChannel: { chat: 3, voice: 1, email: 2 } } },
        elevation: {
          policies: [
            { from: 'chat', to: 'voice', probability: 1, after: { exchange: 1 } },
            { from: 'voice', to: 'email', probability: 1, after: 'end', direction: 'outbound' },
          ],
        },
      },
    });
    const { result, log } = runKeeping(scenario);
    expect(log.sessions.length).toBeGreaterThan(10);
    for (const s of log.sessions) {
      expect(s.contacts).toBe(3);
      expect(s.channels).toBe('voice+chat+email');
    }
    expect(result.elevations['voice>email']).toBe(result.elevations['chat>voice']);
    expectSessionsConsistent(log.contacts, log.sessions);
    expectProfilesRespected(scenario, log.contacts);
    expectInvariants(result, ['chat']);
  });
});

describe('elevation chains', () => {
  it(`end at ${MAX_ELEVATION_DEPTH} elevations deep: a likely voice > email > voice … cycle is cut and counted as dropped`, () => {
    const scenario = scenarioOf({
      ...base,
      channels: {
        voice: { arrivals: { ratePerHour: 20 }, talk: { dist: 'fixed', value: 60 } },
        email: { arrivals: { ratePerHour: 1 }, work: { dist: 'fixed', value: 60 } },
      },
      agents: [{ group: 'team', count: 5, channels: ['voice', 'email'], profile: 'p' }],
      osh: {
        profiles: { p: { maxPerChannel: { voice: 1, email: 3 } } },
        elevation: {
          policies: [
            { from: 'voice', to: 'email', probability: 0.999, after: 'end', origin: 'continue' },
            { from: 'email', to: 'voice', probability: 0.999, after: 'end', origin: 'continue' },
          ],
        },
      },
    });
    const { result, log } = runKeeping(scenario);
    expect(log.sessions.length).toBeGreaterThan(20);
    expect(Math.max(...log.sessions.map((s) => s.elevations))).toBe(MAX_ELEVATION_DEPTH);
    expect(result.elevationsDropped).toBeGreaterThanOrEqual(log.sessions.filter((s) => s.elevations === MAX_ELEVATION_DEPTH).length);
    expectSessionsConsistent(log.contacts, log.sessions);
    expectInvariants(result, ['voice', 'email']);
  });
});

describe('chat customers', () => {
  it('leave mid-chat when a reply takes longer than their reply patience', () => {
    const scenario = scenarioOf({
      ...base,
      channels: { chat: { ...chatChannel, arrivals: { ratePerHour: 150 }, replyPatience: { dist: 'exponential', mean: 40 } } },
      agents: [{ group: 'team', count: 3, channels: ['chat'], profile: 'p' }],
      osh: { profiles: { p: { maxPerChannel: { chat: 3 } } }, attention: { discipline: 'sharing' } },
    });
    const { result, log } = runKeeping(scenario);
    const left = log.contacts.filter((c) => c.leftMidway);
    expect(left.length).toBeGreaterThan(5);
    for (const c of left) {
      expect(c.outcome).toBe('handled');
      expect(c.replies).toBeLessThan(4);
      expect(c.wrapStart).toBeGreaterThanOrEqual(c.end);
      expect(c.wrapEnd - c.wrapStart).toBeGreaterThanOrEqual(10 - 1e-9);
    }
    expect(tableValue(result.channels, 'chat', 4, 'chatsLeftMidway')).toBe(left.length);
    expectInvariants(result, ['chat']);
  });
});

describe('wrapHoldsSlot', () => {
  it('false: an agent takes the next call while still wrapping the last', () => {
    const scenarioWith = (wrapHoldsSlot: boolean) =>
      scenarioOf({
        ...base,
        channels: { voice: { arrivals: { ratePerHour: 60 }, talk: { dist: 'exponential', mean: 120 }, wrap: { dist: 'fixed', value: 60 } } },
        agents: [{ group: 'team', count: 2, channels: ['voice'], profile: 'p' }],
        osh: { profiles: { p: { maxPerChannel: { voice: 1 }, wrapHoldsSlot } } },
      });
    const overlapping = (wrapHoldsSlot: boolean) => {
      const scenario = scenarioWith(wrapHoldsSlot);
      const { log } = runKeeping(scenario);
      expectProfilesRespected(scenario, log.contacts);
      const handled = log.contacts.filter((c) => c.outcome === 'handled');
      return handled.filter((a) => handled.some((b) => b.agent === a.agent && b.answered > a.wrapStart && b.answered < a.wrapEnd)).length;
    };
    expect(overlapping(true)).toBe(0);
    expect(overlapping(false)).toBeGreaterThan(0);
  });
});
