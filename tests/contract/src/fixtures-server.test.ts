import type { AddressInfo } from 'node:net';
import { fixtures } from '@mcp-sse/protocol/fixtures';
import { buildApp } from '@mcp-sse/server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayAgainstServer } from './helpers/fixture-server-replay.js';

type App = Awaited<ReturnType<typeof buildApp>>;

// Each recorded exchange is played against the real server (example tools, real socket):
// it must answer every request as recorded, ids and volatile fields aside.
describe('fixtures replayed against @mcp-sse/server', () => {
  let app: App;
  let baseUrl: string;
  beforeAll(async () => {
    app = await buildApp({ logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
  });

  for (const fixture of fixtures.filter((f) => f.replay.includes('server'))) {
    test(`${fixture.name}: ${fixture.description}`, async () => {
      expect(await replayAgainstServer(fixture, baseUrl)).toEqual([]);
    });
  }
});
