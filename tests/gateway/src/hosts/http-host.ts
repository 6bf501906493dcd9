import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { connectHost, type Host } from './host-client.js';

/** A host reaching a gateway over the network with the official SDK's HTTP transports. */
export function startHttpHost(url: string, kind: 'streamable' | 'sse'): Promise<Host> {
  const target = new URL(url);
  return connectHost(
    kind === 'sse' ? new SSEClientTransport(target) : new StreamableHTTPClientTransport(target),
  );
}
