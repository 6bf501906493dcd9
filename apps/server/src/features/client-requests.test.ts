import { ErrorCode } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';
import { ClientRequestError } from './client-request-error.js';
import { coreHarness } from './test-harness.js';

const form = {
  message: 'Your name?',
  requestedSchema: { type: 'object' as const, properties: { name: { type: 'string' } } },
};

/** A tool that asks the client and reports what came back (or why not). */
const asker = defineTool({
  name: 'ask',
  description: 'asks the client',
  input: z.object({
    what: z.enum(['elicit', 'sample', 'roots']),
    timeoutMs: z.number().optional(),
  }),
  handler: async ({ what, timeoutMs }, ctx) => {
    const options = timeoutMs === undefined ? {} : { timeoutMs };
    try {
      if (what === 'elicit') return JSON.stringify(await ctx.elicit(form, options));
      if (what === 'sample') return JSON.stringify(await ctx.sample('hi', options));
      return JSON.stringify(await ctx.roots(options));
    } catch (error) {
      return ClientRequestError.isInstance(error) ? `error:${error.code}` : 'other error';
    }
  },
});

const allCaps = { elicitation: {}, sampling: {}, roots: {} };

describe('requests to the client on a 2025 session', () => {
  it('sends elicitation, sampling and roots on the call stream and resumes with the answers', async () => {
    const h = coreHarness({ tools: [asker] });
    h.initialize(allCaps);
    h.request(1, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    const elicit = await h.serverRequest('elicitation/create');
    expect(elicit).toMatchObject({ params: form, kind: 'request', related: 1 });
    h.respond(elicit.id, { action: 'accept', content: { name: 'Ada' } });
    expect((await h.answer(1)).result.content[0].text).toBe(
      '{"action":"accept","content":{"name":"Ada"}}',
    );

    h.request(2, 'tools/call', { name: 'ask', arguments: { what: 'sample' } });
    const sample = await h.serverRequest('sampling/createMessage');
    expect(sample.params).toEqual({
      messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }],
      maxTokens: 1000,
    });
    h.respond(sample.id, { role: 'assistant', content: { type: 'text', text: 'yo' }, model: 'm' });
    expect((await h.answer(2)).result.content[0].text).toContain('"model":"m"');

    h.request(3, 'tools/call', { name: 'ask', arguments: { what: 'roots' } });
    const roots = await h.serverRequest('roots/list');
    h.respond(roots.id, { roots: [{ uri: 'file:///a' }] });
    expect((await h.answer(3)).result.content[0].text).toBe('[{"uri":"file:///a"}]');
  });

  it('sends nothing to a client without the capability: the handler gets capability_missing', async () => {
    const h = coreHarness({ tools: [asker] });
    h.initialize({ roots: {} });
    h.request(1, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    expect((await h.answer(1)).result.content[0].text).toBe('error:capability_missing');
    h.request(2, 'tools/call', { name: 'ask', arguments: { what: 'sample' } });
    expect((await h.answer(2)).result.content[0].text).toBe('error:capability_missing');
    expect(h.sent.filter((m) => 'method' in m && 'id' in m)).toEqual([]);
  });

  it('gives a typed error for a client error, a bad answer, a timeout and a closed session', async () => {
    const h = coreHarness({ tools: [asker] });
    h.initialize(allCaps);
    h.request(1, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    const first = await h.serverRequest('elicitation/create');
    h.core.handle('s1', {
      jsonrpc: '2.0',
      id: first.id,
      error: { code: -32600, message: 'no' },
    });
    expect((await h.answer(1)).result.content[0].text).toBe('error:client_error');

    h.request(2, 'tools/call', { name: 'ask', arguments: { what: 'roots' } });
    const second = await h.serverRequest('roots/list');
    h.respond(second.id, { roots: 'nope' });
    expect((await h.answer(2)).result.content[0].text).toBe('error:invalid_response');

    h.request(3, 'tools/call', { name: 'ask', arguments: { what: 'elicit', timeoutMs: 1 } });
    expect((await h.answer(3)).result.content[0].text).toBe('error:timeout');
    const timedOut = await h.serverRequest('elicitation/create');
    const cancel = await h.next((m) => m.method === 'notifications/cancelled');
    expect(cancel.params.requestId).toBe(timedOut.id);
    // A late answer to a request nobody waits for is dropped.
    expect(
      h.core.features.handleResponse(h.core.session('s1')!, { id: timedOut.id, result: {} }),
    ).toBe(false);

    h.request(4, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    await h.serverRequest('elicitation/create');
    const session = h.core.session('s1')!;
    const outbound = h.core.features.outbound(session);
    expect(outbound.size).toBe(1);
    h.core.closeSession('s1');
    expect(outbound.size).toBe(0);
  });

  it('cancels the request to the client when the tool call is cancelled', async () => {
    const h = coreHarness({ tools: [asker] });
    h.initialize(allCaps);
    h.request(7, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    const elicit = await h.serverRequest('elicitation/create');
    h.notify('notifications/cancelled', { requestId: 7 });
    const cancel = await h.next((m) => m.method === 'notifications/cancelled');
    expect(cancel.params.requestId).toBe(elicit.id);
    expect(h.core.features.outbound(h.core.session('s1')!).size).toBe(0);
  });
});

describe('multi round-trip requests (2026-07-28)', () => {
  const twoStep = defineTool({
    name: 'two_step',
    description: 'asks twice, once in parallel',
    input: z.object({}),
    handler: async (_args, ctx) => {
      const name = await ctx.elicit(form, { key: 'user_name' });
      const [greeting, roots] = await Promise.all([
        ctx.sample('greet', { key: 'greeting' }),
        ctx.roots({ key: 'client_roots' }),
      ]);
      const text = (greeting.content as { text: string }).text;
      return `${(name.content as { name: string }).name}/${text}/${roots.length}`;
    },
  });
  const caps = {
    _meta: {
      'io.modelcontextprotocol/clientCapabilities': { elicitation: {}, sampling: {}, roots: {} },
    },
  };

  it('answers input_required, resumes from the signed requestState, and finishes', async () => {
    const h = coreHarness({ tools: [twoStep], requestStateSecret: 'k' }, '2026-07-28');
    h.request(1, 'tools/call', { name: 'two_step', arguments: {}, ...caps });
    const first = (await h.answer(1)).result;
    expect(first.resultType).toBe('input_required');
    expect(Object.keys(first.inputRequests)).toEqual(['user_name']);
    expect(first.inputRequests.user_name).toEqual({ method: 'elicitation/create', params: form });

    h.request(2, 'tools/call', {
      name: 'two_step',
      arguments: {},
      ...caps,
      requestState: first.requestState,
      inputResponses: { user_name: { action: 'accept', content: { name: 'Ada' } }, extra: 1 },
    });
    const second = (await h.answer(2)).result;
    expect(Object.keys(second.inputRequests).sort()).toEqual(['client_roots', 'greeting']);

    // Another instance with the same secret resumes it: nothing is kept in memory.
    const other = coreHarness({ tools: [twoStep], requestStateSecret: 'k' }, '2026-07-28');
    other.request(3, 'tools/call', {
      name: 'two_step',
      arguments: {},
      ...caps,
      requestState: second.requestState,
      inputResponses: {
        greeting: { role: 'assistant', content: { type: 'text', text: 'hey' }, model: 'm' },
        client_roots: { roots: [{ uri: 'file:///x' }] },
      },
    });
    expect((await other.answer(3)).result.content[0].text).toBe('Ada/hey/1');
  });

  it('refuses a tampered or foreign requestState with -32602', async () => {
    const h = coreHarness({ tools: [twoStep], requestStateSecret: 'k' }, '2026-07-28');
    h.request(1, 'tools/call', { name: 'two_step', arguments: {}, ...caps });
    const { requestState } = (await h.answer(1)).result;
    h.request(2, 'tools/call', { name: 'two_step', ...caps, requestState: `x${requestState}` });
    expect((await h.answer(2)).error.code).toBe(ErrorCode.InvalidParams);
    const other = coreHarness({ tools: [twoStep], requestStateSecret: 'other' }, '2026-07-28');
    other.request(3, 'tools/call', { name: 'two_step', ...caps, requestState });
    expect((await other.answer(3)).error.code).toBe(ErrorCode.InvalidParams);
  });

  it('asks again when the answer is missing or malformed, and checks capabilities per request', async () => {
    const h = coreHarness({ tools: [twoStep, asker] }, '2026-07-28');
    h.request(1, 'tools/call', {
      name: 'two_step',
      ...caps,
      inputResponses: { user_name: { action: 'maybe' } },
    });
    expect(Object.keys((await h.answer(1)).result.inputRequests)).toEqual(['user_name']);
    h.request(2, 'tools/call', { name: 'ask', arguments: { what: 'elicit' } });
    expect((await h.answer(2)).result.content[0].text).toBe('error:capability_missing');
  });
});

describe('structured output', () => {
  const shaped = defineTool({
    name: 'shaped',
    description: 'returns structured content',
    input: z.object({ good: z.boolean(), none: z.boolean().optional() }),
    output: z.object({ n: z.number() }),
    handler: ({ good, none }) =>
      none ? { content: [{ type: 'text', text: 'x' }] } : good ? { n: 1 } : { n: 'one' },
  });

  it('passes a matching shape and makes a wrong or missing one a JSON-RPC internal error', async () => {
    const h = coreHarness({ tools: [shaped] });
    h.initialize();
    h.request(1, 'tools/call', { name: 'shaped', arguments: { good: true } });
    expect((await h.answer(1)).result.structuredContent).toEqual({ n: 1 });
    h.request(2, 'tools/call', { name: 'shaped', arguments: { good: false } });
    expect((await h.answer(2)).error).toMatchObject({
      code: ErrorCode.InternalError,
      message: expect.stringContaining('structuredContent.n'),
    });
    h.request(3, 'tools/call', { name: 'shaped', arguments: { good: true, none: true } });
    expect((await h.answer(3)).error.message).toMatch(/no structuredContent/);
  });
});

describe('cancelling a prompt that waits for the client', () => {
  it('aborts its handler, cancels its elicitation and sends no answer', async () => {
    const { definePrompt } = await import('./define-prompt.js');
    let aborted = false;
    const waiting = definePrompt({
      name: 'waiting',
      get: async (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => {
          aborted = true;
        });
        const answer = await ctx.elicit(form).catch((error: unknown) => error);
        return `done: ${ClientRequestError.isInstance(answer) ? answer.code : 'answered'}`;
      },
    });
    const h = coreHarness({ prompts: [waiting] });
    h.initialize(allCaps);
    h.request(9, 'prompts/get', { name: 'waiting' });
    const elicit = await h.serverRequest('elicitation/create');
    expect(elicit.related).toBe(9);
    h.notify('notifications/cancelled', { requestId: 9 });
    const cancel = await h.next((m) => m.method === 'notifications/cancelled');
    expect(cancel.params.requestId).toBe(elicit.id);
    expect(aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.sent.some((m) => m.id === 9 && !('method' in m))).toBe(false);
  });
});
