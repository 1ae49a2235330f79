// Five OSH semantics, each once a defect reproduced by hand: elevation only from groups with OSH
// on; work that ends at an instant finishes then; outbound contacts ranked as their channel;
// a deferral dropped only when its wait can never end; a customer leaving at a red timer.
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/model.js';
import type { ContactRecord } from '../../src/stats/records.js';
import { tableValue } from '../../src/stats/table.js';
import { runKeeping } from '../helpers/records.js';
import { scenarioOf } from '../helpers/scenarios.js';

/** A scenario whose channels replay the given trace texts (by file name), read from memory. */
function withTraces(value: Record<string, unknown>, traces: Record<string, string>): Scenario {
  return checkScenario(value, 'test-scenario', (path) => ({ text: traces[path]!, shownAs: path }));
}

const fixed = (value: number) => ({ dist: 'fixed', value });
const one = (log: ContactRecord[], test: (c: ContactRecord) => boolean): ContactRecord => {
  const found = log.filter(test);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('elevation is an OSH capability', () => {
  it('a group with OSH off never elevates, beside an OSH group that does', () => {
    const scenario = scenarioOf({
      name: 'desk',
      seed: 3,
      horizon: { intervalMinutes: 60, intervals: 4 },
      replications: 1,
      channels: { email: { arrivals: { ratePerHour: 40 }, work: fixed(200) }, voice: { arrivals: { ratePerHour: 0 }, talk: fixed(60) } },
      agents: [
        { group: 'desk', count: 2, channels: ['email'] },
        { group: 'blended', count: 2, channels: ['email', 'voice'], profile: 'osh' },
      ],
      osh: {
        profiles: { osh: { maxPerChannel: { voice: 1, email: 2 } } },
        elevation: { policies: [{ from: 'email', to: 'voice', probability: 1, after: 'end', origin: 'continue' }] },
      },
    });
    const { result, log } = runKeeping(scenario);
    const outbound = log.contacts.filter((c) => c.direction === 'outbound');
    expect(outbound.filter((c) => c.group === 'blended').length).toBeGreaterThan(10);
    expect(outbound.filter((c) => c.group === 'desk')).toEqual([]);
    // Every email the desk handled ended its session alone: no elevated contact points at it.
    const deskEmails = new Set(log.contacts.filter((c) => c.group === 'desk').map((c) => c.contact));
    expect(deskEmails.size).toBeGreaterThan(10);
    expect(outbound.filter((c) => deskEmails.has(c.origin))).toEqual([]);
    for (let k = 0; k < 4; k++) expect(tableValue(result.groups, 'desk', k, 'utilization')).toBeLessThanOrEqual(1);
  });
});

describe('focus', () => {
  it('work that ends at an instant finishes at that instant, before a chat message due then', () => {
    // One agent: a chat (2 exchanges, replies of 5 s, the customer thinking 15 s) and an email
    // (15 s of work) at t = 0. The reply goes first (0-5), the email is worked 5-20 and must end
    // at 20, though the customer's next message is also due at 20.
    const scenario = withTraces(
      {
        name: 'focus',
        seed: 1,
        horizon: { intervalMinutes: 60, intervals: 1 },
        replications: 1,
        channels: {
          chat: { arrivals: { trace: 'chat.csv' }, exchanges: fixed(2), reply: fixed(5), think: fixed(15) },
          email: { arrivals: { backlog: 1 }, work: fixed(15) },
        },
        agents: [{ group: 'one', count: 1, channels: ['chat', 'email'], profile: 'p' }],
        osh: { profiles: { p: { maxPerChannel: { chat: 1, email: 1 } } }, attention: { discipline: 'focus' } },
      },
      { 'chat.csv': 'time\n0\n' },
    );
    const { log } = runKeeping(scenario);
    const email = one(log.contacts, (c) => c.channel === 'email');
    expect(email.answered).toBe(0);
    expect(email.end).toBe(20);
    const chat = one(log.contacts, (c) => c.channel === 'chat');
    // The second reply is written 20-25, after the email.
    expect(chat.end).toBe(25);
  });
});

describe('priority of elevated contacts', () => {
  it('an elevated call ranks as voice whether or not the scenario has inbound voice', () => {
    // A chat-only team elevating chats to calls (wrap of 30 s): under focus, whether a chat
    // reply may pre-empt the call's wrap depends on the call's priority. Adding an inbound voice
    // channel that never rings must change nothing.
    const chatOnly = {
      name: 'priority',
      seed: 11,
      horizon: { intervalMinutes: 60, intervals: 3 },
      replications: 1,
      channels: {
        chat: { arrivals: { ratePerHour: 50 }, exchanges: fixed(4), reply: fixed(30), think: fixed(20), wrap: fixed(10) },
      },
      outbound: { voice: { connect: fixed(5), talk: fixed(120), wrap: fixed(30) } },
      agents: [{ group: 'team', count: 2, channels: ['chat'], profile: 'p' }],
      osh: {
        profiles: { p: { maxPerChannel: { chat: 3, voice: 1 } } },
        attention: { discipline: 'focus', multitaskOnVoice: 0.5 },
        elevation: { policies: [{ from: 'chat', to: 'voice', probability: 0.3, after: { exchange: 2 }, origin: 'continue' }] },
      },
    };
    const withVoice = {
      ...chatOnly,
      channels: { ...chatOnly.channels, voice: { arrivals: { ratePerHour: 0 }, talk: fixed(60) } },
      agents: [{ group: 'team', count: 2, channels: ['chat', 'voice'], profile: 'p' }],
    };
    const a = runKeeping(scenarioOf(chatOnly)).log.contacts;
    const b = runKeeping(scenarioOf(withVoice)).log.contacts;
    expect(a.filter((c) => c.direction === 'outbound').length).toBeGreaterThan(5);
    expect(b).toEqual(a);
  });
});

describe('deferral and the deadlock guard', () => {
  it('defers an elevation behind a waiting call whose own deferral will start, and starts it when the call ends', () => {
    // One agent at t = 0: an email (315 s of work), a call (60 s talk) and a chat (first reply
    // 77 s). The call ends at 60 and elevates to email: deferred, the email slot being busy, and
    // the call waits holding the phone. At 77 the chat elevates to voice: the phone's holder is
    // waiting, but on a deferral that starts when the email ends, so the wait ends too.
    const scenario = withTraces(
      {
        name: 'deferral',
        seed: 1,
        horizon: { intervalMinutes: 60, intervals: 1 },
        replications: 1,
        channels: {
          voice: { arrivals: { trace: 'voice.csv' }, talk: fixed(60) },
          chat: { arrivals: { trace: 'chat.csv' }, exchanges: fixed(2), reply: fixed(77), think: fixed(10) },
          email: { arrivals: { backlog: 1 }, work: fixed(315) },
        },
        outbound: { voice: { connect: fixed(15), talk: fixed(100) }, email: { work: fixed(60) } },
        agents: [{ group: 'one', count: 1, channels: ['voice', 'chat', 'email'], profile: 'p' }],
        osh: {
          profiles: { p: { maxPerChannel: { voice: 1, chat: 1, email: 1 } } },
          attention: { discipline: 'focus', multitaskOnVoice: 1 },
          elevation: {
            onBlocked: 'defer',
            policies: [
              { from: 'voice', to: 'email', probability: 1, after: 'end', origin: 'waitThenWrap', direction: 'inbound' },
              { from: 'chat', to: 'voice', probability: 1, after: { exchange: 1 }, origin: 'waitThenWrap' },
            ],
          },
        },
      },
      { 'voice.csv': 'time\n0\n', 'chat.csv': 'time\n0\n' },
    );
    const { result, log } = runKeeping(scenario);
    expect(result.elevationsDropped).toBe(0);
    expect(result.elevationsDeferred).toBe(2);
    const call = one(log.contacts, (c) => c.channel === 'voice' && c.direction === 'inbound');
    const chat = one(log.contacts, (c) => c.channel === 'chat');
    const elevatedCall = one(log.contacts, (c) => c.channel === 'voice' && c.direction === 'outbound');
    expect(elevatedCall.origin).toBe(chat.contact);
    // It starts the instant the waiting call's wrap ends and frees the phone.
    expect(elevatedCall.answered).toBe(call.wrapEnd);
    expect(elevatedCall.answered).toBeGreaterThan(315);
  });

  it('still drops a deferral that waits on itself: the phone held by a call waiting on an email slot held by the chat', () => {
    // A call waits on a deferred email; the email slot is held by an email that waits (after
    // its work) on a call of its own, which needs the phone: a cycle, dropped.
    const scenario = withTraces(
      {
        name: 'cycle',
        seed: 1,
        horizon: { intervalMinutes: 60, intervals: 1 },
        replications: 1,
        channels: {
          voice: { arrivals: { trace: 'voice.csv' }, talk: fixed(60) },
          email: { arrivals: { backlog: 1 }, work: fixed(100) },
        },
        outbound: { voice: { connect: fixed(15), talk: fixed(100) }, email: { work: fixed(60) } },
        agents: [{ group: 'one', count: 1, channels: ['voice', 'email'], profile: 'p' }],
        osh: {
          profiles: { p: { maxPerChannel: { voice: 1, email: 1 } } },
          attention: { discipline: 'focus', multitaskOnVoice: 1 },
          elevation: {
            onBlocked: 'defer',
            policies: [
              { from: 'voice', to: 'email', probability: 1, after: 'end', origin: 'waitThenWrap', direction: 'inbound' },
              { from: 'email', to: 'voice', probability: 1, after: 'end', origin: 'waitThenWrap', direction: 'inbound' },
            ],
          },
        },
      },
      { 'voice.csv': 'time\n0\n' },
    );
    const { result } = runKeeping(scenario);
    expect(result.elevationsDeferred).toBe(1);
    expect(result.elevationsDropped).toBe(1);
  });
});

describe('chat customers who leave at a red reply timer', () => {
  it('count as a response breach, and one who leaves before the threshold does not', () => {
    // Replies take 200 s, the threshold is 60 s. Customers' reply patience: 100 s (gone at a
    // red timer) on the first trace row, 30 s (gone while still green) on the second.
    const scenario = withTraces(
      {
        name: 'red',
        seed: 1,
        horizon: { intervalMinutes: 60, intervals: 1 },
        replications: 1,
        channels: {
          chat: {
            arrivals: { trace: 'chat.csv' },
            exchanges: fixed(3),
            reply: fixed(200),
            think: fixed(10),
            replyPatience: fixed(100),
            responseThresholdSec: 60,
          },
        },
        agents: [{ group: 'one', count: 2, channels: ['chat'] }],
      },
      { 'chat.csv': 'time\n0\n' },
    );
    const { result, log } = runKeeping(scenario);
    const chat = one(log.contacts, (c) => c.channel === 'chat');
    expect(chat.leftMidway).toBe(true);
    expect(chat.replies).toBe(0);
    expect(chat.responseBreaches).toBe(1);
    expect(tableValue(result.channels, 'chat', 0, 'responseBreaches')).toBe(1);
    expect(tableValue(result.channels, 'chat', 0, 'responseBreachRate')).toBe(1);

    const green = withTraces(
      { ...scenario_value_green() },
      { 'chat.csv': 'time\n0\n' },
    );
    const left = runKeeping(green);
    const greenChat = one(left.log.contacts, (c) => c.channel === 'chat');
    expect(greenChat.leftMidway).toBe(true);
    expect(greenChat.responseBreaches).toBe(0);
    expect(tableValue(left.result.channels, 'chat', 0, 'responseBreaches')).toBe(0);
  });
});


function scenario_value_green(): Record<string, unknown> {
  return {
    name: 'green',
    seed: 1,
    horizon: { intervalMinutes: 60, intervals: 1 },
    replications: 1,
    channels: {
      chat: { arrivals: { trace: 'chat.csv' }, exchanges: fixed(3), reply: fixed(200), think: fixed(10), replyPatience: fixed(30), responseThresholdSec: 60 },
    },
    agents: [{ group: 'one', count: 2, channels: ['chat'] }],
  };
}
