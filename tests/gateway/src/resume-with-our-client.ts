import type { EventEmitter } from 'node:events';
import { connect } from '@mcp-sse/client';
import type { ChaosProxy } from '@mcp-sse/test-kit';
import { survivesCut } from './probes.js';

/**
 * The dropped-stream probe with our client as the host over HTTP+SSE (the SDK's HTTP+SSE
 * client never reconnects, so over it no gateway could show a resume): does a call survive
 * every connection being cut while the server runs it?
 */
export async function resumesWithOurClient(
  url: string,
  steps: EventEmitter,
  chaos: ChaosProxy,
): Promise<boolean> {
  const client = await connect(url, { transport: 'sse' });
  try {
    return await survivesCut(steps, chaos, (timeout) =>
      client.callTool('slow', { steps: 8, pauseMs: 100 }, { timeout }).then(
        (result) => result.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
        () => undefined,
      ),
    );
  } finally {
    await client.close();
  }
}
