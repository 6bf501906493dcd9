import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
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
import { runCli } from '../cli/run.js';

let as: TestAuthorizationServer;
let rs: TestProtectedResource;
let config: string;

beforeEach(async () => {
  as = await startAuthorizationServer();
  rs = await startProtectedResource(as.issuer);
  config = await mkdtemp(join(tmpdir(), 'mcp-sse-proxy-oauth-'));
});
afterEach(async () => {
  await rs.close();
  await as.close();
  await rm(config, { recursive: true, force: true });
});

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2025-11-25',
    capabilities: {},
    clientInfo: { name: 'desktop-host', version: '1' },
  },
};

/** Runs `mcp-sse proxy URL` in-process with these stdin lines; resolves with what it wrote. */
async function proxy(lines: object[], untilAnswers: number) {
  const stdin = new PassThrough();
  const io = { ...captureIO({ env: { XDG_CONFIG_HOME: config } }), stdin };
  const run = runCli(['proxy', rs.url], io);
  for (const line of lines) stdin.write(`${JSON.stringify(line)}\n`);
  const answers = () => io.stdout().split('\n').filter(Boolean);
  await expect.poll(answers, { timeout: 30_000 }).toHaveLength(untilAnswers);
  stdin.end();
  return { code: await run, answers: answers().map((line) => JSON.parse(line)), io };
}

describe('mcp-sse proxy and OAuth', { timeout: 60_000 }, () => {
  it('without a login, the host hears why and what to run; the proxy exits 3', async () => {
    const { code, answers, io } = await proxy([INITIALIZE], 1);
    expect(answers[0]).toMatchObject({ id: 1, error: { code: -32603 } });
    expect(answers[0].error.message).toContain(`run \`mcp-sse login ${rs.url}\``);
    expect(io.stderr()).toContain('mcp-sse login');
    expect(code).toBe(3);
  });

  it('after mcp-sse login, it uses the stored tokens', async () => {
    const login = captureIO({ env: { XDG_CONFIG_HOME: config } });
    const visits: Promise<Response>[] = [];
    const err = login.err;
    login.err = (text) => {
      err(text);
      const url = /https?:\/\/\S+\/auth\?\S+/.exec(text)?.[0];
      if (url !== undefined) visits.push(browse(new URL(url)));
    };
    expect(await runCli(['login', rs.url, '--no-browser'], login), login.stderr()).toBe(0);
    await Promise.all(visits);
    const { code, answers } = await proxy(
      [
        INITIALIZE,
        { jsonrpc: '2.0', method: 'notifications/initialized' },
        { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      ],
      2,
    );
    expect(answers[0]).toMatchObject({ id: 1, result: { protocolVersion: '2025-11-25' } });
    expect(answers[1].result.tools.map((tool: { name: string }) => tool.name).sort()).toEqual([
      'admin',
      'whoami',
    ]);
    expect(code).toBe(0);
  });
});
