export {
  AS_SCOPES,
  type AuthorizationServerOptions,
  startAuthorizationServer,
  type TestAuthorizationServer,
} from './authorization-server.js';
export { browse } from './browse.js';
