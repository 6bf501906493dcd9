import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startAuthorizationServer } from '../../test/authorization-server.js';
import { start } from '../../test/helpers.js';
import { echoTool } from '../examples/echo.js';
import { initParams, mcpPost } from '../streamable/test-client.js';

const AUDIENCE = 'https://mcp.example.test/mcp';
const init = { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() };

/** A DPoP proof (RFC 9449) for `htm` `htu`, with `ath` when a token is given. */
async function proof(keys: CryptoKeyPair, htm: string, htu: string, token?: string) {
  return new SignJWT({
    htm,
    htu,
    jti: randomUUID(),
    ...(token === undefined ? {} : { ath: createHash('sha256').update(token).digest('base64url') }),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(keys.publicKey) })
    .setIssuedAt()
    .sign(keys.privateKey);
}

describe('DPoP-bound tokens (RFC 9449)', { timeout: 60_000 }, () => {
  it('open DPoP requests with a proof for this request only; never as Bearer', async () => {
    const as = await startAuthorizationServer();
    const { base } = await start({
      tools: [echoTool],
      oauth: { issuer: as.issuer, audience: AUDIENCE, scopes: ['mcp:tools'] },
    });
    const keys = await generateKeyPair('ES256', { extractable: true });
    const basic = Buffer.from(`${as.secretClient.id}:${as.secretClient.secret}`).toString('base64');
    const issued = await fetch(`${as.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        dpop: await proof(keys, 'POST', `${as.issuer}/token`),
      },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        resource: AUDIENCE,
        scope: 'mcp:tools',
      }),
    });
    const body = (await issued.json()) as { access_token: string; token_type: string };
    expect(body.token_type).toBe('DPoP');
    const token = body.access_token;
    const url = `${base}/mcp`;

    const good = await proof(keys, 'POST', url, token);
    expect((await mcpPost(url, init, { authorization: `DPoP ${token}`, dpop: good })).status).toBe(
      200,
    );
    const refused: Record<string, string>[] = [
      { authorization: `Bearer ${token}` },
      { authorization: `DPoP ${token}` },
      // The same proof again (replay), one for another URL, one signed by another key.
      { authorization: `DPoP ${token}`, dpop: good },
      { authorization: `DPoP ${token}`, dpop: await proof(keys, 'POST', `${base}/sse`, token) },
      {
        authorization: `DPoP ${token}`,
        dpop: await proof(
          await generateKeyPair('ES256', { extractable: true }),
          'POST',
          url,
          token,
        ),
      },
    ];
    for (const headers of refused) {
      const res = await mcpPost(url, init, headers);
      expect(res.status, JSON.stringify(headers).slice(0, 40)).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });
});
