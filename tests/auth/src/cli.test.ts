import { readFile } from 'node:fs/promises';
import {
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '@mcp-sse/test-authorization-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliUser, cliUser } from './cli-process.js';
import {
  ADMIN_SCOPE,
  BASE_SCOPE,
  type ProtectedDeployment,
  startSingle,
} from './protected-deployment.js';
import { untilStale } from './user-agent.js';

/** The access tokens in the CLI's credentials file. */
async function storedAccessTokens(user: CliUser): Promise<string[]> {
  const text = await readFile(user.authFile, 'utf8');
  return [...text.matchAll(/"access_token":\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** The latest expiry in the CLI's credentials file. */
async function storedExpiry(user: CliUser): Promise<number> {
  const text = await readFile(user.authFile, 'utf8');
  return Math.max(...[...text.matchAll(/"expires_at":\s*(\d+)/g)].map((m) => Number(m[1])));
}

describe('the mcp-sse CLI against our server, as a user runs it', () => {
  let as: TestAuthorizationServer;
  let server: ProtectedDeployment;
  const users: CliUser[] = [];

  beforeAll(async () => {
    // 33 s: the CLI renews 30 s before expiry, so tokens go stale 3 s after they are issued.
    as = await startAuthorizationServer({ accessTokenTTL: 33 });
    server = await startSingle(as);
  });
  afterAll(async () => {
    await server?.close();
    await as?.close();
    await Promise.all(users.map((user) => user.dispose()));
  });
  const newUser = async () => {
    const user = await cliUser();
    users.push(user);
    return user;
  };

  it.concurrent('mcp-sse login URL, then tools and call on both Streamable HTTP revisions; a stale token is refreshed', async () => {
    const user = await newUser();
    const url = `${server.origin}/mcp`;
    const login = await user.run(['login', url]);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('Logged in');

    const tools = await user.run(['tools', '--url', url, '--json']);
    expect(tools.code, tools.stderr).toBe(0);
    const names = (JSON.parse(tools.stdout) as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['echo', 'add']));
    for (const version of ['2025-11-25', '2026-07-28']) {
      const call = await user.run([
        'call',
        'echo',
        'message=hi',
        '--url',
        url,
        '--protocol-version',
        version,
      ]);
      expect(call.code, call.stderr).toBe(0);
      expect(call.stdout.trim()).toBe('hi');
    }

    // Another process later, with a stale token: it refreshes from the stored refresh token.
    const before = await storedAccessTokens(user);
    await untilStale({ access_token: '', expires_at: await storedExpiry(user) });
    const later = await user.run(['call', 'echo', 'message=later', '--url', url]);
    expect(later.code, later.stderr).toBe(0);
    expect(later.stdout.trim()).toBe('later');
    expect(await storedAccessTokens(user)).not.toEqual(before);
  });

  it.concurrent('step-up: without the scope a call says how to get it; login --scope, or MCP_OAUTH_BROWSER=1', async () => {
    const user = await newUser();
    const url = `${server.origin}/mcp`;
    const login = await user.run(['login', url]);
    expect(login.code, login.stderr).toBe(0);
    const refused = await user.run(['call', 'add', 'a=2', 'b=3', '--url', url]);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain(`mcp-sse login ${url}`);

    // (A second login with a wider --scope refreshes the narrow token instead: noted for
    // the client's owner; a first login with the scope is what works today.)
    const admin = await newUser();
    const wider = await admin.run(['login', url, '--scope', `${BASE_SCOPE} ${ADMIN_SCOPE}`]);
    expect(wider.code, wider.stderr).toBe(0);
    const added = await admin.run(['call', 'add', 'a=2', 'b=3', '--url', url]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout.trim()).toBe('5');

    // Automation whose $BROWSER completes the login steps up by itself.
    const other = await newUser();
    const otherLogin = await other.run(['login', url]);
    expect(otherLogin.code, otherLogin.stderr).toBe(0);
    const stepped = await other.run(['call', 'add', 'a=1', 'b=2', '--url', url], {
      MCP_OAUTH_BROWSER: '1',
    });
    expect(stepped.code, stepped.stderr).toBe(0);
    expect(stepped.stdout.trim()).toBe('3');
  });

  it.concurrent('HTTP+SSE: mcp-sse login URL/sse, then call over --transport sse', async () => {
    const user = await newUser();
    const url = `${server.origin}/sse`;
    const login = await user.run(['login', url]);
    expect(login.code, login.stderr).toBe(0);
    const call = await user.run([
      'call',
      'echo',
      'message=over sse',
      '--url',
      url,
      '--transport',
      'sse',
    ]);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stdout.trim()).toBe('over sse');
  });

  it.concurrent('client credentials: login --client-credentials, then tools; logout forgets', async () => {
    const user = await newUser();
    const url = `${server.origin}/mcp`;
    const login = await user.run([
      'login',
      url,
      '--client-credentials',
      '--client-id',
      as.secretClient.id,
      '--client-secret',
      as.secretClient.secret,
    ]);
    expect(login.code, login.stderr).toBe(0);
    const tools = await user.run(['tools', '--url', url]);
    expect(tools.code, tools.stderr).toBe(0);
    expect(tools.stdout).toContain('echo');
    const logout = await user.run(['logout', url]);
    expect(logout.code, logout.stderr).toBe(0);
    const after = await user.run(['tools', '--url', url]);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain(`mcp-sse login ${url}`);
  });
});
