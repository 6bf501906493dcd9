import { compareFixtureData, fixtures, normalizeFixtureData } from '@mcp-sse/protocol/fixtures';
import { describe, expect, test } from 'vitest';
import { runOperation, unsupportedOperations } from './helpers/client-operation.js';
import { startFixturePlayer } from './helpers/fixture-player.js';

// Each recorded server stream is played to our client, which must turn it into the
// recorded result (or JSON-RPC error) and progress; what it POSTs must match too.
describe('fixtures replayed against @mcp-sse/client', () => {
  for (const fixture of fixtures.filter((f) => f.replay.includes('client'))) {
    const expectation = fixture.client;
    if (!expectation) continue;
    const unsupported = unsupportedOperations.has(expectation.operation.kind);
    test.skipIf(unsupported)(`${fixture.name}: ${fixture.description}`, async () => {
      const player = await startFixturePlayer(fixture);
      try {
        const outcome = await runOperation(player.url, expectation.operation);
        if (expectation.error) {
          expect(outcome.error, 'expected a JSON-RPC error').toBeDefined();
          expect(outcome.error?.code).toBe(expectation.error.code);
          expect(outcome.error?.clientCode).toBe('server_error');
          expect(outcome.error?.message).toContain(expectation.error.message);
        } else {
          const problems = compareFixtureData(
            normalizeFixtureData('message', expectation.result),
            normalizeFixtureData('message', outcome.result),
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

// The harness must be able to fail: a stream that says 6 where the recording says 5.
test('the client replay notices a server stream that differs from the recording', async () => {
  const fixture = fixtures.find((f) => f.name === 'tools-call-add');
  if (!fixture?.client) throw new Error('tools-call-add fixture missing');
  const altered = {
    ...fixture,
    steps: fixture.steps.map((step) =>
      step.type === 'event' && JSON.stringify(step.data).includes('"text":"5"')
        ? {
            ...step,
            data: JSON.parse(JSON.stringify(step.data).replace('"text":"5"', '"text":"6"')),
          }
        : step,
    ),
  };
  const player = await startFixturePlayer(altered);
  try {
    const outcome = await runOperation(player.url, fixture.client.operation);
    const problems = compareFixtureData(
      normalizeFixtureData('message', fixture.client.result),
      normalizeFixtureData('message', outcome.result),
    );
    expect(problems).toEqual(['content.0.text: expected "5", got "6"']);
  } finally {
    await player.close();
  }
});
