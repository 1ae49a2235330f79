// A small center over a long horizon (a month or a quarter of half hours): a daily shape of
// calls, a trickle of email, a few agents. Light to simulate, so tests can afford the horizon.
export function longHorizonScenario(name: string, days: number, replications = 2): string {
  const volumes: number[] = [];
  for (let d = 0; d < days; d++) {
    const weekend = d % 7 >= 5 ? 0.5 : 1;
    // Day 12 gets a surge: the busiest day is known in advance.
    const surge = d === 11 ? 1.6 : 1;
    for (let k = 0; k < 48; k++) {
      const hour = k / 2;
      const shape = hour < 7 || hour >= 21 ? 1 : 4 + 4 * Math.sin(((hour - 7) / 14) * Math.PI);
      volumes.push(Math.round(shape * weekend * surge));
    }
  }
  return `name: ${name}
seed: 7
horizon: { intervalMinutes: 30, intervals: ${days * 48}, start: "00:00" }
replications: ${replications}
channels:
  voice:
    arrivals: { volumes: [${volumes.join(', ')}] }
    talk: { dist: exponential, mean: 240 }
    patience: { dist: exponential, mean: 180 }
    serviceLevel: { thresholdSec: 20, target: 0.8 }
  email:
    arrivals: { ratePerHour: 2 }
    work: { dist: exponential, mean: 300 }
    serviceLevel: { thresholdSec: 14400, target: 0.9 }
agents:
  - { group: team, count: 3, channels: [voice, email] }
`;
}
