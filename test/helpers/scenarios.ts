// Scenarios for tests, built from a small base and overrides, through the real pipeline
// (shape, rules, normalisation), so a test never hand-builds a normalised scenario.
import { checkScenario } from '../../src/scenario/read.js';
import type { Scenario } from '../../src/scenario/model.js';

type Plain = { [key: string]: unknown };

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge where `undefined` in the override deletes the key. */
export function merge(base: Plain, override: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) delete out[key];
    else if (isPlain(value) && isPlain(out[key])) out[key] = merge(out[key] as Plain, value);
    else out[key] = value;
  }
  return out;
}

/** An M/M/c (+M with patience) voice-only scenario: exponential talk, no wrap. */
export function mmc(options: {
  agents: number;
  load: number;
  aht?: number;
  patience?: number;
  hours: number;
  warmupHours?: number;
  replications?: number;
  seed?: number;
  thresholdSec?: number;
}): Plain {
  const aht = options.aht ?? 300;
  // Long stationary runs use day-long intervals: fewer cells, same figures.
  const intervalMinutes = options.hours > 240 ? 1440 : 60;
  const ratePerHour = (options.load * options.agents * 3600) / aht;
  return {
    name: `mmc-${options.agents}`,
    seed: options.seed ?? 1,
    horizon: { intervalMinutes, intervals: Math.ceil((options.hours * 60) / intervalMinutes) },
    warmupMinutes: (options.warmupHours ?? 0) * 60,
    replications: options.replications ?? 1,
    channels: {
      voice: {
        arrivals: { ratePerHour },
        talk: { dist: 'exponential', mean: aht },
        ...(options.patience === undefined ? {} : { patience: { dist: 'exponential', mean: options.patience } }),
        serviceLevel: { thresholdSec: options.thresholdSec ?? 20 },
      },
    },
    agents: [{ group: 'team', count: options.agents, channels: ['voice'] }],
  };
}

export function scenarioOf(value: Plain): Scenario {
  return checkScenario(value, 'test-scenario');
}
