import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { expect } from 'vitest';
import { type PeerTools, resultText } from './tool-names.js';

/**
 * The matrix scenario, driven by the official TypeScript SDK client: list, call, stream
 * progress, cancel, ping. Closes the client whatever happens.
 */
export async function runSdkClientScenario(url: string, tools: PeerTools): Promise<void> {
  const client = new Client({ name: 'contract-sdk-client', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL(url)));
  try {
    const listed = await client.listTools();
    const names = listed.tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining([tools.echo, tools.add, tools.slow]));

    const echoed = await client.callTool({ name: tools.echo, arguments: { message: 'hi sdk' } });
    expect(resultText(echoed)).toContain('hi sdk');
    const sum = await client.callTool({ name: tools.add, arguments: { a: 2, b: 40 } });
    expect(resultText(sum)).toContain('42');

    const progress: number[] = [];
    const slow = await client.callTool(
      { name: tools.slow, arguments: tools.slowArgs(600) },
      undefined,
      { onprogress: (update) => progress.push(update.progress), timeout: 60_000 },
    );
    expect(slow.isError).toBeFalsy();
    // The SDK client can drop the last update when it lands next to the result.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const controller = new AbortController();
    let seen = 0;
    const cancelled = client.callTool(
      { name: tools.slow, arguments: tools.slowArgs(10_000) },
      undefined,
      {
        signal: controller.signal,
        timeout: 60_000,
        onprogress: () => {
          seen += 1;
          if (seen === 2) controller.abort('test cancels');
        },
      },
    );
    await expect(cancelled).rejects.toThrow();
    expect(seen).toBeGreaterThanOrEqual(2);
    await expect(client.ping()).resolves.toBeDefined();
  } finally {
    await client.close();
  }
}
