import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  browse,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '../../test-support/authorization-server.js';
import { captureIO } from '../../test-support/capture-io.js';
import {
  startProtectedResource,
  type TestProtectedResource,
} from '../../test-support/protected-resource.js';
import { runCli } from './run.js';

let as: TestAuthorizationServer;
let rs: TestProtectedResource;
let config: string;

beforeEach(async () => {
  as = await startAuthorizationServer();
  rs = await startProtectedResource(as.issuer);
  config = await mkdtemp(join(tmpdir(), 'mcp-sse-login-'));
});
afterEach(async () => {
  await rs.close();
  await as.close();
  await rm(config, { recursive: true, force: true });
});

/** A CLI world whose "user" visits the login URL printed on stderr. */
function userIO() {
  const io = captureIO({ env: { XDG_CONFIG_HOME: config } });
  const err = io.err;
  const visits: Promise<Response>[] = [];
  io.err = (text) => {
    err(text);
    const url = /https?:\/\/\S+\/auth\?\S+/.exec(text)?.[0];
    if (url !== undefined) visits.push(browse(new URL(url)));
  };
  return { io, visits };
}

describe('mcp-sse login / logout against oidc-provider', { timeout: 60_000 }, () => {
  it('login --no-browser, then tools --json uses the stored token; logout forgets it', async () => {
    const { io, visits } = userIO();
    expect(await runCli(['login', rs.url, '--no-browser'], io), io.stderr()).toBe(0);
    expect(visits).toHaveLength(1);
    expect(io.stderr()).toContain('Logged in to');
    const file = join(config, 'mcp-sse', 'auth.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const tools = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['tools', '--url', rs.url, '--json'], tools), tools.stderr()).toBe(0);
    const names = (JSON.parse(tools.stdout()) as { name: string }[]).map((t) => t.name);
    expect(names.sort()).toEqual(['admin', 'whoami']);

    const out = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['logout', rs.url], out)).toBe(0);
    const again = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['tools', '--url', rs.url], again)).toBe(3);
    expect(again.stderr()).toContain(`run \`mcp-sse login ${rs.url}\``);
  });

  it('a 401 on a non-TTY says to run mcp-sse login URL', async () => {
    const io = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['call', 'whoami', '--url', rs.url], io)).toBe(3);
    expect(io.stderr()).toMatch(
      /needs an OAuth login or more scope: run `mcp-sse login http:\/\/127\.0\.0\.1:\d+\/mcp`/,
    );
  });

  it('a 403 asking for more scope: refused off a TTY, stepped up with MCP_OAUTH_BROWSER=1', async () => {
    const { io, visits } = userIO();
    expect(await runCli(['login', rs.url, '--no-browser'], io), io.stderr()).toBe(0);
    await Promise.all(visits);
    const refused = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['call', 'admin', '--url', rs.url], refused)).not.toBe(0);
    expect(refused.stderr()).toContain('MCP_OAUTH_BROWSER=1');

    const stepUp = userIO();
    stepUp.io.env.MCP_OAUTH_BROWSER = '1';
    // The opener finds no browser; the "user" visits the URL it prints.
    stepUp.io.env.BROWSER = 'true';
    const code = await runCli(['call', 'admin', '--url', rs.url], stepUp.io);
    expect(code, stepUp.io.stderr()).toBe(0);
    expect(stepUp.visits).toHaveLength(1);
    expect(stepUp.io.stdout()).toContain('admin done');
  });

  it('login --client-credentials with --client-secret, then call', async () => {
    const io = captureIO({ env: { XDG_CONFIG_HOME: config } });
    const args = ['login', rs.url, '--client-credentials', '--client-id', as.secretClient.id];
    expect(
      await runCli([...args, '--client-secret', as.secretClient.secret], io),
      io.stderr(),
    ).toBe(0);
    const call = captureIO({ env: { XDG_CONFIG_HOME: config } });
    expect(await runCli(['call', 'whoami', '--url', rs.url], call), call.stderr()).toBe(0);
    expect(call.stdout()).toContain('scopes: mcp:tools');
  });

  it('login --client-credentials with --private-key FILE --signing-alg ES256', async () => {
    const key = join(config, 'key.jwk');
    await writeFile(key, as.jwtClient.privateJwk);
    const io = captureIO({ env: { XDG_CONFIG_HOME: config } });
    const args = ['login', rs.url, '--client-credentials', '--client-id', as.jwtClient.id];
    expect(
      await runCli([...args, '--private-key', key, '--signing-alg', 'ES256'], io),
      io.stderr(),
    ).toBe(0);
  });

  it('flag mistakes are usage errors (exit 2)', async () => {
    for (const args of [
      ['login'],
      ['login', 'ftp://x'],
      ['login', rs.url, '--client-credentials'],
      ['login', rs.url, '--client-credentials', '--client-id', 'x'],
      ['login', rs.url, '--private-key', 'k'],
      ['login', rs.url, '--id-token', 'jwt', '--client-id', 'x'],
      ['login', rs.url, '--id-token', 'j', '--idp-client-id', 'i', '--idp-token-endpoint', 'nope'],
      [
        'login',
        rs.url,
        ...['--id-token', 'j', '--idp-client-id', 'i', '--idp-token-endpoint', 'https://idp/t'],
      ],
      ['login', rs.url, '--assertion-file', join(config, 'missing.jwt'), '--client-id', 'x'],
      ['login', rs.url, '--assertion-file', 'f', '--client-credentials', '--client-id', 'x'],
    ]) {
      const io = captureIO({ env: { XDG_CONFIG_HOME: config } });
      expect(await runCli(args, io), args.join(' ')).toBe(2);
    }
  });
});
