import type { AddressInfo } from 'node:net';
import type { McpSseClient, McpSseClientOptions } from '@mcp-sse/client';
import { type buildApp, defineTool } from '@mcp-sse/server';
import { connectOver, type TransportCase } from '@mcp-sse/test-kit';
import { z } from 'zod';

/** The resource the listeners watch. */
export const DOC = 'mem://doc';
/** A tools list change, as the client names it. */
export const TOOLS_CHANGED = 'notifications/tools/list_changed';
/** A resource update, as the client names it. */
export const UPDATED = 'notifications/resources/updated';

/** A tool to add and remove on one instance. */
export const shout = defineTool({
  name: 'shout',
  description: 'Upper-cases a message.',
  input: z.object({ message: z.string() }),
  handler: ({ message }) => message.toUpperCase(),
});

/** An in-process instance. */
export type App = Awaited<ReturnType<typeof buildApp>>;

/** `http://127.0.0.1:<port>` of a listening in-process instance. */
export function originOf(app: App): string {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A client and the change notifications it heard, in order. */
export interface Listener {
  name: string;
  client: McpSseClient;
  heard: string[];
}

/**
 * Connects a client to `at` over `over` that watches tool list changes and {@link DOC}
 * (2026-07-28: one subscriptions/listen stream; 2025 and HTTP+SSE: resources/subscribe,
 * their list changes come by themselves) and records, in order, the tool list changes and
 * the updates of {@link DOC} it hears. Resolves once the server acknowledged the watch.
 */
export async function listenForChanges(
  name: string,
  at: string,
  over: TransportCase,
  options: McpSseClientOptions = {},
): Promise<Listener> {
  const client = await connectOver(over, at, options);
  const heard: string[] = [];
  client.on('notification', ({ method, params }) => {
    if (method === TOOLS_CHANGED) heard.push(method);
    if (method === UPDATED && (params as { uri?: unknown } | undefined)?.uri === DOC) {
      heard.push(method);
    }
  });
  await client.watch({ toolsListChanged: true, resourceSubscriptions: [DOC] }).acknowledged;
  return { name, client, heard };
}
