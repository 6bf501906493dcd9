import { describe, expect, it } from 'vitest';
import { jsonRpcError, jsonRpcNotification, jsonRpcRequest } from '../build.js';
import { ErrorCode } from '../error-codes.js';
import { fixtures } from '../fixtures/all.js';
import { StatelessRequestMetaSchema } from '../mcp/meta.js';
import { MetaKey } from '../mcp/meta-keys.js';
import { ProtocolVersion, STATELESS_PROTOCOL_VERSIONS } from '../versions.js';
import { NOTIFICATIONS, REQUESTS } from './methods.js';
import { REVISIONS, type Revision, specSchema } from './spec-schemas.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every JSON-RPC message of the recorded fixtures, each result with its request's method. */
function fixtureMessages(): { name: string; message: Json; method: string | undefined }[] {
  const out: { name: string; message: Json; method: string | undefined }[] = [];
  for (const fixture of fixtures) {
    const methods = new Map<string, string>();
    for (const step of fixture.steps) {
      const message =
        step.type === 'post' && step.to === 'endpoint'
          ? step.body
          : step.type === 'event' && step.event === 'message'
            ? step.data
            : undefined;
      if (!isObject(message) || message.jsonrpc !== '2.0') continue;
      if (typeof message.method === 'string' && 'id' in message) {
        methods.set(JSON.stringify(message.id), message.method);
      }
      const method =
        typeof message.method === 'string'
          ? message.method
          : methods.get(JSON.stringify(message.id));
      out.push({ name: fixture.name, message, method });
    }
  }
  return out;
}

/** The definition a message is checked against in `revision`, with the value to check. */
function definition(revision: Revision, message: Json, method: string | undefined) {
  const names = specSchema(revision).names;
  if ('error' in message) {
    return {
      name: names.has('JSONRPCErrorResponse') ? 'JSONRPCErrorResponse' : 'JSONRPCError',
      value: message,
    };
  }
  const entry = REQUESTS[method ?? ''];
  const name =
    'result' in message
      ? entry?.specResult
      : 'id' in message
        ? entry?.specRequest
        : NOTIFICATIONS[method ?? '']?.spec;
  if (name === undefined || !names.has(name)) return undefined;
  return { name, value: 'result' in message ? message.result : message };
}

describe('the recorded fixtures', () => {
  const messages = fixtureMessages();

  it('parse with our schema for their method', () => {
    let checked = 0;
    for (const { name, message, method } of messages) {
      if ('error' in message) continue;
      const entry = REQUESTS[method ?? ''];
      const schema =
        'result' in message
          ? entry?.result
          : 'id' in message
            ? entry?.request
            : NOTIFICATIONS[method ?? '']?.schema;
      if (schema === undefined) continue; // the unknown-method fixture
      const value = 'result' in message ? message.result : message;
      expect(schema.safeParse(value).success, `${name}: ${method}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it.each(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'] as const)(
    'validate against the %s schema.json, message by message',
    (revision) => {
      const spec = specSchema(revision);
      let checked = 0;
      for (const { name, message, method } of messages) {
        const target = definition(revision, message, method);
        if (!target) continue;
        // `initialize` differs between revisions only in what the result offers.
        expect(spec.errors(target.name, target.value), `${name}: ${target.name}`).toEqual([]);
        checked += 1;
      }
      expect(checked).toBeGreaterThanOrEqual(40);
    },
    60_000,
  );
});

/** A 2026-07-28 request `_meta`, built as a client of ours builds it. */
const meta = StatelessRequestMetaSchema.parse({
  [MetaKey.ProtocolVersion]: ProtocolVersion.V2026_07_28,
  [MetaKey.ClientCapabilities]: {
    elicitation: { form: {} },
    extensions: { 'io.modelcontextprotocol/tasks': {} },
  },
  [MetaKey.ClientInfo]: { name: 'mcp-sse', version: '1.0.0' },
  [MetaKey.LogLevel]: 'info',
});
const serverMeta = { [MetaKey.ServerInfo]: { name: 'mcp-sse-server', version: '1.0.0' } };
const cache = { ttlMs: 0, cacheScope: 'private' } as const;

/** What we build for 2026-07-28, by definition name. */
const BUILT_2026: [string, unknown][] = [
  ['DiscoverRequest', jsonRpcRequest(1, 'server/discover', { _meta: meta })],
  [
    'DiscoverResult',
    {
      resultType: 'complete',
      supportedVersions: [...STATELESS_PROTOCOL_VERSIONS],
      capabilities: { tools: { listChanged: true }, resources: { subscribe: true } },
      _meta: serverMeta,
      ...cache,
    },
  ],
  ['ListToolsRequest', jsonRpcRequest(2, 'tools/list', { _meta: meta, cursor: 'c1' })],
  [
    'CallToolRequest',
    jsonRpcRequest(3, 'tools/call', { _meta: meta, name: 'echo', arguments: { message: 'hi' } }),
  ],
  [
    'CallToolRequest',
    jsonRpcRequest(3, 'tools/call', {
      _meta: meta,
      name: 'confirm',
      inputResponses: { ask: { action: 'accept', content: { ok: true } } },
      requestState: 'opaque',
    }),
  ],
  [
    'InputRequiredResult',
    {
      resultType: 'input_required',
      inputRequests: {
        ask: {
          method: 'elicitation/create',
          params: {
            message: 'Continue?',
            requestedSchema: {
              type: 'object',
              properties: { ok: { type: 'boolean', default: true } },
            },
          },
        },
        roots: { method: 'roots/list' },
      },
      requestState: 'opaque',
    },
  ],
  [
    'SubscriptionsListenRequest',
    jsonRpcRequest(4, 'subscriptions/listen', {
      _meta: meta,
      notifications: { toolsListChanged: true, resourceSubscriptions: ['file:///a'] },
    }),
  ],
  [
    'SubscriptionsAcknowledgedNotification',
    jsonRpcNotification('notifications/subscriptions/acknowledged', {
      notifications: { toolsListChanged: true },
      _meta: { [MetaKey.SubscriptionId]: 4 },
    }),
  ],
  [
    'HeaderMismatchError',
    jsonRpcError(5, ErrorCode.HeaderMismatch, 'Mcp-Name does not match params.name'),
  ],
  [
    'UnsupportedProtocolVersionError',
    jsonRpcError(6, ErrorCode.UnsupportedProtocolVersion, 'Unsupported protocol version', {
      supported: [...STATELESS_PROTOCOL_VERSIONS],
      requested: '2099-01-01',
    }),
  ],
  [
    'MissingRequiredClientCapabilityError',
    jsonRpcError(7, ErrorCode.MissingRequiredClientCapability, 'needs elicitation', {
      requiredCapabilities: { elicitation: {} },
    }),
  ],
  [
    'ReadResourceResult',
    { resultType: 'complete', contents: [{ uri: 'file:///a', text: 'x' }], ...cache },
  ],
  ['CallToolResult', { resultType: 'complete', content: [], structuredContent: [1, 2] }],
];

describe('what we build for 2026-07-28', () => {
  it.each(BUILT_2026)(
    'validates against schema.json as %s',
    (name, value) => {
      expect(specSchema('2026-07-28').errors(name, value)).toEqual([]);
    },
    60_000,
  );

  it('is checked by a validator that refuses what the specification refuses', () => {
    const spec = specSchema('2026-07-28');
    expect(
      spec.errors('CallToolRequest', jsonRpcRequest(1, 'tools/call', { name: 'x' })),
    ).not.toEqual([]);
    expect(
      spec.errors(
        'UnsupportedProtocolVersionError',
        jsonRpcError(1, ErrorCode.HeaderMismatch, 'x'),
      ),
    ).not.toEqual([]);
    expect(REVISIONS).toContain(ProtocolVersion.V2026_07_28);
  }, 60_000);
});
