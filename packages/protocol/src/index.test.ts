import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// Runtime names that the server, the client, the demo, the bench and the tests import today
// (their types are checked by each package's typecheck).
const USED = [
  'ALL_PROTOCOL_VERSIONS',
  'CallToolResultSchema',
  'CompleteResultSchema',
  'ErrorCode',
  'GetPromptResultSchema',
  'InitializeRequestSchema',
  'InitializeResultSchema',
  'LATEST_PROTOCOL_VERSION',
  'ListPromptsResultSchema',
  'ListResourceTemplatesResultSchema',
  'ListResourcesResultSchema',
  'ListToolsResultSchema',
  'LoggingMessageNotificationSchema',
  'MCP_NAME_SOURCE',
  'MetaKey',
  'ReadResourceResultSchema',
  'SUPPORTED_PROTOCOL_VERSIONS',
  'SetLevelRequestSchema',
  'SimpleCallSchema',
  'SseDecoderStream',
  'X_MCP_HEADER',
  'createSseDecoder',
  'decodeHeaderValue',
  'encodeSseComment',
  'encodeSseEvent',
  'encodeSseFrame',
  'encodeSseMessage',
  'encodeSseRetry',
  'firstIssuePath',
  'formatIssues',
  'isKnownProtocolVersion',
  'isLevelEnabled',
  'isStatelessProtocolVersion',
  'isSupportedProtocolVersion',
  'jsonRpcError',
  'jsonRpcNotification',
  'jsonRpcRequest',
  'jsonRpcResult',
  'negotiateProtocolVersion',
  'parseJSONRPCMessage',
  'parseWith',
  'toJSONRPCMessage',
];

// Member bundles the schemas are built from: internal, never part of the API.
const INTERNAL = [
  'resultBase',
  'cacheFields',
  'paginatedResultFields',
  'iconsField',
  'inputResponseFields',
];

describe('the package entry point', () => {
  it('exports every name the workspace imports', () => {
    expect(USED.filter((name) => !(name in api))).toEqual([]);
  });

  it('keeps the schema building blocks internal', () => {
    expect(INTERNAL.filter((name) => name in api)).toEqual([]);
  });

  it('names schemas XxxSchema and guards isXxx', () => {
    const names = Object.keys(api);
    const zodLike = names.filter((name) => {
      const value = (api as Record<string, unknown>)[name];
      return typeof value === 'object' && value !== null && 'safeParse' in value;
    });
    expect(zodLike.filter((name) => !name.endsWith('Schema'))).toEqual([]);
    expect(zodLike.length).toBeGreaterThanOrEqual(150);
  });
});
