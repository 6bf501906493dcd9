import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  type JSONRPCMessage,
  ListRootsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

/** What the host answers when the server asks, so a test can see it came through. */
export const HOST_ANSWERS = {
  sampling: 'hi from the host model',
  elicitation: 'Ada',
  root: 'file:///host/project',
} as const;

/** A host (the official SDK client) connected through some bridge or gateway. */
export interface Host {
  client: Client;
  /** Every message the host received after initialization, in order. */
  received: JSONRPCMessage[];
  /** Notifications received of `method`. */
  notifications(method: string): JSONRPCMessage[];
  /** What the bridge wrote on stderr (empty for network hosts). */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * The official SDK (1.32) client as a host: declares sampling, elicitation and roots and
 * answers them with {@link HOST_ANSWERS}; connected over `transport`, recording every
 * message that arrives after initialization.
 */
export async function connectHost(
  transport: Transport,
  stderr: () => string = () => '',
): Promise<Host> {
  const client = new SdkClient(
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
  await client.connect(transport);
  const received: JSONRPCMessage[] = [];
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
    stderr,
    close: () => client.close(),
  };
}
