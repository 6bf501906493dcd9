import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { afterAll, describe, expect, it } from 'vitest';
import { onCleanup } from '../../test/helpers.js';

// The bin runs the built CLI: `pnpm test` builds first (turbo), as CI does.
const BIN = fileURLToPath(new URL('../../bin/mcp-sse-server.js', import.meta.url));
const DIST = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href;
// Inside the package, so that the module's bare `zod` import resolves as a user's would.
const dir = mkdtempSync(
  join(fileURLToPath(new URL('../..', import.meta.url)), '.bin-config-test-'),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the bin; resolves with its base URL once it prints the listening line. */
function startBin(args: string[]): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], {
    env: { ...process.env, PORT: '', MCP_API_KEY: '', LOG_LEVEL: 'warn', MCP_EXAMPLES: '' },
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
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)\/sse/.exec(chunk.toString())?.[1];
      if (port !== undefined) resolve({ base: `http://127.0.0.1:${port}`, child });
    });
    child.on('exit', (code) => reject(new Error(`the bin exited with ${code}: ${stderr}`)));
  });
}

async function connect(base: string): Promise<Client> {
  const client = new Client({ name: 'bin-test', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL(`${base}/sse`)));
  onCleanup(() => client.close());
  return client;
}

describe('mcp-sse-server --examples / --config', { timeout: 120_000 }, () => {
  it('serves the conformance set with --examples conformance', async () => {
    const { base } = await startBin(['--examples', 'conformance']);
    const client = await connect(base);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('test_simple_text');
    expect(tools.map((t) => t.name)).not.toContain('echo');
    const read = await client.readResource({ uri: 'test://static-text' });
    expect(read.contents[0]).toMatchObject({
      text: 'This is the content of the static text resource.',
    });
    const prompt = await client.getPrompt({ name: 'test_simple_prompt' });
    expect(prompt.messages[0]?.content).toEqual({
      type: 'text',
      text: 'This is a simple prompt for testing.',
    });
  });

  it('serves what a --config module exports, and exits 2 on a bad one', async () => {
    const good = join(dir, 'server.mjs');
    writeFileSync(
      good,
      `import { defineResource, defineServer, defineTool } from '${DIST}';
       import { z } from 'zod';
       export default defineServer({
         tools: [defineTool({ name: 'shout', description: 'x', input: z.object({ text: z.string() }), handler: ({ text }) => text.toUpperCase() })],
         resources: [defineResource({ uri: 'app://motd', name: 'motd', text: 'Be kind.' })],
       });`,
    );
    const { base } = await startBin(['--config', good]);
    const client = await connect(base);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['shout']);
    expect(await client.callTool({ name: 'shout', arguments: { text: 'hi' } })).toMatchObject({
      content: [{ type: 'text', text: 'HI' }],
    });
    expect((await client.readResource({ uri: 'app://motd' })).contents[0]).toMatchObject({
      text: 'Be kind.',
    });

    const bad = join(dir, 'bad.mjs');
    writeFileSync(bad, 'export const tools = [{ name: "x" }];');
    const failed = await startBin(['--config', bad]).catch((error: Error) => error.message);
    expect(failed).toMatch(/exited with 2: .*tools\[0\] is not made with defineTool/s);
  });
});
