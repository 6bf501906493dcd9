import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../scenarios/curve.js';
import { instancesEstimate } from '../scenarios/redis-cost.js';
import { renderCurveSvg, renderCurveTable } from './curve.js';
import { anyTarget, ratioTarget } from './row.js';

const point = (kind: CurvePoint['kind'], sessions: number, callsPerSec: number): CurvePoint => ({
  kind,
  sessions,
  opened: sessions,
  callsPerSec,
  p99Ms: 2,
  serverCpuUsPerCall: 50,
  kbPerSession: 10,
  errors: 0,
});

describe('cost curve report', () => {
  const curve = [
    point('ours-json', 1, 9000),
    point('ours-json', 100, 8800),
    point('ours-json', 1000, 8600),
    point('sdk2-json', 1, 2000),
    point('sdk2-json', 100, 1900),
  ];

  it('prints one line per server and session count', () => {
    const table = renderCurveTable(curve);
    expect(table).toContain('| mcp-sse JSON | 1,000 | 1,000 | 8,600 | 2.00 | 50 | 10.0 | 0 |');
    expect(table.split('\n').filter((line) => line.startsWith('| SDK v2 JSON'))).toHaveLength(2);
  });

  it('draws one line per server with a point per measurement', () => {
    const svg = renderCurveSvg(curve, []);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    // Three panels of the curve, two servers each.
    expect(svg.match(/<polyline/g)).toHaveLength(6);
    expect(svg.match(/<circle/g)).toHaveLength(15);
    expect(svg).not.toContain('NaN');
  });
});

describe('targets', () => {
  it('meets an either-or target when one side is met', () => {
    const target = anyTarget(
      '',
      ratioTarget('ours', 'sdk', '>=', 3, ''),
      ratioTarget('ours', 'raw', '>=', 0.9, ''),
    );
    expect(target.met({ ours: 100, sdk: 50, raw: 105 })).toBe(true);
    expect(target.met({ ours: 100, sdk: 50, raw: 200 })).toBe(false);
    expect(target.met({ ours: 100 })).toBeUndefined();
  });

  it('estimates N instances from CPU per call, Redis capping the total', () => {
    expect(instancesEstimate(100, 10, 1)).toBe(10_000);
    expect(instancesEstimate(100, 10, 8)).toBe(80_000);
    expect(instancesEstimate(100, 25, 8)).toBe(40_000);
  });
});
