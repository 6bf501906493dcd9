import {
  compareFixtureData,
  type Fixture,
  fixtures,
  fixtureTransports,
  normalizeFixtureData,
  unwrapStatelessResult,
} from '@mcp-sse/protocol/fixtures';
import { describe, expect, test } from 'vitest';
import { runOperation, unsupportedOperations } from './helpers/client-operation.js';
import { type HttpPlayerMode, startHttpFixturePlayer } from './helpers/fixture-http-player.js';
import { type FixturePlayer, startFixturePlayer } from './helpers/fixture-player.js';

/** One way the recorded server side is played to our client, and how the client is pinned. */
interface Binding {
  name: string;
  transport: 'sse' | 'streamable-http' | 'stateless';
  start(fixture: Fixture): Promise<FixturePlayer>;
  client: Parameters<typeof runOperation>[2];
}

/**
 * What the client resolved with, compared with the recording: a 2026-07-28 result keeps
 * what the revision adds (`resultType`, `serverInfo` in `_meta`), which is taken off first.
 */
function resultOf(binding: Binding, result: unknown): unknown {
  if (binding.transport !== 'stateless') return result;
  return (unwrapStatelessResult({ result }).message as { result: unknown }).result;
}

const http = (mode: HttpPlayerMode) => (fixture: Fixture) => startHttpFixturePlayer(fixture, mode);

const BINDINGS: Binding[] = [
  { name: 'HTTP+SSE', transport: 'sse', start: startFixturePlayer, client: {} },
  {
    name: 'Streamable HTTP 2025-11-25, JSON answers',
    transport: 'streamable-http',
    start: http({ transport: 'streamable-http', answers: 'json' }),
    client: { transport: 'streamable-http', protocolVersion: '2025-11-25', reconnect: false },
  },
  {
    name: 'Streamable HTTP 2025-11-25, SSE answers',
    transport: 'streamable-http',
    start: http({ transport: 'streamable-http', answers: 'sse' }),
    client: { transport: 'streamable-http', protocolVersion: '2025-11-25', reconnect: false },
  },
  {
    name: '2026-07-28 stateless',
    transport: 'stateless',
    start: http({ transport: 'stateless', answers: 'json' }),
    client: { transport: 'streamable-http', protocolVersion: '2026-07-28', reconnect: false },
  },
];

// Each recorded server side is played to our client over every transport it is bound to:
// the client must turn it into the recorded result (or JSON-RPC error) and progress, and
// what it POSTs must match the recording too.
describe('fixtures replayed against @mcp-sse/client', () => {
  for (const binding of BINDINGS) {
    describe(binding.name, () => {
      for (const fixture of fixtures.filter(
        (f) => f.replay.includes('client') && fixtureTransports(f).includes(binding.transport),
      )) {
        const expectation = fixture.client;
        if (!expectation) continue;
        const unsupported = unsupportedOperations.has(expectation.operation.kind);
        test.skipIf(unsupported)(`${fixture.name}: ${fixture.description}`, async () => {
          const player = await binding.start(fixture);
          try {
            const outcome = await runOperation(player.url, expectation.operation, binding.client);
            if (expectation.error) {
              expect(outcome.error, 'expected a JSON-RPC error').toBeDefined();
              expect(outcome.error?.code).toBe(expectation.error.code);
              expect(outcome.error?.clientCode).toBe('server_error');
              expect(outcome.error?.message).toContain(expectation.error.message);
            } else {
              const problems = compareFixtureData(
                normalizeFixtureData('message', expectation.result),
                normalizeFixtureData('message', resultOf(binding, outcome.result)),
              );
              expect(problems).toEqual([]);
            }
            if (expectation.progress) expect(outcome.progress).toEqual(expectation.progress);
            expect(player.problems).toEqual([]);
          } finally {
            await player.close();
          }
        });
      }
    });
  }
});

// The harness must be able to fail: a stream that says 6 where the recording says 5.
test.each(BINDINGS.map((binding) => [binding.name, binding] as const))(
  'the client replay over %s notices a server side that differs from the recording',
  async (_name, binding) => {
    const fixture = fixtures.find((f) => f.name === 'tools-call-add');
    if (!fixture?.client) throw new Error('tools-call-add fixture missing');
    const altered: Fixture = JSON.parse(
      JSON.stringify(fixture).replaceAll('"text":"5"', '"text":"6"'),
    );
    const player = await binding.start(altered);
    try {
      const outcome = await runOperation(player.url, fixture.client.operation, binding.client);
      const problems = compareFixtureData(
        normalizeFixtureData('message', fixture.client.result),
        normalizeFixtureData('message', resultOf(binding, outcome.result)),
      );
      expect(problems).toEqual(['content.0.text: expected "5", got "6"']);
    } finally {
      await player.close();
    }
  },
);
