// oidc-provider ships no types; the tests use its constructor and its Node request handler only.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The authorization server (a Koa app). */
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    /** The Node request listener. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Koa's event emitter. */
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
