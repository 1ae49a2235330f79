// sweep.html's charts read as a planner reads them: short legend labels (`chat = 3`), integer
// ticks for an integer parameter, service-level bands inside [0, 1], a readable axis for a flat
// figure and whiskers inside the plot.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cli } from '../helpers/cli.js';

const out = join(mkdtempSync(join(tmpdir(), 'osh-sweep-charts-')), 'sweep');

interface Spec {
  data: { values: { x: number; series: string; mean: number; low: number; high: number }[] };
  layer: { encoding: { x: { scale?: { domain?: number[] }; axis?: { format?: string; tickMinStep?: number } }; y: { scale?: { domain?: number[] } } } }[];
}

function spec(name: string): Spec {
  return JSON.parse(readFileSync(join(out, 'charts', `${name}.vl.json`), 'utf8')) as Spec;
}

describe('sweep charts', () => {
  beforeAll(() => {
    const result = cli([
      'sweep', join(ROOT, 'scenarios/default.yaml'),
      '--vary', 'agents.email-desk.count=2..4', '--vary', 'osh.profiles.osh-default.maxPerChannel.chat=1,3',
      '--metric', 'voice.serviceLevel', '--metric', 'chat.serviceLevel', '--metric', 'voice.asa',
      '--replications', '2', '--quiet', '--out', out,
    ]);
    expect(result.status, result.stderr).toBe(0);
  }, 300_000);

  it('labels the series shortly: `chat = 3`, the full path as the legend title', () => {
    const s = spec('voice-serviceLevel');
    expect(new Set(s.data.values.map((v) => v.series))).toEqual(new Set(['chat = 1', 'chat = 3']));
    const svg = readFileSync(join(out, 'charts', 'voice-serviceLevel.svg'), 'utf8');
    expect(svg).toContain('chat = 3');
    expect(svg).toContain('osh.profiles.osh-default.maxPerChannel.chat');
  });

  it('ticks an integer parameter at integers only', () => {
    for (const name of ['voice-serviceLevel', 'voice-asa']) {
      const x = spec(name).layer[1]!.encoding.x;
      expect(x.axis?.format).toBe('d');
      expect(x.axis?.tickMinStep).toBe(1);
    }
    const svg = readFileSync(join(out, 'charts', 'voice-asa.svg'), 'utf8');
    expect(svg).not.toMatch(/>\d\.\d<\/text>/);
  });

  it('keeps service-level bands inside [0, 1]', () => {
    for (const name of ['voice-serviceLevel', 'chat-serviceLevel']) {
      for (const v of spec(name).data.values) {
        expect(v.low).toBeGreaterThanOrEqual(0);
        expect(v.high).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives a flat figure a readable axis, not one tick of 1.000000', () => {
    const s = spec('chat-serviceLevel');
    const [low, high] = s.layer[1]!.encoding.y.scale!.domain!;
    expect(high! - low!).toBeGreaterThan(0.01);
    expect(readFileSync(join(out, 'charts', 'chat-serviceLevel.svg'), 'utf8')).not.toContain('1.000000');
  });

  it('draws every whisker and end point inside the plot', () => {
    for (const file of readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.vl.json'))) {
      const s = spec(file.replace('.vl.json', ''));
      const [yLow, yHigh] = s.layer[1]!.encoding.y.scale!.domain!;
      const [xLow, xHigh] = s.layer[1]!.encoding.x.scale!.domain!;
      for (const v of s.data.values) {
        expect(v.low, file).toBeGreaterThanOrEqual(yLow!);
        expect(v.high, file).toBeLessThanOrEqual(yHigh!);
        expect(v.x, file).toBeGreaterThan(xLow!);
        expect(v.x, file).toBeLessThan(xHigh!);
      }
    }
  });
});
