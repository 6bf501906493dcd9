import { McpSseClient, type WireEvent } from '@mcp-sse/client';
import { answerElicitation } from '../elicitation-answer.js';
import type { DemoContext, Step } from './types.js';

/** What the connect step learned from the wire, for its sentences. */
interface Seen {
  status?: number | undefined;
  endpoint?: string;
  pushedTools?: number;
}

function watch(ctx: DemoContext, seen: Seen, wire: WireEvent): void {
  if (wire.kind === 'open' && wire.direction === 'in') seen.status = wire.status;
  if (wire.kind === 'event' && wire.name === 'endpoint' && typeof wire.data === 'string') {
    seen.endpoint = wire.data;
  }
  if (wire.kind === 'event' && wire.name === 'tools' && Array.isArray(wire.data)) {
    seen.pushedTools = wire.data.length;
  }
  if (ctx.showWire) ctx.narrator.wire(wire);
}

/**
 * Opens the SSE stream, reads the `endpoint` (and `tools`) event, sends `initialize` and
 * `notifications/initialized`: the whole handshake, traced on the wire. The client keeps
 * narrating the wire for every later step that asks for it.
 */
export const connectStep: Step = {
  id: 'connect',
  title: 'Connect: SSE stream, endpoint event, initialize',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const client = new McpSseClient(ctx.url, {
      signal: ctx.signal,
      connectTimeout: 20_000,
      clientInfo: { name: 'mcp-sse-demo', version: '0.0.0' },
      // Declares the elicitation capability; the elicit step's tool asks through it.
      handlers: { elicitation: (params) => answerElicitation(ctx.narrator, params) },
    });
    const seen: Seen = {};
    client.on('wire', (wire) => watch(ctx, seen, wire));
    ctx.client = client;
    await client.connect();
    ctx.narrator.detail(`SSE stream opened: GET ${ctx.url} → HTTP ${seen.status ?? '?'}`);
    ctx.narrator.detail(
      `endpoint event: this session POSTs to ${client.endpoint ?? seen.endpoint}`,
    );
    ctx.narrator.detail(
      seen.pushedTools === undefined
        ? 'no tools event (the server is not ours): the tools come from tools/list'
        : `tools event: the server pushed ${seen.pushedTools} tools before any request`,
    );
    const server = client.serverInfo;
    ctx.narrator.detail(
      `initialize: protocol ${client.protocolVersion} negotiated with ${server?.name} ${server?.version}`,
    );
    return {
      status: 'ok',
      summary: `ready, session ${client.endpoint}`,
      data: {
        httpStatus: seen.status,
        endpoint: client.endpoint,
        pushedTools: seen.pushedTools,
        protocolVersion: client.protocolVersion,
        serverInfo: server,
      },
    };
  },
};
