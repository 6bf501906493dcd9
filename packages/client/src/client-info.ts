import type { Implementation } from '@mcp-sse/protocol';
// Only `version` is taken: the bundler inlines that one field at build time, so the
// published code always says the version it was built as (no literal to keep in step).
import { version } from '../package.json';

/** This package's version (from its package.json at build time), sent as `clientInfo.version` by default. */
export const CLIENT_VERSION: string = version;

/** The default `clientInfo`. */
export const DEFAULT_CLIENT_INFO: Implementation = {
  name: '@mcp-sse/client',
  version: CLIENT_VERSION,
};
