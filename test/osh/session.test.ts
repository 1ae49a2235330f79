import { describe, expect, it } from 'vitest';
import { isResponseBreach, responseTime } from '../../src/osh/response.js';
import { isSessionComplete } from '../../src/osh/session.js';

describe('sessions', () => {
  it('are complete only when every contact has wrapped and no elevation is pending', () => {
    expect(isSessionComplete({ contacts: 2, wrapped: 2, pendingElevations: 0 })).toBe(true);
    expect(isSessionComplete({ contacts: 2, wrapped: 1, pendingElevations: 0 })).toBe(false);
    expect(isSessionComplete({ contacts: 2, wrapped: 2, pendingElevations: 1 })).toBe(false);
  });
});

describe('chat response timer', () => {
  it('runs from the customer message to the reply and turns red past the threshold', () => {
    expect(responseTime(100, 145)).toBe(45);
    expect(isResponseBreach(60, 60)).toBe(false);
    expect(isResponseBreach(60.001, 60)).toBe(true);
  });
});
