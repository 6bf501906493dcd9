import { afterEach, describe, expect, it } from 'vitest';
import { type ModernServer, startModernServer } from '../../test-support/modern-server.js';
import { runBin, startBin } from '../../test-support/run-bin.js';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../test-support/sdk-streamable-server.js';

let sdk: SdkStreamableServer | undefined;
let modern: ModernServer | undefined;

afterEach(async () => {
  await sdk?.close();
  await modern?.close();
  sdk = undefined;
  modern = undefined;
});

// Each test spawns the built bin: generous bounds for a loaded machine.
describe('mcp-sse against Streamable HTTP servers', { timeout: 90_000 }, () => {
  it('tools --url works against the SDK Streamable HTTP server without a flag', async () => {
    sdk = await startSdkStreamableServer();
    const tools = await runBin(['tools', '--url', sdk.url, '--json']);
    expect(tools.code, tools.stderr).toBe(0);
    const names = (JSON.parse(tools.stdout) as { name: string }[]).map((tool) => tool.name);
    expect(names.sort()).toEqual(['ask', 'echo', 'poll', 'slow']);
    const call = await runBin(['call', 'echo', 'text=hi', '--url', sdk.url]);
    expect(call.code, call.stderr).toBe(0);
    expect(call.stdout).toContain('hi');
  });

  it('resources, read, prompts, prompt and ping', async () => {
    sdk = await startSdkStreamableServer();
    const resources = await runBin(['resources', '--url', sdk.url]);
    expect(resources.code, resources.stderr).toBe(0);
    expect(resources.stdout).toMatch(/file:\/\/\/readme\.md +readme +text\/plain +A small text/);
    const read = await runBin(['read', 'file:///readme.md', '--url', sdk.url]);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stdout).toBe('hello readme\n');
    const prompts = await runBin(['prompts', '--url', sdk.url, '--json']);
    expect(prompts.code, prompts.stderr).toBe(0);
    expect(JSON.parse(prompts.stdout)).toMatchObject([{ name: 'greet' }]);
    const prompt = await runBin(['prompt', 'greet', 'name=Ada', '--url', sdk.url]);
    expect(prompt.code, prompt.stderr).toBe(0);
    expect(prompt.stdout).toBe('user: Hello Ada\n');
    const ping = await runBin(['ping', '--url', sdk.url]);
    expect(ping.code, ping.stderr).toBe(0);
    expect(ping.stdout).toMatch(/ok \(2025-11-25 over streamable-http\)/);
    const missing = await runBin(['read', '--url', sdk.url]);
    expect(missing.code).toBe(2);
  });

  it('watch prints list changes as they come and stops on Ctrl-C', async () => {
    modern = await startModernServer();
    const run = startBin(['watch', '--url', modern.url, '--json']);
    await new Promise<void>((resolve) => {
      let seen = '';
      run.child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('"event":"tools"')) resolve();
      });
      // A bin that dies early must fail the test at once, not at its timeout.
      void run.done.then(() => resolve());
    });
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.stdout).toContain('{"event":"tools","count":3}');
    expect(result.code, result.stderr).toBe(0);
  });

  it('info names the revision and the transport negotiated', async () => {
    sdk = await startSdkStreamableServer();
    const info = await runBin(['info', '--url', sdk.url, '--json']);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      name: 'sdk-streamable',
      protocolVersion: '2025-11-25',
      transport: 'streamable-http',
      tools: 4,
    });
    modern = await startModernServer();
    const text = await runBin(['info', '--url', modern.url]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/revision: +2026-07-28/);
    expect(text.stdout).toMatch(/server: +modern 9\.9\.9/);
  });

  it('--header is sent on every request; --transport pins one; bad values are usage errors', async () => {
    modern = await startModernServer();
    const run = await runBin([
      'tools',
      '--url',
      modern.url,
      '--header',
      'X-Tenant: blue',
      '-H',
      'X-Trace: 7',
      '--transport',
      'streamable-http',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(modern.posts.every((post) => post.headers['x-tenant'] === 'blue')).toBe(true);
    expect(modern.posts.every((post) => post.headers['x-trace'] === '7')).toBe(true);
    const badTransport = await runBin([
      'tools',
      '--url',
      modern.url,
      '--transport',
      'carrier-pigeon',
    ]);
    expect(badTransport.code).toBe(2);
    expect(badTransport.stderr).toMatch(/--transport/);
    const badHeader = await runBin(['tools', '--url', modern.url, '--header', 'no colon']);
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/--header/);
  });
});
