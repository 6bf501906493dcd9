// oidc-provider ships no types; the tests use only what is declared here.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** A grant (what a user consented to for a client). */
  export interface Grant {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  /** A stored (opaque) token. */
  export interface StoredToken {
    grantId?: string;
    destroy(): Promise<void>;
  }

  /** A token model: finds stored tokens by value, revokes a grant's. */
  export interface TokenModel {
    find(value: string): Promise<StoredToken | undefined>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** The authorization server (a Koa app). */
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    /** The Node request listener. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** Koa's event emitter. */
    on(event: string, listener: (...args: never[]) => void): this;
    /** Finishes an interaction (login / consent) and redirects back to the authorization. */
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    /** The pending interaction: its prompt, the authorization parameters and the session. */
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<{
      prompt: { name: string };
      params: Record<string, unknown>;
      session?: { accountId?: string };
    }>;
    Grant: new (init: {
      clientId: string;
      accountId: string;
    }) => Grant;
    AccessToken: TokenModel;
    ClientCredentials: TokenModel;
    RefreshToken: TokenModel;
  }
}
