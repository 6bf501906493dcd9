import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';

/*
 * Elicitation and sampling with two instances on Redis: the handler waits on the instance
 * that holds the session, while the client's answer (a POST) may land on the other one and
 * travels through Redis to it.
 */
describe('server requests to the client across instances', () => {
  let cluster: Cluster;
  let client: Client | undefined;

  beforeAll(async () => {
    cluster = await startCluster(2, ['--examples', 'conformance']);
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  it.each(['HTTP+SSE', 'Streamable HTTP'])(
    '%s: answers elicitation and sampling whichever instance gets the answer',
    async (name) => {
      // How the SDK client connects, and where its answers are POSTed.
      const over =
        name === 'HTTP+SSE'
          ? {
              make: (): Transport => new SSEClientTransport(new URL(cluster.url)),
              posts: '/messages',
            }
          : {
              make: (): Transport =>
                new StreamableHTTPClientTransport(new URL(`${cluster.proxy.origin}/mcp`)),
              posts: '/mcp',
            };
      await client?.close();
      const before = cluster.proxy.routed.length;
      client = new Client(
        { name: 'client-requests-across-instances', version: '1.0.0' },
        { capabilities: { elicitation: {}, sampling: {} } },
      );
      let asked = 0;
      client.setRequestHandler(ElicitRequestSchema, async () => {
        asked++;
        return { action: 'accept', content: { response: `answer ${asked}` } };
      });
      client.setRequestHandler(CreateMessageRequestSchema, async () => ({
        role: 'assistant',
        content: { type: 'text', text: 'sampled' },
        model: 'test',
      }));
      await client.connect(over.make());
      const texts: string[] = [];
      for (let i = 0; i < 6; i++) {
        const result = await client.callTool({
          name: i % 2 === 0 ? 'test_elicitation' : 'test_sampling',
          arguments: i % 2 === 0 ? { message: `question ${i}` } : { prompt: 'hi' },
        });
        texts.push((result.content as Array<{ text: string }>)[0]!.text);
      }
      expect(texts.filter((t) => t.startsWith('User response: action=accept'))).toHaveLength(3);
      expect(texts.filter((t) => t === 'LLM response: sampled')).toHaveLength(3);
      // Calls and answers were POSTed through both instances.
      const posts = cluster.proxy.routed
        .slice(before)
        .filter((r) => r.method === 'POST' && r.path.startsWith(over.posts));
      expect(new Set(posts.map((r) => r.upstream)).size).toBe(2);
    },
  );
});
