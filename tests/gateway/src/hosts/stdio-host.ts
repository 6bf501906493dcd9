import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  type JSONRPCMessage,
  ListRootsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { Bridge } from './bridges.js';

/** What the host answers when the server asks, so a test can see it came through. */
export const HOST_ANSWERS = {
  sampling: 'hi from the host model',
  elicitation: 'Ada',
  root: 'file:///host/project',
} as const;

/** A desktop host (the official SDK's stdio client) with a bridge as its server. */
export interface StdioHost {
  client: Client;
  /** Every message the host received from the bridge after initialization, in order. */
  received: JSONRPCMessage[];
  /** Notifications received of `method`. */
  notifications(method: string): JSONRPCMessage[];
  /** What the bridge wrote on stderr. */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * Starts `bridge` the way Claude Desktop does (a child process on stdio), with a host that
 * declares sampling, elicitation and roots and answers them with {@link HOST_ANSWERS}.
 */
export async function startStdioHost(bridge: Bridge): Promise<StdioHost> {
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
  const client = new Client(
    { name: 'gateway-test-host', version: '1.0.0' },
    { capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: true } } },
  );
  client.setRequestHandler(CreateMessageRequestSchema, async () => ({
    role: 'assistant',
    content: { type: 'text', text: HOST_ANSWERS.sampling },
    model: 'host-model',
  }));
  client.setRequestHandler(ElicitRequestSchema, async () => ({
    action: 'accept',
    content: { name: HOST_ANSWERS.elicitation },
  }));
  client.setRequestHandler(ListRootsRequestSchema, async () => ({
    roots: [{ uri: HOST_ANSWERS.root, name: 'project' }],
  }));
  const received: JSONRPCMessage[] = [];
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => {});
    throw new Error(
      `${bridge.name} did not initialize: ${(error as Error).message}; stderr: ${stderr.slice(-500)}`,
    );
  }
  // The client set its handler in connect(); every later message passes by here first.
  const handler = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage) => {
    received.push(message);
    handler?.(message);
  };
  return {
    client,
    received,
    notifications: (method) =>
      received.filter(
        (message) => 'method' in message && message.method === method && !('id' in message),
      ),
    stderr: () => stderr,
    close: () => client.close(),
  };
}
