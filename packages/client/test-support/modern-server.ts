import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A scripted 2026-07-28 (stateless) Streamable HTTP server. */
export interface ModernServer {
  url: string;
  /** Every POST: its headers and parsed body. */
  posts: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[];
  /** `subscriptions/listen` streams the client closed. */
  readonly listensClosed: number;
  close(): Promise<void>;
}

const TOOLS = [
  {
    name: 'weather',
    description: 'Weather in a region',
    inputSchema: {
      type: 'object',
      properties: {
        region: { type: 'string', 'x-mcp-header': 'Region' },
        days: { type: 'integer' },
      },
      required: ['region'],
    },
  },
  {
    name: 'broken',
    description: 'x-mcp-header on a number: invalid, the client must drop it',
    inputSchema: {
      type: 'object',
      properties: { amount: { type: 'number', 'x-mcp-header': 'Amount' } },
    },
  },
  { name: 'flaky', description: 'Its first stream breaks', inputSchema: { type: 'object' } },
  {
    name: 'confirm',
    description: 'Asks the user first (input_required)',
    inputSchema: { type: 'object' },
  },
];

function decode(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^=\?base64\?(.*)\?=$/.exec(value);
  return match ? Buffer.from(match[1] ?? '', 'base64').toString('utf8') : value;
}

/**
 * Starts a stateless MCP server at `/mcp` on 127.0.0.1:0 that checks what a 2026-07-28
 * client must send (`_meta`, `MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`,
 * `Mcp-Param-*`), answering -32020 in a 400 when something is missing or does not match.
 */
export async function startModernServer(): Promise<ModernServer> {
  const posts: ModernServer['posts'] = [];
  let flakyCalls = 0;
  let listensClosed = 0;
  let reads = 0;
  const http: Server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        id: number | string;
        method: string;
        params?: Record<string, unknown>;
      };
      posts.push({ headers: req.headers, body });
      const reply = (status: number, payload: Record<string, unknown>) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ jsonrpc: '2.0', id: body.id, ...payload }));
      const mismatch = (message: string) => reply(400, { error: { code: -32020, message } });
      const meta = (body.params?._meta ?? {}) as Record<string, unknown>;
      const version = meta['io.modelcontextprotocol/protocolVersion'];
      if (version !== '2026-07-28') {
        reply(400, {
          error: {
            code: -32022,
            message: 'Unsupported protocol version',
            data: { supported: ['2026-07-28'], requested: version ?? null },
          },
        });
        return;
      }
      if (req.headers['mcp-protocol-version'] !== version) return mismatch('MCP-Protocol-Version');
      if (req.headers['mcp-method'] !== body.method) return mismatch('Mcp-Method');
      if (!meta['io.modelcontextprotocol/clientCapabilities'])
        return mismatch('clientCapabilities');
      const params = body.params ?? {};
      switch (body.method) {
        case 'server/discover':
          return reply(200, {
            result: {
              resultType: 'complete',
              supportedVersions: ['2026-07-28'],
              capabilities: { tools: {} },
              instructions: 'Ask about the weather.',
              _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'modern', version: '9.9.9' } },
            },
          });
        case 'subscriptions/listen': {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const sub = { 'io.modelcontextprotocol/subscriptionId': body.id };
          const send = (message: Record<string, unknown>) =>
            res.write(
              `event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', ...message })}\n\n`,
            );
          const agreed = { toolsListChanged: true };
          send({
            method: 'notifications/subscriptions/acknowledged',
            params: { _meta: sub, notifications: agreed },
          });
          const timer = setTimeout(
            () => send({ method: 'notifications/tools/list_changed', params: { _meta: sub } }),
            30,
          );
          res.on('close', () => {
            clearTimeout(timer);
            listensClosed++;
          });
          return;
        }
        case 'resources/read': {
          // memo://public/* and memo://private/* are fresh for a minute, in that scope;
          // anything else is immediately stale. The text counts the reads served.
          const uri = String(params.uri);
          const scope = uri.startsWith('memo://public/') ? 'public' : 'private';
          const ttlMs = uri.startsWith('memo://') ? 60_000 : 0;
          reads++;
          return reply(200, {
            result: {
              resultType: 'complete',
              contents: [{ uri, text: `read ${reads}` }],
              ttlMs,
              cacheScope: scope,
            },
          });
        }
        case 'tools/list':
          return reply(200, {
            result: { resultType: 'complete', tools: TOOLS, ttlMs: 0, cacheScope: 'public' },
          });
        case 'tools/call': {
          if (decode(req.headers['mcp-name'] as string | undefined) !== params.name) {
            return mismatch('Mcp-Name');
          }
          const args = (params.arguments ?? {}) as Record<string, unknown>;
          if (params.name === 'weather') {
            const header = decode(req.headers['mcp-param-region'] as string | undefined);
            if (header !== args.region) return mismatch('Mcp-Param-Region');
            return reply(200, {
              result: { content: [{ type: 'text', text: `sunny in ${String(args.region)}` }] },
            });
          }
          if (params.name === 'vanish') {
            // The connection drops before any answer: the call may or may not have run.
            res.destroy();
            return;
          }
          if (params.name === 'flaky') {
            flakyCalls++;
            if (flakyCalls % 2 === 1) {
              // The response stream breaks before its answer: the request is lost.
              res.writeHead(200, { 'content-type': 'text/event-stream' });
              res.write(': working\n\n');
              setTimeout(() => res.destroy(), 20);
              return;
            }
            return reply(200, {
              result: { content: [{ type: 'text', text: `flaky ${flakyCalls}` }] },
            });
          }
          if (params.name === 'confirm') {
            const responses = params.inputResponses as
              | Record<string, { action?: string }>
              | undefined;
            if (!responses) {
              return reply(200, {
                result: {
                  resultType: 'input_required',
                  inputRequests: {
                    sure: {
                      method: 'elicitation/create',
                      params: {
                        mode: 'form',
                        message: 'Sure?',
                        requestedSchema: {
                          type: 'object',
                          properties: { ok: { type: 'boolean', default: true } },
                        },
                      },
                    },
                  },
                  requestState: 'state-1',
                },
              });
            }
            const state = params.requestState;
            return reply(200, {
              result: {
                resultType: 'complete',
                content: [
                  {
                    type: 'text',
                    text: `${responses.sure?.action} ${String(state)} ${JSON.stringify(responses.sure)}`,
                  },
                ],
              },
            });
          }
          return reply(200, {
            error: { code: -32602, message: `Unknown tool ${String(params.name)}` },
          });
        }
        default:
          return reply(404, {
            error: { code: -32601, message: `Method not found: ${body.method}` },
          });
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    posts,
    get listensClosed() {
      return listensClosed;
    },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
