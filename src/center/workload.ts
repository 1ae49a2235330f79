// The work a channel's contact brings, in agent-seconds when one agent serves one contact at
// a time: talk or work plus wrap, and for chat every reply and think time in between (the chat
// holds its agent throughout). The figure Erlang C takes as the average handle time, for the
// contacts arriving in a given interval (a forecast may set their handling mean).
import { makeCountDistribution, makeDistribution } from '../kernel/distributions.js';
import type { SkillModel } from '../scenario/model.js';

export function singleContactHandleTime(channel: SkillModel, interval: number): number {
  const mean = (spec: SkillModel['wrap']) => (spec === null ? 0 : makeDistribution(spec).mean);
  const forecast = channel.handlingMeanByInterval?.[interval] ?? Number.NaN;
  const handling = (Number.isNaN(forecast) ? makeDistribution(channel.handling).mean : forecast) * channel.handlingScale;
  const wrap = mean(channel.wrap);
  if (channel.exchanges === null) return handling + wrap;
  const exchanges = makeCountDistribution(channel.exchanges).mean;
  return exchanges * handling + (exchanges - 1) * mean(channel.think) + wrap;
}
