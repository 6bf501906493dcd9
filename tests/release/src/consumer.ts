/**
 * The scratch consumer project: what a user writes after `npm install` of the tarballs.
 * Only names a README documents are used, so that curating the public API does not break it.
 */
export const consumerPackageJson = {
  name: 'mcp-sse-release-consumer',
  version: '0.0.0',
  private: true,
  type: 'module',
};

/** ESM TypeScript, checked with moduleResolution node16 and bundler. */
export const consumerTs = `import { connect, McpSseClient, McpSseClientError } from '@mcp-sse/client';
import { encodeSseEvent, parseJSONRPCMessage } from '@mcp-sse/protocol';
import { fixtures } from '@mcp-sse/protocol/fixtures';
import { buildApp, defineTool, mcpSse } from '@mcp-sse/server';
import { z } from 'zod';

const add = defineTool({
  name: 'add',
  description: 'Adds two numbers',
  input: z.object({ a: z.number(), b: z.number() }),
  handler: async ({ a, b }) => String(a + b),
});
export const plugin: typeof mcpSse = mcpSse;
export const tools = [add];
export const makeApp: typeof buildApp = buildApp;
export async function call(url: string): Promise<string> {
  const client: McpSseClient = await connect(url);
  try {
    const result = await client.callTool('add', { a: 2, b: 3 });
    const first = result.content[0];
    return first?.type === 'text' ? first.text : '';
  } catch (error) {
    if (McpSseClientError.isInstance(error)) return error.code;
    throw error;
  } finally {
    await client.close();
  }
}
export const parsed = parseJSONRPCMessage('{"jsonrpc":"2.0","id":1,"method":"ping"}').ok;
export const encoded: string = encodeSseEvent({ event: 'endpoint', data: '/messages?sessionId=x' });
export const fixtureCount: number = fixtures.length;
`;

/** CommonJS TypeScript (.cts): resolves the packages' `require` conditions under node16. */
export const consumerCts = `import { connect } from '@mcp-sse/client';
import { parseJSONRPCMessage } from '@mcp-sse/protocol';
import { fixtures } from '@mcp-sse/protocol/fixtures';
import { defineTool, mcpSse } from '@mcp-sse/server';

export const names: string[] = [typeof connect, typeof parseJSONRPCMessage, typeof defineTool, typeof mcpSse];
export const count: number = fixtures.length;
`;

/**
 * A tsconfig for the consumer, for one module resolution: under node16 an ESM file and a
 * CommonJS one (the `import` and `require` conditions), under bundler the ESM file.
 */
export function consumerTsconfig(resolution: 'node16' | 'bundler'): string {
  const module = resolution === 'node16' ? 'node16' : 'esnext';
  return JSON.stringify({
    compilerOptions: {
      target: 'es2022',
      module,
      moduleResolution: resolution,
      strict: true,
      noEmit: true,
      // What is checked is the consumer's use of the packages. Checking every declaration
      // file (fastify's, ioredis', ...) took minutes on a loaded machine; attw checks ours.
      skipLibCheck: true,
      types: ['node'],
    },
    files: resolution === 'node16' ? ['index.ts', 'index.cts'] : ['index.ts'],
  });
}

/** Loaded with node as ESM: every package and subpath, and the names the READMEs use. */
export const esmCheck = `import * as protocol from '@mcp-sse/protocol';
import * as fixtures from '@mcp-sse/protocol/fixtures';
import * as client from '@mcp-sse/client';
import * as server from '@mcp-sse/server';
import { createRequire } from 'node:module';
const json = createRequire(import.meta.url)('@mcp-sse/protocol/fixtures.json');
const want = { protocol: ['parseJSONRPCMessage', 'encodeSseEvent'], fixtures: ['fixtures'], client: ['connect', 'McpSseClient', 'McpSseClientError'], server: ['mcpSse', 'defineTool', 'buildApp'] };
const got = { protocol, fixtures, client, server };
const missing = Object.entries(want).flatMap(([pkg, names]) => names.filter((n) => !(n in got[pkg])).map((n) => pkg + '.' + n));
if (missing.length > 0 || !Array.isArray(json) && typeof json !== 'object') throw new Error('missing: ' + missing.join(', '));
console.log('esm ok');
`;

/** Loaded with node as CommonJS. */
export const cjsCheck = `const protocol = require('@mcp-sse/protocol');
const fixtures = require('@mcp-sse/protocol/fixtures');
const client = require('@mcp-sse/client');
const server = require('@mcp-sse/server');
const missing = [
  ['protocol', protocol, 'parseJSONRPCMessage'], ['fixtures', fixtures, 'fixtures'],
  ['client', client, 'connect'], ['server', server, 'mcpSse'], ['server', server, 'defineTool'],
].filter(([, mod, name]) => typeof mod[name] === 'undefined').map(([pkg, , name]) => pkg + '.' + name);
if (missing.length > 0) throw new Error('missing: ' + missing.join(', '));
console.log('cjs ok');
`;
