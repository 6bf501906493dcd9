import { afterAll, describe, expect, it } from 'vitest';
import { type Column, comparisonTable } from './comparison-table.js';
import { BRIDGES } from './hosts/bridges.js';
import { startStdioHost } from './hosts/stdio-host.js';
import { startSseOnlyServer } from './servers/sse-only-server.js';

const STATUSES = [404, 400] as const;
const rows = STATUSES.map((status) => `falls back to HTTP+SSE (POST answered ${status})`);
// supergateway has no negotiation to try: its user picks --sse or --streamableHttp.
const BRIDGES_THAT_NEGOTIATE = ['mcp-sse proxy', 'mcp-remote'] as const;
const columns: Column[] = BRIDGES_THAT_NEGOTIATE.map((title) => ({ title, cells: {} }));

afterAll(() => {
  console.log(`\nStreamable HTTP -> HTTP+SSE fallback:\n${comparisonTable(rows, columns)}\n`);
});

/** Given only the URL (no transport named), does the bridge reach an HTTP+SSE-only server? */
async function fallsBack(bridge: keyof typeof BRIDGES, status: number): Promise<boolean> {
  const server = await startSseOnlyServer(status);
  try {
    const host = await startStdioHost(BRIDGES[bridge](server.url, 'auto')).catch(() => undefined);
    if (!host) return false;
    try {
      const result = await host.client.callTool(
        { name: 'echo', arguments: { text: 'through' } },
        undefined,
        { timeout: 15_000 },
      );
      return JSON.stringify(result.content).includes('through');
    } catch {
      return false;
    } finally {
      await host.close().catch(() => {});
    }
  } finally {
    await server.close();
  }
}

/** As seen with mcp-remote 0.15.1, which falls back on 404/405 only, as its docs say. */
const EXPECTED: Record<string, Record<number, boolean>> = {
  'mcp-sse proxy': { 404: true, 400: true },
  'mcp-remote': { 404: true, 400: false },
};

describe('Streamable HTTP -> HTTP+SSE fallback, the URL alone given', () => {
  for (const [index, status] of STATUSES.entries()) {
    for (const column of columns) {
      it(`${column.title}, POST answered ${status}`, async () => {
        const reached = await fallsBack(column.title as keyof typeof BRIDGES, status);
        column.cells[rows[index] as string] = reached;
        expect(reached).toBe(EXPECTED[column.title]?.[status]);
      });
    }
  }
});
