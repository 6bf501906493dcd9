// The one authorization server helper of the workspace lives in tooling/test-authorization-server;
// re-exported here so the client's tests keep their import.
export {
  AS_SCOPES,
  browse,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from '@mcp-sse/test-authorization-server';
