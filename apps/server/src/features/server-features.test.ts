import { ErrorCode, SAME_ID_RESEND_CAPABILITY } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePrompt } from './define-prompt.js';
import { defineResource } from './define-resource.js';
import { defineResourceTemplate } from './define-resource-template.js';
import { coreHarness } from './test-harness.js';

const staticText = defineResource({
  uri: 'test://static-text',
  name: 'static-text',
  mimeType: 'text/plain',
  text: 'hello',
});
const staticBinary = defineResource({
  uri: 'test://static-binary',
  name: 'static-binary',
  mimeType: 'application/octet-stream',
  blob: new Uint8Array([1, 2, 3]),
});
const items = defineResourceTemplate({
  uriTemplate: 'test://items/{id}',
  name: 'item',
  mimeType: 'application/json',
  complete: { id: ['alpha', 'beta', 'bravo'] },
  read: (_uri, { id }) => JSON.stringify({ id }),
});
const greet = definePrompt({
  name: 'greet',
  description: 'Greets someone',
  arguments: z.object({
    name: z.string().describe('Who to greet'),
    tone: z.string().optional(),
  }),
  complete: { name: (value) => ['Ada', 'Alan', 'Grace'].filter((n) => n.startsWith(value)) },
  get: ({ name, tone }) => `Hello ${name}${tone ? ` (${tone})` : ''}`,
});

describe('capabilities', () => {
  it('declares only what is registered', async () => {
    const bare = coreHarness();
    bare.initialize();
    const caps = (await bare.answer('init')).result.capabilities;
    expect(caps).toEqual({
      tools: { listChanged: true },
      logging: {},
      // A session never runs a request id twice: a client may re-send a broken POST.
      experimental: { [SAME_ID_RESEND_CAPABILITY]: {} },
    });
    bare.request(1, 'prompts/list');
    expect((await bare.answer(1)).error.code).toBe(ErrorCode.MethodNotFound);

    const full = coreHarness({ resources: [staticText], prompts: [greet] });
    full.initialize();
    expect((await full.answer('init')).result.capabilities).toMatchObject({
      resources: { subscribe: true, listChanged: true },
      prompts: { listChanged: true },
      completions: {},
    });
  });
});

describe('resources', () => {
  it('lists, reads text and binary, and fills templates', async () => {
    const h = coreHarness({ resources: [staticText, staticBinary], resourceTemplates: [items] });
    h.initialize();
    h.request(1, 'resources/list');
    expect((await h.answer(1)).result.resources).toEqual([
      {
        uri: 'test://static-binary',
        name: 'static-binary',
        mimeType: 'application/octet-stream',
        size: 3,
      },
      { uri: 'test://static-text', name: 'static-text', mimeType: 'text/plain', size: 5 },
    ]);
    h.request(2, 'resources/read', { uri: 'test://static-binary' });
    expect((await h.answer(2)).result.contents).toEqual([
      { uri: 'test://static-binary', mimeType: 'application/octet-stream', blob: 'AQID' },
    ]);
    h.request(3, 'resources/read', { uri: 'test://items/42' });
    expect((await h.answer(3)).result.contents).toEqual([
      { uri: 'test://items/42', mimeType: 'application/json', text: '{"id":"42"}' },
    ]);
    h.request(4, 'resources/templates/list');
    expect((await h.answer(4)).result.resourceTemplates).toEqual([
      { uriTemplate: 'test://items/{id}', name: 'item', mimeType: 'application/json' },
    ]);
  });

  it('answers an unknown URI with -32002 (2025) or -32602 (2026), naming the URI', async () => {
    const h = coreHarness({ resources: [staticText] });
    h.initialize();
    h.request(1, 'resources/read', { uri: 'test://nope' });
    expect((await h.answer(1)).error).toMatchObject({
      code: ErrorCode.ResourceNotFound,
      data: { uri: 'test://nope' },
    });
    const modern = coreHarness({ resources: [staticText] }, '2026-07-28');
    modern.request(1, 'resources/read', { uri: 'test://nope' });
    expect((await modern.answer(1)).error.code).toBe(ErrorCode.InvalidParams);
  });

  it('pages every list in key order with opaque cursors, and refuses foreign cursors', async () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      defineResource({ uri: `test://r/${4 - i}`, name: `r${4 - i}`, text: String(i) }),
    );
    const h = coreHarness({ resources: many, pageSize: 2 });
    h.initialize();
    const uris: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      h.request(`p${page}`, 'resources/list', cursor === undefined ? {} : { cursor });
      const { result } = await h.answer(`p${page}`);
      uris.push(...result.resources.map((r: { uri: string }) => r.uri));
      cursor = result.nextCursor;
      if (cursor === undefined) break;
    }
    expect(uris).toEqual(['test://r/0', 'test://r/1', 'test://r/2', 'test://r/3', 'test://r/4']);
    h.request('bad', 'resources/list', { cursor: 'not-ours' });
    expect((await h.answer('bad')).error.code).toBe(ErrorCode.InvalidParams);
  });

  it('announces live changes and resource updates to subscribers only', async () => {
    const h = coreHarness({ resources: [staticText] });
    h.initialize();
    h.request(1, 'resources/subscribe', { uri: 'test://static-text' });
    expect((await h.answer(1)).result).toEqual({});
    expect(h.core.features.notifyResourceUpdated('test://static-text')).toBe(1);
    expect(h.core.features.notifyResourceUpdated('test://other')).toBe(0);
    await h.next((m) => m.method === 'notifications/resources/updated');
    h.request(2, 'resources/unsubscribe', { uri: 'test://static-text' });
    await h.answer(2);
    expect(h.core.features.notifyResourceUpdated('test://static-text')).toBe(0);

    h.core.features.resources.add(defineResource({ uri: 'test://new', name: 'new', text: 'x' }));
    await h.next((m) => m.method === 'notifications/resources/list_changed');
    h.core.features.prompts.add(greet);
    await h.next((m) => m.method === 'notifications/prompts/list_changed');
    expect(h.core.features.resources.remove('test://new')).toBe(true);
    expect(h.sent.filter((m) => m.method === 'notifications/resources/list_changed')).toHaveLength(
      2,
    );
  });
});

describe('prompts and completion', () => {
  it('publishes arguments from the zod schema and validates them on get', async () => {
    const h = coreHarness({ prompts: [greet] });
    h.initialize();
    h.request(1, 'prompts/list');
    expect((await h.answer(1)).result.prompts).toEqual([
      {
        name: 'greet',
        description: 'Greets someone',
        arguments: [
          { name: 'name', description: 'Who to greet', required: true },
          { name: 'tone', required: false },
        ],
      },
    ]);
    h.request(2, 'prompts/get', { name: 'greet', arguments: { name: 'Ada' } });
    expect((await h.answer(2)).result).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'Hello Ada' } }],
    });
    h.request(3, 'prompts/get', { name: 'greet', arguments: {} });
    expect((await h.answer(3)).error).toMatchObject({
      code: ErrorCode.InvalidParams,
      message: expect.stringContaining('arguments.name'),
    });
    h.request(4, 'prompts/get', { name: 'nope' });
    expect((await h.answer(4)).error.code).toBe(ErrorCode.InvalidParams);
  });

  it('completes prompt arguments and template variables', async () => {
    const h = coreHarness({ prompts: [greet], resourceTemplates: [items] });
    h.initialize();
    h.request(1, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'name', value: 'A' },
    });
    expect((await h.answer(1)).result.completion).toEqual({
      values: ['Ada', 'Alan'],
      total: 2,
      hasMore: false,
    });
    h.request(2, 'completion/complete', {
      ref: { type: 'ref/resource', uri: 'test://items/{id}' },
      argument: { name: 'id', value: 'b' },
    });
    expect((await h.answer(2)).result.completion.values).toEqual(['beta', 'bravo']);
    h.request(3, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'greet' },
      argument: { name: 'tone', value: '' },
    });
    expect((await h.answer(3)).result.completion.values).toEqual([]);
    h.request(4, 'completion/complete', { ref: { type: 'ref/other' }, argument: { name: 'x' } });
    expect((await h.answer(4)).error.code).toBe(ErrorCode.InvalidParams);
  });
});
