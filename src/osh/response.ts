// Chat response timers (the contact navigator's timer): it starts when the agent accepts the
// chat (first message) and at each later customer message, and stops when the reply is sent.
// Past the administrator's threshold it turns red: the reply is a response breach.

/** Response time of a reply, s. */
export function responseTime(timerStartedAt: number, replySentAt: number): number {
  return replySentAt - timerStartedAt;
}

/** Whether the timer went red before the reply was sent (strictly past the threshold). */
export function isResponseBreach(responseTimeSec: number, thresholdSec: number): boolean {
  return responseTimeSec > thresholdSec;
}
