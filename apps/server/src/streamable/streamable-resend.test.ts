import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start, until } from '../../test/helpers.js';
import { defineTool } from '../tools/define-tool.js';
import { answerMessages, EventReader, initSession, mcpHeaders, mcpPost } from './test-client.js';

/** A tool that answers when the test opens its gate, counting its runs. */
function gatedTool() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let runs = 0;
  const tool = defineTool({
    name: 'gated',
    description: 'waits for the test',
    input: z.object({}),
    handler: async () => {
      runs++;
      await gate;
      return 'opened';
    },
  });
  return { tool, open: () => open(), runs: () => runs };
}

const call = {
  jsonrpc: '2.0',
  id: 42,
  method: 'tools/call',
  params: { name: 'gated', arguments: {} },
};

describe('a request sent again (same id) after its POST broke', () => {
  it('JSON answers: the re-sent POST gets the answer that came while no connection was there; the tool ran once', async () => {
    const { app, base } = await start({ jsonResponse: true });
    const gated = gatedTool();
    app.mcp.addTool(gated.tool);
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const controller = new AbortController();
    const first = fetch(url, {
      method: 'POST',
      headers: mcpHeaders(headers),
      body: JSON.stringify(call),
      signal: controller.signal,
    }).catch(() => undefined);
    await until(() => gated.runs() === 1, 'the call started');
    controller.abort();
    await first;
    gated.open();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await answerMessages(await mcpPost(url, call, headers));
    expect(again).toEqual([
      { jsonrpc: '2.0', id: 42, result: { content: [{ type: 'text', text: 'opened' }] } },
    ]);
    expect(gated.runs()).toBe(1);
  });

  it('streamed answers: the re-sent POST takes the stream over from its priming event; the tool ran once', async () => {
    const { app, base } = await start();
    const gated = gatedTool();
    app.mcp.addTool(gated.tool);
    const url = `${base}/mcp`;
    const { headers } = await initSession(url);
    const reader = new EventReader(await mcpPost(url, call, headers));
    await reader.until(1);
    await reader.cancel();
    const again = mcpPost(url, call, headers);
    await until(() => gated.runs() === 1, 'the call started');
    gated.open();
    const messages = await answerMessages(await again);
    expect(messages).toEqual([
      { jsonrpc: '2.0', id: 42, result: { content: [{ type: 'text', text: 'opened' }] } },
    ]);
    expect(gated.runs()).toBe(1);
  });
});
