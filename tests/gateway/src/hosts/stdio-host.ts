import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { Bridge } from './bridges.js';
import { connectHost, type Host } from './host-client.js';

/** Starts `bridge` the way Claude Desktop does (a child process on stdio), with a host on it. */
export async function startStdioHost(bridge: Bridge): Promise<Host> {
  const transport = new StdioClientTransport({
    command: bridge.command,
    args: bridge.args,
    env: { PATH: process.env.PATH ?? '', ...bridge.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    return await connectHost(transport, () => stderr);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(
      `${bridge.name} did not initialize: ${(error as Error).message}; stderr: ${stderr.slice(-500)}`,
    );
  }
}
