import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency.js';

describe('LatencyRecorder', () => {
  it('gives nearest-rank percentiles and grows past its first buffer', () => {
    const latency = new LatencyRecorder();
    for (let i = 10_000; i >= 1; i -= 1) latency.record(i);
    expect(latency.count).toBe(10_000);
    expect(latency.percentile(50)).toBe(5_000);
    expect(latency.percentile(99)).toBe(9_900);
    expect(latency.percentile(100)).toBe(10_000);
  });

  it('is NaN when empty', () => {
    expect(new LatencyRecorder().percentile(50)).toBeNaN();
  });
});
