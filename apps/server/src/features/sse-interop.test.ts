import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, start, until } from '../../test/helpers.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import { defineTool } from '../tools/define-tool.js';
import { definePrompt } from './define-prompt.js';
import { defineResource } from './define-resource.js';
import { defineResourceTemplate } from './define-resource-template.js';

/*
 * Each feature over the legacy HTTP+SSE transport with the official SDK 1.32 client: its
 * requests as POSTs, our answers and our own requests (elicitation, sampling, roots) on
 * the session's one stream.
 */

const note = defineResource({
  uri: 'note://today',
  name: 'today',
  mimeType: 'text/plain',
  text: 'hi',
});
const files = defineResourceTemplate({
  uriTemplate: 'file:///{name}',
  name: 'file',
  complete: { name: ['a.txt', 'b.txt'] },
  read: (_uri, { name }) => `contents of ${name}`,
});
const review = definePrompt({
  name: 'review',
  arguments: z.object({ code: z.string() }),
  get: ({ code }) => [
    { role: 'user', content: { type: 'resource', resource: { uri: 'note://today', text: 'hi' } } },
    { role: 'user', content: { type: 'text', text: `Review: ${code}` } },
  ],
});
const askAll = defineTool({
  name: 'ask_all',
  description: 'asks the user, the model and the roots',
  input: z.object({}),
  handler: async (_args, ctx) => {
    const answer = await ctx.elicit({
      message: 'Name?',
      requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
    });
    const sample = await ctx.sample({
      messages: [{ role: 'user', content: { type: 'text', text: 'hello' } }],
      maxTokens: 10,
    });
    const roots = await ctx.roots();
    return `${answer.action}:${JSON.stringify(answer.content)}|${(sample.content as { text: string }).text}|${roots.map((r) => r.uri).join(',')}`;
  },
});

async function connect(base: string, capabilities: Record<string, unknown> = {}): Promise<Client> {
  const client = new Client({ name: 'features-interop', version: '1.0.0' }, { capabilities });
  await client.connect(new SSEClientTransport(new URL(`${base}/sse`)));
  onCleanup(() => client.close());
  return client;
}

async function serve(): Promise<{ base: string; core: McpServerCore }> {
  const { app, base } = await start({
    tools: [askAll],
    resources: [note],
    resourceTemplates: [files],
    prompts: [review],
  });
  return { base, core: app.mcp.core };
}

describe('features over HTTP+SSE with the official SDK client', () => {
  it('lists and reads resources, fills templates, completes, gets prompts', async () => {
    const { base } = await serve();
    const client = await connect(base);
    expect(client.getServerCapabilities()).toMatchObject({
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
    });
    expect((await client.listResources()).resources.map((r) => r.uri)).toEqual(['note://today']);
    expect((await client.readResource({ uri: 'note://today' })).contents).toEqual([
      { uri: 'note://today', mimeType: 'text/plain', text: 'hi' },
    ]);
    expect((await client.readResource({ uri: 'file:///x.md' })).contents[0]).toMatchObject({
      text: 'contents of x.md',
    });
    expect((await client.listResourceTemplates()).resourceTemplates[0]?.uriTemplate).toBe(
      'file:///{name}',
    );
    const completion = await client.complete({
      ref: { type: 'ref/resource', uri: 'file:///{name}' },
      argument: { name: 'name', value: 'b' },
    });
    expect(completion.completion.values).toEqual(['b.txt']);
    const prompt = await client.getPrompt({ name: 'review', arguments: { code: 'x = 1' } });
    expect(prompt.messages.map((m) => m.content.type)).toEqual(['resource', 'text']);
    await expect(client.readResource({ uri: 'note://missing' })).rejects.toThrow(/not found/);
  });

  it('delivers subscriptions, resource updates and list changes on the stream', async () => {
    const { base, core } = await serve();
    const client = await connect(base);
    const updated: string[] = [];
    let listChanged = 0;
    client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updated.push(n.params.uri);
    });
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
      listChanged++;
    });
    await client.subscribeResource({ uri: 'note://today' });
    core.features.notifyResourceUpdated('note://today');
    await until(() => updated.length === 1, 'resources/updated');
    core.features.resources.add(defineResource({ uri: 'note://new', name: 'new', text: '' }));
    await until(() => listChanged === 1, 'resources/list_changed');
    await client.unsubscribeResource({ uri: 'note://today' });
    expect(core.features.notifyResourceUpdated('note://today')).toBe(0);
  });

  it('sends elicitation, sampling and roots requests on the session stream', async () => {
    const { base } = await serve();
    const client = await connect(base, { elicitation: {}, sampling: {}, roots: {} });
    client.setRequestHandler(ElicitRequestSchema, async () => ({
      action: 'accept',
      content: { name: 'Ada' },
    }));
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: 'assistant',
      content: { type: 'text', text: 'hey' },
      model: 'test-model',
    }));
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [{ uri: 'file:///work' }],
    }));
    const result = await client.callTool({ name: 'ask_all', arguments: {} });
    expect(result.content).toEqual([
      { type: 'text', text: 'accept:{"name":"Ada"}|hey|file:///work' },
    ]);
  });

  it('tells the handler when the client lacks the capability, sending nothing', async () => {
    const { base } = await serve();
    const client = await connect(base);
    const result = await client.callTool({ name: 'ask_all', arguments: {} });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]!.text).toMatch(
      /did not declare the elicitation capability/,
    );
  });
});
