import { McpServerCore, type McpServerCoreOptions } from '../core/mcp-server-core.js';
import { GatewayCore } from './gateway-core.js';
import { resolveGatewayOptions, type StdioGatewayOptions } from './gateway-options.js';

/** The plugin's core: ours, or with `stdio` set, one that serves that stdio server. */
export function createCore(
  stdio: StdioGatewayOptions | undefined,
  options: McpServerCoreOptions,
): McpServerCore {
  if (stdio === undefined) return new McpServerCore(options);
  return new GatewayCore(resolveGatewayOptions(stdio), options);
}
