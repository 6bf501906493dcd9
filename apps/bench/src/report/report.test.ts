import { describe, expect, it } from 'vitest';
import { median } from './median.js';
import type { BenchResults } from './results.js';
import { serverRows } from './rows.js';
import { renderTable } from './table.js';

function results(ours: number[], sdk: number[], raw: number[]): BenchResults {
  const run = (callsPerSec: number) =>
    ({
      callsPerSec,
      p50Ms: 1,
      p99Ms: 2,
      serverCpuPct: 50,
      serverRssMB: 80,
      loadGenCpuPct: 40,
      otherCpuPct: 0,
      errors: {},
    }) as never;
  return {
    profile: 'full',
    reps: ours.length,
    nice: 0,
    startedAt: '2026-01-01T00:00:00.000Z',
    machine: { node: 'v20', platform: 'linux', cpus: 2, cpuModel: 'x', memGB: 1 },
    throughput: {
      '1x1': {},
      '1x32': { ours: ours.map(run), sdk: sdk.map(run), raw: raw.map(run) },
      '50x4': {},
    },
    ready: {},
    progress: {},
    idle: {},
    clients: { ours: [], sdk: [] },
    decode: [],
    failures: [],
  };
}

describe('report', () => {
  it('takes the median of finite values only', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([Number.NaN, 5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('pairs repetitions for the ratios and judges the targets on them', () => {
    // Medians alone give 300/100 = 3.0; paired runs give 2, 3 and 4: median 3.
    const rows = serverRows(results([200, 300, 400], [100, 100, 100], [250, 350, 450]));
    const calls = rows.find((row) => row.group === '1x32' && row.metric === 'calls/s')!;
    expect(calls.values).toEqual({ ours: 300, sdk: 100, raw: 350 });
    expect(calls.ratios?.sdk).toBe(3);
    expect(calls.ratios?.raw).toBeCloseTo(300 / 350);
    expect(calls.target?.met(calls.values, calls.ratios)).toBe(true);
    const table = renderTable(
      [calls],
      [
        { key: 'ours', title: 'mcp-sse' },
        { key: 'sdk', title: 'SDK' },
        { key: 'raw', title: 'raw' },
      ],
    );
    expect(table).toContain('| 1x32 | calls/s | 300 | 100 | 350 | 3.00x | 0.86x |');
    expect(table).toContain('| yes |');
  });

  it('says a target cannot be judged when a server is missing', () => {
    const rows = serverRows(results([200], [], [250]));
    const calls = rows.find((row) => row.group === '1x32' && row.metric === 'calls/s')!;
    expect(calls.target?.met(calls.values, calls.ratios)).toBeUndefined();
  });
});
