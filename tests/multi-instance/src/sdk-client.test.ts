import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';

describe('the official TypeScript SDK client across instances', () => {
  let cluster: Cluster;
  let client: Client | undefined;

  beforeAll(async () => {
    cluster = await startCluster(2);
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it('lists and calls tools with its POSTs spread over both instances', async () => {
    client = new Client({ name: 'sdk-across-instances', version: '1.0.0' });
    await client.connect(new SSEClientTransport(new URL(cluster.url)));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('echo');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client!.callTool({ name: 'add', arguments: { a: i, b: 2 } }),
      ),
    );
    expect(results.map((r) => (r.content as Array<{ text?: string }>)[0]?.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => String(i + 2)),
    );
    expect(cluster.proxy.servedBy('POST', '/messages').size).toBe(2);
  });
});
