import type { Implementation } from '@mcp-sse/protocol';

/** This package's version, sent as `clientInfo.version` by default. */
export const CLIENT_VERSION = '0.1.0';

/** The default `clientInfo`. */
export const DEFAULT_CLIENT_INFO: Implementation = {
  name: '@mcp-sse/client',
  version: CLIENT_VERSION,
};
