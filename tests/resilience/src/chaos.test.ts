import { HTTP_SSE, STREAMABLE_HTTP, type TransportCase } from '@mcp-sse/test-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFigures, runChaos } from './chaos-run.js';

const MIN_CUTS = 20;

/** `pnpm soak` runs every seed at full size; CI runs the first seed of each plan, smaller. */
const SOAK = process.env.CHAOS_SOAK === '1';

/** What one transport runs. */
interface ChaosPlan {
  over: TransportCase;
  /** Calls per run at least, in CI and under `pnpm soak` (CHAOS_CALLS overrides both). */
  calls: { ci: number; soak: number };
  /** One run per seed (CI: the first; CHAOS_SEED replays a single one). */
  seeds: number[];
}

const PLANS = (
  [
    { over: HTTP_SSE, calls: { ci: 800, soak: 5000 }, seeds: [20261121, 7, 4242] },
    // Plain calls, not marked idempotent: a call whose POST or answer broke with nothing to
    // resume is sent again with the same id on the session, and the server re-attaches it.
    { over: STREAMABLE_HTTP, calls: { ci: 500, soak: 5000 }, seeds: [20261121, 7, 4242] },
  ] satisfies ChaosPlan[]
).map((plan) => ({
  over: plan.over,
  calls: Number(process.env.CHAOS_CALLS ?? (SOAK ? plan.calls.soak : plan.calls.ci)),
  seeds: process.env.CHAOS_SEED
    ? [Number(process.env.CHAOS_SEED)]
    : SOAK
      ? plan.seeds
      : plan.seeds.slice(0, 1),
}));

describe.each(PLANS)(
  'chaos over $over.name: a proxy that cuts connections at random points',
  (plan) => {
    const { over, calls, seeds } = plan;
    const totals = { runs: 0, calls: 0, cuts: 0, lost: 0, duplicated: 0 };
    afterAll(() => {
      console.log(
        `chaos total (${over.name}): runs=${totals.runs} calls=${totals.calls} cuts=${totals.cuts} ` +
          `lost=${totals.lost} duplicated=${totals.duplicated}`,
      );
    });

    it.each(seeds)(
      `seed %i: ${calls}+ plain calls through at least ${MIN_CUTS} cuts, each with exactly one correct result`,
      async (seed) => {
        const f = await runChaos({ over, seed, calls, minCuts: MIN_CUTS });
        // Duplicated: the caller saw two outcomes, or the server ran a call twice.
        const duplicated = f.settledTwice + f.reruns;
        console.log(
          `chaos (${over.name}): ${formatFigures(f)} duplicated=${duplicated} seed=${seed}`,
        );
        if (f.failures.length > 0) console.log(f.failures.slice(0, 10).join('\n'));
        totals.runs++;
        totals.calls += f.calls;
        totals.cuts += f.cuts;
        totals.lost += f.lost;
        totals.duplicated += duplicated;
        expect(f.cuts).toBeGreaterThanOrEqual(MIN_CUTS);
        expect(f.postCuts).toBeGreaterThan(0);
        expect(f.sseCuts).toBeGreaterThan(0);
        expect(f.lost).toBe(0);
        expect(duplicated).toBe(0);
        expect(f.finalState).toBe('ready');
      },
    );

    it('slow calls with progress among them: none lost, none run twice, progress only forward', async () => {
      const seed = seeds[0] ?? 1;
      const f = await runChaos({ over, seed, calls, minCuts: MIN_CUTS, slowEvery: 10 });
      console.log(
        `chaos (${over.name}, 1 in 10 slow): ${formatFigures(f)} settledTwice=${f.settledTwice} ` +
          `serverReruns=${f.reruns} progressBackwards=${f.progressBackwards} seed=${seed}`,
      );
      if (f.failures.length > 0) console.log(f.failures.slice(0, 10).join('\n'));
      expect(f.cuts).toBeGreaterThanOrEqual(MIN_CUTS);
      expect(f.lost).toBe(0);
      expect(f.settledTwice).toBe(0);
      expect(f.reruns).toBe(0);
      expect(f.progressBackwards).toBe(0);
    });
  },
);
