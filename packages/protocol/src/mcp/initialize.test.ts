import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import {
  LATEST_PROTOCOL_VERSION,
  negotiateProtocolVersion,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '../versions.js';
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  InitializeResultSchema,
  isInitializeRequest,
} from './initialize.js';

// The specification's lifecycle examples (2025-11-25), including members newer than this
// package (tasks, icons, description) that must pass through untouched.
const specInitialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: '2024-11-05',
    capabilities: {
      roots: { listChanged: true },
      sampling: {},
      elicitation: { form: {}, url: {} },
      tasks: { requests: { elicitation: { create: {} }, sampling: { createMessage: {} } } },
    },
    clientInfo: {
      name: 'ExampleClient',
      title: 'Example Client Display Name',
      version: '1.0.0',
      description: 'An example MCP client application',
      icons: [{ src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'] }],
      websiteUrl: 'https://example.com',
    },
  },
};

const specInitializeResult = {
  protocolVersion: '2024-11-05',
  capabilities: {
    logging: {},
    prompts: { listChanged: true },
    resources: { subscribe: true, listChanged: true },
    tools: { listChanged: true },
    tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
  },
  serverInfo: {
    name: 'ExampleServer',
    title: 'Example Server Display Name',
    version: '1.0.0',
    description: 'An example MCP server providing tools and resources',
    icons: [
      { src: 'https://example.com/server-icon.svg', mimeType: 'image/svg+xml', sizes: ['any'] },
    ],
    websiteUrl: 'https://example.com/server',
  },
  instructions: 'Optional instructions for the client',
};

describe('initialize', () => {
  it('accepts the specification examples and keeps members it does not know', () => {
    expect(InitializeRequestSchema.parse(specInitialize)).toEqual(specInitialize);
    expect(isInitializeRequest(specInitialize)).toBe(true);
    expect(InitializeResultSchema.parse(specInitializeResult)).toEqual(specInitializeResult);
    expect(
      InitializedNotificationSchema.safeParse({
        jsonrpc: '2.0',
        method: 'notifications/initialized',
      }).success,
    ).toBe(true);
  });

  it.each([
    ['params.protocolVersion', { ...specInitialize.params, protocolVersion: 20241105 }],
    ['params.clientInfo.name', { ...specInitialize.params, clientInfo: { version: '1' } }],
    ['params.capabilities', { ...specInitialize.params, capabilities: undefined }],
    [
      'params.capabilities.roots.listChanged',
      { ...specInitialize.params, capabilities: { roots: { listChanged: 'yes' } } },
    ],
  ])('rejects a request with a bad %s, naming it', (field, params) => {
    const parsed = parseWith(
      InitializeRequestSchema,
      { ...specInitialize, params },
      'initialize request',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.field).toBe(field);
      expect(parsed.error.message).toContain(`${field}:`);
    }
  });

  it('rejects a result without serverInfo.version, naming it', () => {
    const { version: _version, ...serverInfo } = specInitializeResult.serverInfo;
    const parsed = parseWith(
      InitializeResultSchema,
      { ...specInitializeResult, serverInfo },
      'initialize result',
    );
    expect(parsed.ok ? undefined : parsed.error.field).toBe('serverInfo.version');
  });
});

describe('protocol versions', () => {
  it('supports the four revisions, newest first', () => {
    expect(SUPPORTED_PROTOCOL_VERSIONS).toEqual([
      '2025-11-25',
      '2025-06-18',
      '2025-03-26',
      '2024-11-05',
    ]);
    expect(LATEST_PROTOCOL_VERSION).toBe('2025-11-25');
  });

  it('echoes a supported version and answers anything else with the latest', () => {
    for (const version of SUPPORTED_PROTOCOL_VERSIONS)
      expect(negotiateProtocolVersion(version)).toBe(version);
    expect(negotiateProtocolVersion('2099-01-01')).toBe('2025-11-25');
    expect(negotiateProtocolVersion('')).toBe('2025-11-25');
  });
});
