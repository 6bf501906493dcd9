/**
 * Our server for the Streamable HTTP scenarios: `buildApp` from @mcp-sse/server with the
 * runnable bin's settings (example tools, JSON logs at info to stderr, every safety check
 * on), rate limiting off (the load generator is one client), plus what the bin has no flag
 * for: `--echo async` (an echo that answers after a turn of the event loop), `--mode json` (every answer `application/json`), `--mode stateless` (2025 clients
 * served without sessions), `--tools N` filler tools, `--resume-grace-ms`, `--redis-url`.
 */
import { buildApp, defineTool, exampleTools } from '@mcp-sse/server';
import { z } from 'zod';
import { fillerToolDescription, fillerToolName } from './extra-tools.js';
import { announce, exitOnSignal, intOption, readServerArgs } from './server-args.js';

const NAME = 'ours-server';
const { port, host, extra } = readServerArgs(NAME, process.argv.slice(2), [
  'mode',
  'tools',
  'resume-grace-ms',
  'redis-url',
  'max-sessions',
  'echo',
]);
const mode = extra.mode ?? 'sessions';
if (!['sessions', 'json', 'stateless'].includes(mode)) {
  process.stderr.write(`${NAME}: --mode must be sessions, json or stateless, got ${mode}\n`);
  process.exit(2);
}
const fillers = intOption(NAME, 'tools', extra.tools, 0, 0, 10_000);
const resumeGraceMs = intOption(
  NAME,
  'resume-grace-ms',
  extra['resume-grace-ms'],
  30_000,
  0,
  3_600_000,
);
const maxSessions = intOption(NAME, 'max-sessions', extra['max-sessions'], 20_000, 1, 100_000);

// `--echo async`: the echo answers after a turn of the event loop, as a tool that awaits
// I/O does, so that in the default ('auto') mode a tools/call is answered on an SSE stream;
// the built-in echo answers at once and gets a plain JSON answer.
const asyncEcho = extra.echo === 'async';
const echo = defineTool({
  name: 'echo',
  description: 'Returns the message unchanged.',
  input: z.object({ message: z.string().describe('Text to send back') }),
  handler: async ({ message }) => {
    await new Promise((resolve) => setImmediate(resolve));
    return message;
  },
});
const baseTools = asyncEcho
  ? [echo, ...exampleTools.filter((tool) => tool.name !== 'echo')]
  : exampleTools;

const filler = Array.from({ length: fillers }, (_, i) =>
  defineTool({
    name: fillerToolName(i),
    description: fillerToolDescription(i),
    input: z.object({ key: z.string().describe('The key to look up') }),
    handler: ({ key }) => key,
  }),
);

const app = await buildApp({
  tools: [...baseTools, ...filler],
  logger: { level: 'info', stream: process.stderr },
  rateLimit: 0,
  maxSessions,
  resumeGraceMs,
  jsonResponse: mode === 'json',
  streamableSessions: mode !== 'stateless',
  // A 1,000-tool list in one page: the scenario measures the list, not the paging.
  ...(fillers > 0 ? { pageSize: fillers + exampleTools.length } : {}),
  ...(extra['redis-url'] === undefined ? {} : { redis: extra['redis-url'] }),
});
await app.listen({ port, host });
announce(NAME, host, (app.server.address() as { port: number }).port, '/mcp');
exitOnSignal(() => app.close());
