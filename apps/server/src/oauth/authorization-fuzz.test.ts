import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startAuthorizationServer } from '../../test/authorization-server.js';
import { start } from '../../test/helpers.js';
import { initParams, mcpPost } from '../streamable/test-client.js';
import { parseAuthorization } from './authorization-header.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const init = { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() };

/** Header values fetch can send: visible ASCII and spaces, often starting like a Bearer header. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }),
  fc
    .tuple(
      fc.constantFrom('Bearer ', 'bearer ', 'Bearer  ', 'Bearer', 'Basic ', 'BEARER '),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019-._~+/= ".\\%'.split('')) }),
    )
    .map(([scheme, rest]) => `${scheme}${rest}`.trim()),
  // JWT-shaped garbage reaches the verifier.
  fc
    .array(fc.base64String({ maxLength: 40 }), { minLength: 3, maxLength: 3 })
    .map(
      (parts) => `Bearer ${parts.map((p) => p.replace(/=+$/, '').replace(/\+/g, '-')).join('.')}`,
    ),
);

describe('Authorization header fuzz', { timeout: 120_000 }, () => {
  it('parses anything without throwing', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(['none', 'bearer', 'other', 'malformed']).toContain(parseAuthorization(value).kind);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  it('answers 400 or 401 with a JSON body on /mcp and /sse, never 5xx, and stays up', async () => {
    const as = await startAuthorizationServer();
    const { base } = await start({
      authFailureLimit: 0,
      oauth: { issuer: as.issuer, audience: 'https://mcp.example.test/mcp', scopes: ['mcp:tools'] },
    });
    await fc.assert(
      fc.asyncProperty(headerValue, fc.boolean(), async (authorization, sse) => {
        const headers: Record<string, string> = authorization === '' ? {} : { authorization };
        const res = sse
          ? await fetch(`${base}/sse`, { headers })
          : await mcpPost(`${base}/mcp`, init, headers);
        expect([400, 401]).toContain(res.status);
        const body = await res.json();
        expect(typeof body).toBe('object');
        if (res.status === 401) {
          expect(res.headers.get('www-authenticate')).toContain('resource_metadata=');
        }
      }),
      { numRuns: RUNS },
    );
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
