import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startAuthorizationServer } from '../../test/authorization-server.js';
import { onCleanup, openSession, postJson, rpc, start, untilAsync } from '../../test/helpers.js';
import { echoTool } from '../examples/echo.js';

const AUDIENCE = 'https://mcp.example.test/mcp';

/** A throwaway redis-server on a Unix socket (no port to pick), stopped after the test. */
async function startRedis(): Promise<Redis> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-sse-oauth-redis-'));
  const path = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', path, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const settings = new Redis({ path, lazyConnect: true, maxRetriesPerRequest: 1 });
  // Refused connections while it starts are expected; ping below waits for it.
  settings.on('error', () => {});
  onCleanup(async () => {
    settings.disconnect();
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  await untilAsync(
    () =>
      settings.ping().then(
        () => true,
        () => false,
      ),
    'redis-server',
    10_000,
  );
  return settings;
}

describe('OAuth sessions across instances on Redis', { timeout: 60_000 }, () => {
  it('binds a session to the token subject on every instance', async () => {
    const as = await startAuthorizationServer();
    const client = await startRedis();
    const options = {
      tools: [echoTool],
      redis: { client, prefix: `oauth-${process.pid}` },
      oauth: { issuer: as.issuer, audience: AUDIENCE, scopes: ['mcp:tools'] },
    };
    const a = await start(options);
    const b = await start(options);
    const token = { authorization: `Bearer ${await as.token(AUDIENCE, 'mcp:tools')}` };
    const { stream, postUrl } = await openSession(a.base, '/sse', token);
    // The same principal (issuer + subject) may POST through the other instance...
    const onB = postUrl.replace(a.base, b.base);
    expect((await postJson(onB, rpc(1, 'ping'), token)).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: {} });
    // ...and no one else, there either: another subject of the same issuer gets 403.
    const stranger = await new SignJWT({ scope: 'mcp:tools', sub: 'someone-else' })
      .setProtectedHeader({ alg: 'ES256', kid: as.kid })
      .setIssuer(as.issuer)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(as.privateKey);
    const refused = await postJson(onB, rpc(2, 'ping'), { authorization: `Bearer ${stranger}` });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('MCP_SSE_SESSION_FORBIDDEN');
  });
});
