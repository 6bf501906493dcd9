import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, start } from '../../test/helpers.js';
import { postInitialize, SCRIPTED_CHILD, sdkClient, textOf } from './test-gateway.js';

/* Our transport features apply to a stdio server as to our own tools. */

const SPAWNS = { timeout: 60_000 };

describe('the gateway behind our transports', () => {
  it('needs our API key, and refuses foreign origins', SPAWNS, async () => {
    const { base } = await start({ stdio: { command: SCRIPTED_CHILD }, apiKeys: ['k1'] });
    const post = (headers: Record<string, string>) => postInitialize(base, headers);
    expect((await post({})).status).toBe(401);
    expect(
      (await post({ authorization: 'Bearer k1', origin: 'https://evil.example' })).status,
    ).toBe(403);
    const client = new Client({ name: 'keyed', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
        requestInit: { headers: { authorization: 'Bearer k1' } },
      }),
    );
    onCleanup(() => client.close());
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'k' } }))).toBe('k');
  });

  it(
    'resumes a call stream the server ends (SEP-1699 polling): the answer still arrives',
    SPAWNS,
    async () => {
      const { base } = await start({
        stdio: { command: SCRIPTED_CHILD },
        pollAfterMs: 50,
        retryMs: 20,
      });
      const client = await sdkClient(base, 'streamable');
      const result = await client.callTool({ name: 'sleep', arguments: { ms: 400 } });
      expect(textOf(result)).toBe('slept 400');
    },
  );
});
