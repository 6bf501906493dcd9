/**
 * Latency samples in milliseconds, kept whole so percentiles are exact. A 5 s window at
 * tens of thousands of calls per second is a few hundred thousand doubles: small.
 */
export class LatencyRecorder {
  private samples = new Float64Array(4096);
  private size = 0;

  /** Adds one sample. */
  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = ms;
  }

  /** How many samples were recorded. */
  get count(): number {
    return this.size;
  }

  /** The `p`-th percentile (0..100) by the nearest-rank method; NaN when empty. */
  percentile(p: number): number {
    if (this.size === 0) return Number.NaN;
    const sorted = this.samples.slice(0, this.size).sort();
    const rank = Math.min(this.size - 1, Math.max(0, Math.ceil((p / 100) * this.size) - 1));
    return sorted[rank]!;
  }
}
