import { McpSseClient, McpSseClientError } from '@mcp-sse/client';
import { expect } from 'vitest';
import { type PeerTools, resultText } from './tool-names.js';

/**
 * The matrix scenario, driven by @mcp-sse/client: list, call, stream progress, cancel
 * (the promise rejects with `aborted` and the session still answers a ping). Closes the
 * client whatever happens.
 */
export async function runOurClientScenario(
  url: string,
  tools: PeerTools,
  /** Called before connecting, to listen to the client's events. */
  watch?: (client: McpSseClient) => void,
): Promise<void> {
  const client = new McpSseClient(url, { connectTimeout: 30_000, requestTimeout: 60_000 });
  watch?.(client);
  try {
    await client.connect();
    const names = (await client.listTools({ refresh: true })).map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining([tools.echo, tools.add, tools.slow]));

    const echoed = await client.callTool(tools.echo, { message: 'hi ours' });
    expect(resultText(echoed)).toContain('hi ours');
    const sum = await client.callTool(tools.add, { a: 2, b: 40 });
    expect(resultText(sum)).toContain('42');

    const progress: number[] = [];
    const slow = await client.callTool(tools.slow, tools.slowArgs(600), {
      onProgress: (update) => progress.push(update.progress),
    });
    expect(slow.isError).toBeFalsy();
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const controller = new AbortController();
    let seen = 0;
    const cancelled = client.callTool(tools.slow, tools.slowArgs(10_000), {
      signal: controller.signal,
      onProgress: () => {
        seen += 1;
        if (seen === 2) controller.abort(new Error('test cancels'));
      },
    });
    const error = await cancelled.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(McpSseClientError.isInstance(error) && error.code).toBe('aborted');
    await client.ping();
  } finally {
    await client.close();
  }
}
