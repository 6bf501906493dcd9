import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** A running protected MCP server (a resource server, RFC 9728) for the OAuth tests. */
export interface TestProtectedResource {
  /** The MCP URL (`http://127.0.0.1:<port>/mcp`), also the resource identifier. */
  url: string;
  /** The Authorization headers seen, in order (undefined for none). */
  seen: (string | undefined)[];
  close(): Promise<void>;
}

/**
 * Starts a stateless Streamable HTTP MCP server (the official SDK) behind a Bearer check:
 * JWTs from `issuer` (its JWKS) with `aud` = the MCP URL and scope `mcp:tools`; a call to the
 * `admin` tool also needs `mcp:admin` and gets 403 `insufficient_scope` without it. Its
 * Protected Resource Metadata is at the path-aware well-known URL only.
 */
export async function startProtectedResource(issuer: string): Promise<TestProtectedResource> {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  const seen: (string | undefined)[] = [];
  const server = createServer((req, res) => {
    handle(req).then(
      (answer) => {
        if (answer === undefined) return;
        res.writeHead(answer.status, answer.headers).end(answer.body);
      },
      () => res.writeHead(500).end(),
    );
    async function handle(
      request: IncomingMessage,
    ): Promise<{ status: number; headers: Record<string, string>; body: string } | undefined> {
      const metadataUrl = `${url}/.well-known/oauth-protected-resource/mcp`;
      if (request.url === '/.well-known/oauth-protected-resource/mcp') {
        return json(200, {
          resource: mcpUrl,
          authorization_servers: [issuer],
          scopes_supported: ['mcp:tools'],
        });
      }
      if (request.url !== '/mcp') return { status: 404, headers: {}, body: '' };
      const authorization = request.headers.authorization;
      seen.push(authorization);
      const challenge = (extra: string) =>
        `Bearer resource_metadata="${metadataUrl}", scope="mcp:tools"${extra}`;
      if (authorization?.startsWith('Bearer ') !== true) {
        return { status: 401, headers: { 'www-authenticate': challenge('') }, body: '' };
      }
      let scopes: string[];
      try {
        const { payload } = await jwtVerify(authorization.slice(7), jwks, {
          issuer,
          audience: mcpUrl,
        });
        scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      } catch {
        return {
          status: 401,
          headers: { 'www-authenticate': challenge(', error="invalid_token"') },
          body: '',
        };
      }
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const body: unknown = request.method === 'POST' && text !== '' ? JSON.parse(text) : undefined;
      const message = body as { method?: string; params?: { name?: string } } | undefined;
      if (
        message?.method === 'tools/call' &&
        message.params?.name === 'admin' &&
        !scopes.includes('mcp:admin')
      ) {
        return {
          status: 403,
          headers: {
            'www-authenticate': `Bearer error="insufficient_scope", scope="mcp:tools mcp:admin", resource_metadata="${metadataUrl}"`,
          },
          body: '',
        };
      }
      const mcp = new McpServer({ name: 'protected', version: '1.0.0' });
      mcp.registerTool('whoami', { description: 'Says hello' }, async () => ({
        content: [{ type: 'text', text: `scopes: ${scopes.join(' ')}` }],
      }));
      mcp.registerTool('admin', { description: 'Needs mcp:admin' }, async () => ({
        content: [{ type: 'text', text: 'admin done' }],
      }));
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        enableJsonResponse: true,
      });
      await mcp.connect(transport);
      res.on('close', () => {
        void transport.close();
        void mcp.close();
      });
      await transport.handleRequest(request, res, body);
      return undefined;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mcpUrl = `${url}/mcp`;
  return {
    url: mcpUrl,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(status: number, body: unknown) {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
