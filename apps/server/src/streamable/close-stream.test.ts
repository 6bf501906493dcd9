import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start } from '../../test/helpers.js';
import { defineTool } from '../tools/define-tool.js';
import { initSession, mcpPost, messagesOf, readEvents } from './test-client.js';

describe('ctx.closeStream (SEP-1699, a tool asks the client to poll)', () => {
  it('ends the POST connection mid-call; the answer comes on the GET that resumes it', async () => {
    const { app, base } = await start();
    let closed: boolean | undefined;
    app.mcp.addTool(
      defineTool({
        name: 'reconnect',
        description: 'closes its stream, then answers',
        input: z.object({}),
        handler: async (_args, ctx) => {
          closed = ctx.closeStream?.();
          await new Promise((resolve) => setTimeout(resolve, 50));
          return 'after the reconnect';
        },
      }),
    );
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const first = await readEvents(
      await mcpPost(
        url,
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'reconnect', arguments: {} },
        },
        headers,
      ),
    );
    expect(closed).toBe(true);
    expect(first).toEqual([{ id: expect.stringMatching(/:0$/), data: '', retry: 1000 }]);
    const resumed = await readEvents(
      await fetch(url, {
        headers: { ...headers, accept: 'text/event-stream', 'last-event-id': first[0]!.id! },
      }),
    );
    expect(messagesOf(resumed)).toEqual([
      {
        jsonrpc: '2.0',
        id: 1,
        result: { content: [{ type: 'text', text: 'after the reconnect' }] },
      },
    ]);
  });
});
