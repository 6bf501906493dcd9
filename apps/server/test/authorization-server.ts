import {
  type AuthorizationServerOptions,
  startAuthorizationServer as start,
  type TestAuthorizationServer,
} from '@mcp-sse/test-authorization-server';
import { onCleanup } from './helpers.js';

export type { TestAuthorizationServer };

/**
 * The workspace's authorization server helper (tooling/test-authorization-server: a real
 * oidc-provider on loopback), closed after the test.
 */
export async function startAuthorizationServer(
  options?: AuthorizationServerOptions,
): Promise<TestAuthorizationServer> {
  const as = await start(options);
  onCleanup(() => as.close());
  return as;
}
