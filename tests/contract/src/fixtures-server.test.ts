import type { AddressInfo } from 'node:net';
import { type Fixture, fixtures, fixtureTransports, getFixture } from '@mcp-sse/protocol/fixtures';
import { buildApp } from '@mcp-sse/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayHttpAgainstServer } from './helpers/fixture-http-replay.js';
import { replayAgainstServer } from './helpers/fixture-server-replay.js';

type App = Awaited<ReturnType<typeof buildApp>>;

const serverFixtures = fixtures.filter((f) => f.replay.includes('server'));
const boundTo = (transport: 'sse' | 'streamable-http' | 'stateless') =>
  serverFixtures.filter((f) => fixtureTransports(f).includes(transport));
// A server told to answer in JSON only has no stream for progress: those exchanges are
// about streaming, and run against the default server.
const withoutNotifications = (f: Fixture) =>
  !(f.messages ?? []).some((m) => m.from === 'server' && !('id' in (m.message as object)));

// Each recorded exchange is played against the real server (example tools, real socket),
// over every transport it is bound to: it must answer as recorded, ids and volatile
// fields aside.
describe('fixtures replayed against @mcp-sse/server', () => {
  let app: App;
  let jsonApp: App;
  let base: string;
  let jsonBase: string;
  const origin = (started: App) =>
    `http://127.0.0.1:${(started.server.address() as AddressInfo).port}`;
  beforeAll(async () => {
    app = await buildApp({ logger: false, rateLimit: 0 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    jsonApp = await buildApp({ logger: false, rateLimit: 0, jsonResponse: true });
    await jsonApp.listen({ host: '127.0.0.1', port: 0 });
    base = origin(app);
    jsonBase = origin(jsonApp);
  });
  afterAll(async () => {
    await app?.close();
    await jsonApp?.close();
  });

  describe('HTTP+SSE', () => {
    for (const fixture of boundTo('sse')) {
      test(`${fixture.name}: ${fixture.description}`, async () => {
        expect(await replayAgainstServer(fixture, base)).toEqual([]);
      });
    }
  });

  describe('Streamable HTTP 2025-11-25 (session; SSE answers where the server streams)', () => {
    for (const fixture of boundTo('streamable-http')) {
      test(fixture.name, async () => {
        expect(
          await replayHttpAgainstServer(fixture, `${base}/mcp`, { transport: 'streamable-http' }),
        ).toEqual([]);
      });
    }
  });

  describe('Streamable HTTP 2025-11-25 (session; JSON answers only)', () => {
    for (const fixture of boundTo('streamable-http').filter(withoutNotifications)) {
      test(fixture.name, async () => {
        expect(
          await replayHttpAgainstServer(fixture, `${jsonBase}/mcp`, {
            transport: 'streamable-http',
            jsonOnly: true,
          }),
        ).toEqual([]);
      });
    }
  });

  describe('2026-07-28 stateless', () => {
    for (const fixture of boundTo('stateless')) {
      test(fixture.name, async () => {
        expect(
          await replayHttpAgainstServer(fixture, `${base}/mcp`, { transport: 'stateless' }),
        ).toEqual([]);
      });
    }
  });

  // The harness must be able to fail: a recording that says 6 where the server says 5.
  test('every binding notices a server that answers differently from the recording', async () => {
    const add = getFixture('tools-call-add');
    const altered: Fixture = JSON.parse(JSON.stringify(add).replaceAll('"text":"5"', '"text":"6"'));
    const differs = [expect.stringContaining('result.content.0.text: expected "6", got "5"')];
    expect(await replayAgainstServer(altered, base)).toEqual(differs);
    for (const transport of ['streamable-http', 'stateless'] as const) {
      expect(await replayHttpAgainstServer(altered, `${base}/mcp`, { transport })).toEqual(differs);
    }
    // And the two answer forms are told apart: the default server streams a call with a
    // progress token as SSE, which a JSON-only replay must refuse.
    expect(
      await replayHttpAgainstServer(getFixture('tools-call-sleep-progress'), `${base}/mcp`, {
        transport: 'streamable-http',
        jsonOnly: true,
      }),
    ).toEqual([
      expect.stringMatching(/expected an application\/json answer, got text\/event-stream/),
    ]);
  });
});
