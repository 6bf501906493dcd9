import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Client as SdkClient } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  type JSONRPCMessage,
  ListRootsRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { UNANSWERED } from '../servers/showcase.js';

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
  /** How many of the server's requests the server cancelled while the host held them. */
  serverCancelled(): number;
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
  let serverCancelled = 0;
  client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
    if (request.params.message === UNANSWERED) {
      // Held until the server cancels it: only its notifications/cancelled ends this.
      await new Promise<void>((resolve) =>
        extra.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      serverCancelled++;
      throw new Error('cancelled by the server');
    }
    return { action: 'accept', content: { name: HOST_ANSWERS.elicitation } };
  });
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
    serverCancelled: () => serverCancelled,
    stderr,
    close: () => client.close(),
  };
}
