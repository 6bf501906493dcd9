import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startAuthorizationServer } from '../../test/authorization-server.js';
import { onCleanup } from '../../test/helpers.js';
import { parseCli } from '../cli/parse-cli.js';
import { initParams, mcpPost } from '../streamable/test-client.js';

// The bin runs the built CLI: `pnpm test` builds first (turbo), as CI does.
const BIN = fileURLToPath(new URL('../../bin/mcp-sse-server.js', import.meta.url));
const AUDIENCE = 'https://mcp.example.test/mcp';
const API_AUDIENCE = 'api://mcp-example';

/** Starts the bin with `args`; resolves with its base URL once it prints the listening line. */
function startBin(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], {
    env: { ...process.env, PORT: '', MCP_API_KEY: '', LOG_LEVEL: 'warn', MCP_OAUTH_ISSUER: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onCleanup(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(chunk.toString())?.[1];
      if (port !== undefined) resolve(`http://127.0.0.1:${port}`);
    });
    child.on('exit', (code) => reject(new Error(`the bin exited with ${code}: ${stderr}`)));
  });
}

describe('bin OAuth flags', () => {
  it('reads the --oauth-* flags', () => {
    const parsed = parseCli(
      [
        '--oauth-issuer',
        'https://id.example.com',
        '--oauth-resource',
        'https://mcp.example.com/mcp',
        '--oauth-audience',
        'api://mcp, https://mcp.example.com/mcp',
        '--oauth-scopes',
        'mcp:tools, mcp:admin',
        '--oauth-tool-scopes',
        'admin_reset=mcp:admin mcp:reset,echo=mcp:echo',
        '--oauth-client-id',
        'rs',
        '--oauth-client-secret',
        's3cret',
      ],
      {},
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      config: {
        oauth: {
          issuer: 'https://id.example.com',
          resource: 'https://mcp.example.com/mcp',
          audience: ['api://mcp', 'https://mcp.example.com/mcp'],
          scopes: ['mcp:tools', 'mcp:admin'],
          toolScopes: { admin_reset: ['mcp:admin', 'mcp:reset'], echo: ['mcp:echo'] },
          introspection: { clientId: 'rs', clientSecret: 's3cret' },
        },
      },
    });
  });

  it('falls back to the environment, and the resource and audience to the server URL', () => {
    const parsed = parseCli(['--port', '8080'], {
      MCP_OAUTH_ISSUER: 'https://id.example.com/tenant',
      MCP_OAUTH_SCOPES: 'read',
      MCP_OAUTH_CLIENT_ID: 'rs',
      MCP_OAUTH_CLIENT_SECRET: 'from-env',
    });
    expect(parsed).toMatchObject({
      kind: 'run',
      config: {
        oauth: {
          issuer: 'https://id.example.com/tenant',
          resource: 'http://127.0.0.1:8080/mcp',
          scopes: ['read'],
          introspection: { clientId: 'rs', clientSecret: 'from-env' },
        },
      },
    });
    expect(parseCli([], {})).toMatchObject({ kind: 'run', config: { oauth: undefined } });
  });

  it('a resource given alone is the audience too; an audience URL alone is the resource', () => {
    const env = { MCP_OAUTH_ISSUER: 'https://id.example.com' };
    expect(
      parseCli(['--port', '0', '--oauth-resource', 'https://mcp.example.com/mcp'], env),
    ).toMatchObject({
      config: {
        oauth: {
          resource: 'https://mcp.example.com/mcp',
        },
      },
    });
    expect(
      parseCli(['--port', '0', '--oauth-audience', 'api://mcp,https://mcp.example.com/mcp'], env),
    ).toMatchObject({
      config: {
        oauth: {
          resource: 'https://mcp.example.com/mcp',
          audience: ['api://mcp', 'https://mcp.example.com/mcp'],
        },
      },
    });
  });

  it.each([
    [['--oauth-issuer', 'not a url']],
    [['--oauth-issuer', 'ftp://id.example.com']],
    [['--oauth-issuer', 'https://id.example.com', '--oauth-resource', 'mcp']],
    [['--oauth-issuer', 'https://id.example.com', '--oauth-tool-scopes', 'admin']],
    [['--oauth-issuer', 'https://id.example.com', '--oauth-tool-scopes', '=mcp:admin']],
    [['--oauth-issuer', 'https://id.example.com', '--oauth-client-id', 'rs']],
    [['--oauth-resource', 'https://mcp.example.com/mcp']],
    [['--oauth-issuer', 'https://id.example.com', '--port', '0', '--oauth-audience', 'api://x']],
    [['--oauth-issuer', 'https://id.example.com', '--oauth-scopes', 'a"b']],
    [['--oauth-scopes', 'read']],
    [['--oauth-issuer', 'https://id.example.com', '--port', '0']],
    [['--oauth-issuer', 'https://id.example.com', '--host', '0.0.0.0']],
  ])('is a usage error: %j', (args) => {
    const parsed = parseCli(args, {});
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(/--oauth-/);
  });

  it('puts the bin behind an authorization server with flags alone', {
    timeout: 120_000,
  }, async () => {
    const as = await startAuthorizationServer();
    const base = await startBin([
      '--oauth-issuer',
      as.issuer,
      '--oauth-resource',
      AUDIENCE,
      '--oauth-audience',
      API_AUDIENCE,
      '--oauth-scopes',
      'mcp:tools',
    ]);
    const prm = await (await fetch(`${base}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(prm).toMatchObject({ resource: AUDIENCE, authorization_servers: [as.issuer] });
    const init = { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() };
    const refused = await mcpPost(`${base}/mcp`, init);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('scope="mcp:tools"');
    // The resource names the server; only the configured audience opens it.
    const forResource = await as.token(AUDIENCE, 'mcp:tools');
    const wrongAud = await mcpPost(`${base}/mcp`, init, { authorization: `Bearer ${forResource}` });
    expect(wrongAud.status).toBe(401);
    const token = await as.token(API_AUDIENCE, 'mcp:tools');
    const admitted = await mcpPost(`${base}/mcp`, init, { authorization: `Bearer ${token}` });
    expect(admitted.status).toBe(200);
  });
});
