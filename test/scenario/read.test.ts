// Loading scenarios: YAML and JSON alike, defaults filled, shorthands expanded, and the
// published JSON Schema accepting every shipped scenario.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readScenario, scenarioFromText } from '../../src/scenario/read.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { intervalLabel } from '../../src/scenario/model.js';
import { staffingFromShifts } from '../../src/scenario/horizon.js';

const minimal = {
  name: 'minimal',
  horizon: { intervalMinutes: 30, intervals: 4, start: '22:00' },
  channels: { voice: { arrivals: { ratePerHour: 60 }, talk: { dist: 'exponential', mean: 200 } } },
  agents: [{ group: 'team', count: 3, channels: ['voice'] }],
};

describe('scenario loading', () => {
  it('reads JSON and YAML to the same scenario, with defaults', () => {
    const fromJson = scenarioFromText(JSON.stringify(minimal), 'm.json');
    const fromYaml = scenarioFromText(
      'name: minimal\nhorizon: { intervalMinutes: 30, intervals: 4, start: "22:00" }\nchannels:\n  voice:\n    arrivals: { ratePerHour: 60 }\n    talk: { dist: exponential, mean: 200 }\nagents:\n  - { group: team, count: 3, channels: [voice] }\n',
      'm.yaml',
    );
    expect(fromYaml).toEqual(fromJson);
    expect(fromJson).toMatchObject({
      seed: 1,
      replications: 10,
      warmupSec: 0,
      horizon: { intervalSec: 1800, intervals: 4, startMinute: 1320, endSec: 7200 },
      routing: { agentSelection: 'longestIdle' },
      attention: { discipline: 'focus', efficiency: [1], multitaskOnVoice: 0 },
      elevation: { onBlocked: 'defer', policies: [] },
    });
    const voice = fromJson.skills[0]!;
    expect(voice.arrivalRates).toEqual([1 / 60, 1 / 60, 1 / 60, 1 / 60]);
    expect(voice.serviceLevel).toEqual({ thresholdSec: 20, target: null, formula: 'offered', shortAbandonSec: 0 });
    expect(voice.priority).toEqual({ initial: 100, accelerationPerMinute: 0, max: null });
    expect(fromJson.groups[0]).toMatchObject({ staffing: [3, 3, 3, 3], speed: 1, profile: { maxTotal: 1 } });
    expect([0, 1, 3, 4].map((k) => intervalLabel(fromJson, k))).toEqual(['22:00', '22:30', '23:30', 'd2 00:00']);
  });

  it('reads a priority cap, and refuses one below where a contact starts', () => {
    const withPriority = (priority: object) => JSON.stringify({ ...minimal, channels: { voice: { arrivals: { ratePerHour: 60 }, talk: { dist: 'fixed', value: 60 }, priority } } });
    expect(scenarioFromText(withPriority({ initial: 50, accelerationPerMinute: 5, max: 80 }), 'v.json').skills[0]!.priority).toEqual({ initial: 50, accelerationPerMinute: 5, max: 80 });
    expect(scenarioFromText(withPriority({ max: 100 }), 'v.json').skills[0]!.priority).toEqual({ initial: 100, accelerationPerMinute: 0, max: 100 });
    expect(() => scenarioFromText(withPriority({ initial: 50, max: 40 }), 'v.json')).toThrow(
      new InputError('v.json', [{ path: 'channels.voice.priority.max', message: 'is 40, below the initial priority 50: a waiting contact\'s priority only grows, so the cap must be at least 50' }]),
    );
    expect(() => scenarioFromText(withPriority({ max: 40 }), 'v.json')).toThrow(/channels\.voice\.priority\.max: is 40, below the initial priority 100 \(the channel's default\)/);
  });

  it('reads YAML merge keys: skills share a definition, their own fields winning', () => {
    const shared = `name: shared
horizon: { intervalMinutes: 60, intervals: 2 }
skills:
  voice-sales: &voice
    channel: voice
    arrivals: { ratePerHour: 20 }
    talk: { dist: lognormal, mean: 300, cv: 0.8 }
    serviceLevel: { thresholdSec: 20, target: 0.8 }
  voice-support:
    <<: *voice
    arrivals: { ratePerHour: 10 }
agents:
  - { group: a, count: 3, skills: [voice-sales, voice-support] }
`;
    const written = shared.replace('    <<: *voice\n', '    channel: voice\n    talk: { dist: lognormal, mean: 300, cv: 0.8 }\n    serviceLevel: { thresholdSec: 20, target: 0.8 }\n');
    expect(written).not.toContain('<<');
    const merged = scenarioFromText(shared, 's.yaml');
    expect(merged).toEqual(scenarioFromText(written, 's.yaml'));
    expect(merged.skills.map((s) => s.arrivalRates[0]! * 3600)).toEqual([20, 10]);
    // The shared definition may live in a top-level block of the writer's own, x-…, never read.
    const block = `name: shared
horizon: { intervalMinutes: 60, intervals: 2 }
x-voice: &voice
  channel: voice
  talk: { dist: lognormal, mean: 300, cv: 0.8 }
  serviceLevel: { thresholdSec: 20, target: 0.8 }
skills:
  voice-sales: { <<: *voice, arrivals: { ratePerHour: 20 } }
  voice-support: { <<: *voice, arrivals: { ratePerHour: 10 } }
agents:
  - { group: a, count: 3, skills: [voice-sales, voice-support] }
`;
    expect(scenarioFromText(block, 's.yaml')).toEqual(merged);
    expect(() => scenarioFromText(block.replace('x-voice', 'y-voice'), 's.yaml')).toThrow(/s\.yaml: y-voice: unknown field/);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(scenarioJsonSchema());
    expect(validate({ ...minimal, 'x-anything': { any: 1 } })).toBe(true);
    expect(validate({ ...minimal, 'y-anything': 1 })).toBe(false);
  });

  it('turns volumes per interval into rates per second', () => {
    const s = scenarioFromText(JSON.stringify({ ...minimal, channels: { voice: { arrivals: { volumes: [18, 36, 0, 9] }, talk: { dist: 'fixed', value: 60 } } } }), 'v.json');
    expect(s.skills[0]!.arrivalRates).toEqual([0.01, 0.02, 0, 0.005]);
  });

  it('turns shifts into staffing per interval, across midnight too', () => {
    expect(staffingFromShifts([{ start: '08:00', end: '10:00', count: 2 }, { start: '09:00', end: '09:30', count: 1 }], 6, 30, 7 * 60 + 30)).toEqual([0, 2, 2, 3, 2, 0]);
    expect(staffingFromShifts([{ start: '23:00', end: '01:00', count: 4 }], 4, 60, 22 * 60)).toEqual([0, 4, 4, 0]);
  });

  it('publishes a JSON Schema that accepts every shipped scenario', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(scenarioJsonSchema());
    for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
      const value = parse(readFileSync(join('scenarios', file), 'utf8'));
      expect(validate(value), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(() => readScenario(join('scenarios', file))).not.toThrow();
    }
    expect(validate({ ...minimal, extra: 1 })).toBe(false);
    expect(validate({ ...minimal, channels: { voice: { arrivals: {}, talk: { dist: 'lognorm', mean: 1 } } } })).toBe(false);
  });
});
