/**
 * FastMCP (TypeScript) on its `httpStream` transport at /mcp, with the same tools as every
 * other server: its documented setup, sessions on.
 */
import { createServer } from 'node:net';
import { FastMCP } from 'fastmcp';
import { z } from 'zod';
import { fillerToolDescription, fillerToolName } from './extra-tools.js';
import { announce, exitOnSignal, intOption, readServerArgs } from './server-args.js';

const NAME = 'fastmcp-server';
const { port: asked, host, extra } = readServerArgs(NAME, process.argv.slice(2), ['tools']);
const fillers = intOption(NAME, 'tools', extra.tools, 0, 0, 10_000);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** FastMCP needs a concrete port: port 0 is turned into a free one first. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

// FastMCP logs every session to the console; the harness reads stdout for one line only.
const quiet = () => undefined;
const server = new FastMCP({
  name: NAME,
  version: '1.0.0',
  logger: { debug: quiet, error: quiet, info: quiet, log: quiet, warn: quiet },
});
server.addTool({
  name: 'echo',
  description: 'Echoes the message back',
  parameters: z.object({ message: z.string() }),
  execute: async ({ message }) => message,
});
server.addTool({
  name: 'add',
  description: 'Adds two numbers',
  parameters: z.object({ a: z.number(), b: z.number() }),
  execute: async ({ a, b }) => String(a + b),
});
server.addTool({
  name: 'sleep',
  description: 'Waits ms milliseconds, reporting progress about every 100 ms',
  parameters: z.object({ ms: z.number().int().min(0).max(60_000) }),
  execute: async ({ ms }, { reportProgress }) => {
    const steps = Math.max(1, Math.ceil(ms / 100));
    for (let step = 1; step <= steps; step += 1) {
      await delay(Math.min(100, ms - (step - 1) * 100));
      await reportProgress({ progress: step, total: steps });
    }
    return `slept ${ms} ms`;
  },
});
for (let i = 0; i < fillers; i += 1) {
  server.addTool({
    name: fillerToolName(i),
    description: fillerToolDescription(i),
    parameters: z.object({ key: z.string().describe('The key to look up') }),
    execute: async ({ key }) => key,
  });
}

const port = asked === 0 ? await freePort() : asked;
await server.start({ transportType: 'httpStream', httpStream: { port, host, endpoint: '/mcp' } });
announce(NAME, host, port, '/mcp');
exitOnSignal(() => server.stop());
