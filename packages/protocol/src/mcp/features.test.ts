import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import {
  isKnownProtocolVersion,
  isStatelessProtocolVersion,
  negotiateProtocolVersion,
  ProtocolVersion,
} from '../versions.js';
import { CompleteRequestSchema } from './completion.js';
import { DiscoverResultSchema } from './discover.js';
import { ElicitRequestSchema, ElicitResultSchema } from './elicitation.js';
import { InputRequiredResultSchema, isInputRequiredResult } from './input-required.js';
import { StatelessRequestMetaSchema } from './meta.js';
import { MetaKey } from './meta-keys.js';
import { CreateMessageRequestSchema } from './sampling.js';
import {
  CreateTaskResultSchema,
  GetTaskResultSchema,
  isCreateTaskResult,
  isTerminalTaskStatus,
} from './tasks.js';
import { ClientRequestSchema, ServerNotificationSchema, ServerRequestSchema } from './unions.js';

const fieldOf = (schema: Parameters<typeof parseWith>[0], value: unknown) => {
  const parsed = parseWith(schema, value, 'message');
  return parsed.ok ? undefined : parsed.error.field;
};

describe('feature messages', () => {
  it('route every client method of every revision through the client union', () => {
    const methods = [
      'resources/list',
      'resources/templates/list',
      'prompts/list',
      'tasks/list',
      'server/discover',
    ];
    for (const method of methods) {
      expect(ClientRequestSchema.safeParse({ method }).success, method).toBe(true);
    }
    const withParams: [string, Record<string, unknown>][] = [
      ['resources/read', { uri: 'file:///a' }],
      ['resources/subscribe', { uri: 'file:///a' }],
      ['resources/unsubscribe', { uri: 'file:///a' }],
      ['prompts/get', { name: 'p', arguments: { a: 'x' } }],
      [
        'completion/complete',
        { ref: { type: 'ref/prompt', name: 'p' }, argument: { name: 'a', value: 'x' } },
      ],
      ['subscriptions/listen', { notifications: { toolsListChanged: true } }],
      ['tasks/get', { taskId: 't' }],
      ['tasks/update', { taskId: 't', inputResponses: { k: { action: 'decline' } } }],
      ['tasks/cancel', { taskId: 't' }],
      ['tasks/result', { taskId: 't' }],
    ];
    for (const [method, params] of withParams) {
      expect(ClientRequestSchema.safeParse({ method, params }).success, method).toBe(true);
    }
  });

  it('name the field at fault in a broken feature request', () => {
    expect(fieldOf(ClientRequestSchema, { method: 'resources/read', params: {} })).toBe(
      'params.uri',
    );
    expect(
      fieldOf(CompleteRequestSchema, {
        method: 'completion/complete',
        params: { ref: { type: 'ref/tool', name: 'x' }, argument: { name: 'a', value: '' } },
      }),
    ).toBe('params.ref.type');
    expect(
      fieldOf(ClientRequestSchema, {
        method: 'prompts/get',
        params: { name: 'p', arguments: { n: 1 } },
      }),
    ).toBe('params.arguments.n');
  });

  it('keep elicitation forms to flat primitive fields', () => {
    const form = (properties: Record<string, unknown>) => ({
      method: 'elicitation/create',
      params: { message: 'm', requestedSchema: { type: 'object', properties } },
    });
    expect(
      ElicitRequestSchema.safeParse(
        form({
          name: { type: 'string', minLength: 1, default: 'Ada' },
          age: { type: 'integer', minimum: 0, default: 36 },
          ok: { type: 'boolean', default: true },
          colour: { type: 'string', oneOf: [{ const: 'r', title: 'Red' }], default: 'r' },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, default: ['a'] },
          size: { type: 'string', enum: ['s', 'm'], enumNames: ['Small', 'Medium'] },
        }),
      ).success,
    ).toBe(true);
    expect(ElicitRequestSchema.safeParse(form({ nested: { type: 'object' } })).success).toBe(false);
    expect(
      ElicitRequestSchema.safeParse(form({ n: { type: 'number', default: 'x' } })).success,
    ).toBe(false);
  });

  it('tell URL mode from form mode', () => {
    const url = { mode: 'url', message: 'Pay', url: 'https://pay.example/x', elicitationId: 'e1' };
    expect(
      ServerRequestSchema.safeParse({ method: 'elicitation/create', params: url }).success,
    ).toBe(true);
    const { url: _dropped, ...noUrl } = url;
    expect(
      ServerRequestSchema.safeParse({ method: 'elicitation/create', params: noUrl }).success,
    ).toBe(false);
    expect(ElicitResultSchema.safeParse({ action: 'maybe' }).success).toBe(false);
  });

  it('read sampling with tools, and several content blocks per message', () => {
    const request = {
      method: 'sampling/createMessage',
      params: {
        maxTokens: 100,
        messages: [
          { role: 'user', content: { type: 'text', text: 'Weather?' } },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'u1', name: 'weather', input: { city: 'Paris' } }],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', toolUseId: 'u1', content: [{ type: 'text', text: '20C' }] },
            ],
          },
        ],
        tools: [{ name: 'weather', inputSchema: { type: 'object' } }],
        toolChoice: { mode: 'auto' },
      },
    };
    expect(CreateMessageRequestSchema.safeParse(request).success).toBe(true);
    expect(fieldOf(CreateMessageRequestSchema, { ...request, params: { messages: [] } })).toBe(
      'params.maxTokens',
    );
  });

  it('route the new server notifications', () => {
    for (const message of [
      { method: 'notifications/resources/updated', params: { uri: 'file:///a' } },
      { method: 'notifications/prompts/list_changed' },
      { method: 'notifications/elicitation/complete', params: { elicitationId: 'e1' } },
      { method: 'notifications/subscriptions/acknowledged', params: { notifications: {} } },
    ]) {
      expect(ServerNotificationSchema.safeParse(message).success, message.method).toBe(true);
    }
  });
});

describe('2026-07-28', () => {
  it('requires the protocol version and capabilities in request _meta', () => {
    const meta = {
      [MetaKey.ProtocolVersion]: ProtocolVersion.V2026_07_28,
      [MetaKey.ClientCapabilities]: {},
    };
    expect(StatelessRequestMetaSchema.safeParse(meta).success).toBe(true);
    expect(fieldOf(StatelessRequestMetaSchema, { [MetaKey.ClientCapabilities]: {} })).toBe(
      MetaKey.ProtocolVersion,
    );
    expect(fieldOf(StatelessRequestMetaSchema, { ...meta, [MetaKey.LogLevel]: 'loud' })).toBe(
      MetaKey.LogLevel,
    );
  });

  it('reads input_required results and nothing else as such', () => {
    const result = {
      resultType: 'input_required',
      inputRequests: { r: { method: 'roots/list' } },
      requestState: 's',
    };
    expect(isInputRequiredResult(result)).toBe(true);
    expect(isInputRequiredResult({ ...result, resultType: 'complete' })).toBe(false);
    expect(
      fieldOf(InputRequiredResultSchema, {
        ...result,
        inputRequests: { r: { method: 'tools/list' } },
      }),
    ).toBe('inputRequests.r.method');
  });

  it('reads a discover result with its caching hints', () => {
    const parsed = DiscoverResultSchema.parse({
      resultType: 'complete',
      supportedVersions: ['2026-07-28'],
      capabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } },
      ttlMs: 60_000,
      cacheScope: 'public',
    });
    expect(parsed.cacheScope).toBe('public');
    expect(DiscoverResultSchema.safeParse({ ...parsed, cacheScope: 'shared' }).success).toBe(false);
  });

  it('tells a task handle from a result, and final task states from the others', () => {
    const task = {
      taskId: 't1',
      status: 'working',
      createdAt: '2026-07-28T10:00:00Z',
      lastUpdatedAt: '2026-07-28T10:00:00Z',
      ttlMs: null,
      pollIntervalMs: 1000,
    };
    expect(isCreateTaskResult({ ...task, resultType: 'task' })).toBe(true);
    expect(isCreateTaskResult({ ...task, resultType: 'complete' })).toBe(false);
    expect(
      CreateTaskResultSchema.safeParse({ ...task, resultType: 'task', status: 'done' }).success,
    ).toBe(false);
    const done = GetTaskResultSchema.parse({
      ...task,
      resultType: 'complete',
      status: 'completed',
      result: { content: [] },
    });
    expect(isTerminalTaskStatus(done.status)).toBe(true);
    expect(isTerminalTaskStatus('input_required')).toBe(false);
  });

  it('reads task status notifications under both names the extension has used', () => {
    const task = {
      taskId: 't1',
      status: 'completed',
      createdAt: '2026-07-28T10:00:00Z',
      lastUpdatedAt: '2026-07-28T10:01:00Z',
      result: { content: [] },
    };
    for (const message of [
      { method: 'notifications/tasks', params: { ...task, ttlMs: null } },
      { method: 'notifications/tasks/status', params: { ...task, ttlMs: 60_000 } },
      { method: 'notifications/tasks/status', params: { ...task, ttl: null } },
    ]) {
      expect(ServerNotificationSchema.safeParse(message).success, message.method).toBe(true);
    }
  });

  it('is a revision that initialize never negotiates', () => {
    expect(isStatelessProtocolVersion('2026-07-28')).toBe(true);
    expect(isStatelessProtocolVersion('2025-11-25')).toBe(false);
    expect(isKnownProtocolVersion('2026-07-28')).toBe(true);
    expect(negotiateProtocolVersion('2026-07-28')).toBe(ProtocolVersion.V2025_11_25);
  });
});
