import { connect, type McpSseClient, type McpSseClientOptions } from '@mcp-sse/client';
import { httpWire, tracingFetch } from '../http-trace.js';
import type { DemoContext, Step } from './types.js';

/** One era of the MCP HTTP transports, and how to ask the client for it. */
interface Era {
  label: string;
  url: (ctx: DemoContext) => string;
  options: McpSseClientOptions;
}

const ERAS: readonly Era[] = [
  {
    // Unpinned: the client tries server/discover first, so a modern server answers with it.
    label: '2026-07-28 first (server/discover), as connect() negotiates',
    url: (ctx) => ctx.mcpUrl ?? ctx.url,
    options: {},
  },
  {
    label: 'pinned to Streamable HTTP 2025-11-25',
    url: (ctx) => ctx.mcpUrl ?? ctx.url,
    options: { transport: 'streamable-http', protocolVersion: '2025-11-25' },
  },
  {
    label: 'pinned to HTTP+SSE',
    url: (ctx) => ctx.url,
    options: { transport: 'sse' },
  },
];

function firstSentence(message: string): string {
  const cut = message.indexOf('. ');
  return cut === -1 ? message : message.slice(0, cut);
}

/** What the client ended up speaking, in words. */
function describeEra(client: McpSseClient): string {
  const version = client.protocolVersion ?? '?';
  if (client.transportKind === 'sse') {
    const endpoint = new URL(client.endpoint ?? '/', client.endpoint ?? 'http://localhost');
    return `HTTP+SSE ${version}: the endpoint event said to POST to ${endpoint.pathname}${endpoint.search}`;
  }
  if (version === '2026-07-28')
    return 'the stateless 2026-07-28 revision: no initialize, no session';
  return `Streamable HTTP ${version} with a session (Mcp-Session-Id)`;
}

async function tryEra(ctx: DemoContext, era: Era): Promise<string | undefined> {
  const url = era.url(ctx);
  ctx.narrator.detail(`${era.label}: ${url}`);
  let client: McpSseClient | undefined;
  try {
    client = await connect(url, {
      ...era.options,
      signal: ctx.signal,
      connectTimeout: 10_000,
      clientInfo: { name: 'mcp-sse-demo', version: '0.0.0' },
      fetch: tracingFetch((trace) => {
        // The HTTP+SSE GET stream stays open until close: its end is not news.
        if (trace.direction !== 'end') ctx.narrator.wire(httpWire(trace));
      }),
      // One attempt per era: a refused era is an answer here, not an outage.
      reconnect: false,
    });
    const got = describeEra(client);
    ctx.narrator.detail(`   got ${got}`, {
      era: era.label,
      protocolVersion: client.protocolVersion,
      transport: client.transportKind,
    });
    return `${client.protocolVersion} ${client.transportKind}`;
  } catch (error) {
    const reason = firstSentence(error instanceof Error ? error.message : String(error));
    ctx.narrator.detail(`   not offered: ${reason}`, { era: era.label, error: reason });
    return undefined;
  } finally {
    await client?.close();
  }
}

/**
 * Connects once per era of the MCP HTTP transports and says which one the server gave:
 * 2026-07-28 (`server/discover`), Streamable HTTP (`initialize` and `Mcp-Session-Id`),
 * HTTP+SSE (the `endpoint` event). The HTTP lines are the requests the client really made.
 */
export const negotiateStep: Step = {
  id: 'negotiate',
  title: 'Negotiation: one connection per era (2026-07-28, Streamable HTTP, HTTP+SSE)',
  timeoutMs: 45_000,
  async run(ctx) {
    const got: string[] = [];
    for (const era of ERAS) {
      const answer = await tryEra(ctx, era);
      if (answer) got.push(answer);
    }
    if (got.length === 0) return { status: 'fail', summary: 'no era answered' };
    return {
      status: 'ok',
      summary: `${got.length} of ${ERAS.length} answered: ${got.join('; ')}`,
      data: { got },
    };
  },
};
