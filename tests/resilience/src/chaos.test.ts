import { afterAll, describe, expect, it } from 'vitest';
import { formatFigures, runChaos } from './chaos-run.js';
import { HTTP_SSE } from './test-server.js';

const CALLS = Number(process.env.CHAOS_CALLS ?? 800);
const MIN_CUTS = 20;
/** One run per seed; CHAOS_SEED picks a single one to replay. */
const SEEDS = process.env.CHAOS_SEED ? [Number(process.env.CHAOS_SEED)] : [20261121, 7, 4242];

describe('chaos: a proxy that cuts connections at random points', () => {
  const totals = { runs: 0, calls: 0, cuts: 0, lost: 0, duplicated: 0 };
  afterAll(() => {
    console.log(
      `chaos total: runs=${totals.runs} calls=${totals.calls} cuts=${totals.cuts} ` +
        `lost=${totals.lost} duplicated=${totals.duplicated}`,
    );
  });

  it.each(SEEDS)(
    `seed %i: ${CALLS}+ calls through at least ${MIN_CUTS} cuts, each with exactly one correct result`,
    async (seed) => {
      const f = await runChaos({ over: HTTP_SSE, seed, calls: CALLS, minCuts: MIN_CUTS });
      // Duplicated: the caller saw two outcomes, or the server ran the call twice.
      const duplicated = f.settledTwice + f.reruns;
      console.log(`chaos: ${formatFigures(f)} duplicated=${duplicated} seed=${seed}`);
      if (f.failures.length > 0) console.log(f.failures.slice(0, 10).join('\n'));
      totals.runs++;
      totals.calls += f.calls;
      totals.cuts += f.cuts;
      totals.lost += f.lost;
      totals.duplicated += duplicated;
      expect(f.cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expect(f.lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(f.finalState).toBe('ready');
    },
  );

  it('slow calls with progress among them: none lost, none settled twice, progress only forward', async () => {
    const seed = SEEDS[0] ?? 1;
    const f = await runChaos({
      over: HTTP_SSE,
      seed,
      calls: CALLS,
      minCuts: MIN_CUTS,
      slowEvery: 10,
    });
    // A slow call whose 202 was lost may be sent again after it finished: the server must
    // refuse the copy (it remembers answered ids), so no tool runs twice.
    console.log(
      `chaos (1 in 10 slow): ${formatFigures(f)} settledTwice=${f.settledTwice} ` +
        `serverReruns=${f.reruns} progressBackwards=${f.progressBackwards} seed=${seed}`,
    );
    if (f.failures.length > 0) console.log(f.failures.slice(0, 10).join('\n'));
    expect(f.cuts).toBeGreaterThanOrEqual(MIN_CUTS);
    expect(f.lost).toBe(0);
    expect(f.settledTwice).toBe(0);
    expect(f.reruns).toBe(0);
    expect(f.progressBackwards).toBe(0);
  });
});
