// The workbench's charts: the report's specs with tooltips, and points to hover that nobody
// sees. A line or area without its own points gets an overlay of opacity 0; a line whose spec
// draws points keeps them visible.
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { withTooltipsEverywhere } from '../../web/chart-spec.js';

type VegaMark = { type: string; name?: string; encode?: { update?: Record<string, unknown> }; marks?: VegaMark[] };

function symbolMarks(marks: readonly VegaMark[]): VegaMark[] {
  return marks.flatMap((m) => [...(m.type === 'symbol' ? [m] : []), ...symbolMarks(m.marks ?? [])]);
}

const values = [{ x: 1, y: 0.5, low: 0.4, high: 0.6 }, { x: 2, y: 0.7, low: 0.6, high: 0.8 }];
const x = { field: 'x', type: 'quantitative' } as const;

describe('the workbench chart spec', () => {
  it('hovers lines and bands with invisible points, and keeps points a spec draws', () => {
    const spec: TopLevelSpec = {
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } } },
        { mark: { type: 'line' }, encoding: { x, y: { field: 'y', type: 'quantitative' } } },
        { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'high', type: 'quantitative' } } },
      ],
    };
    const symbols = symbolMarks((compile(withTooltipsEverywhere(spec)).spec.marks ?? []) as VegaMark[]);
    // One overlay each for the band and the plain line, one drawn by the spec.
    expect(symbols).toHaveLength(3);
    const opacity = (m: VegaMark) => (m.encode?.update?.['opacity'] as { value?: number } | undefined)?.value;
    expect(symbols.map(opacity).sort()).toEqual([0, 0, 1]);
    // Every mark has its tooltip.
    expect(symbols.every((m) => m.encode?.update?.['tooltip'] !== undefined)).toBe(true);
  });
});
