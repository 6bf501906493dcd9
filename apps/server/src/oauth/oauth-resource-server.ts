import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../tools/tool-context.js';
import { parseAuthorization } from './authorization-header.js';
import { isValidDpopProof } from './dpop-proof.js';
import { isSseRequest, type McpRoutePaths, sseResource } from './mcp-resources.js';
import {
  AuthServerUnavailableError,
  InsufficientScopeError,
  InvalidAuthorizationHeaderError,
  InvalidTokenError,
  type WithChallenge,
  withChallenge,
} from './oauth-errors.js';
import {
  type OAuthOptions,
  type ResolvedOAuthOptions,
  resolveOAuthOptions,
} from './oauth-options.js';
import {
  metadataPaths,
  metadataUrl,
  PRM_WELL_KNOWN,
  type ProtectedResourceMetadata,
  protectedResourceMetadata,
} from './protected-resource-metadata.js';
import { scopesNeededBy } from './scopes-needed.js';
import { isOAuthPrincipal, missingScopes, type OAuthPrincipal } from './token-claims.js';
import {
  ACCEPTED_ALGORITHMS,
  TokenCheckUnavailableError,
  TokenVerifier,
} from './token-verifier.js';
import { bearerChallenge } from './www-authenticate.js';

/**
 * This server as an OAuth 2.1 resource server: authenticates Bearer tokens, says how to get
 * one (the 401 challenge and the RFC 9728 document), and checks per-tool scopes.
 */
export class OAuthResourceServer {
  /** The checked options. */
  readonly options: ResolvedOAuthOptions;
  /** The absolute URL of our metadata document. */
  readonly resourceMetadataUrl: string;
  /** The resource identifier of the HTTP+SSE endpoint (see {@link sseResource}). */
  readonly sseResource: string;
  /** The absolute URL of its metadata document. */
  readonly sseResourceMetadataUrl: string;
  private readonly verifier: TokenVerifier;

  /** `routes`: where the MCP routes are, so HTTP+SSE clients get a resource they accept. */
  constructor(
    options: OAuthOptions,
    private readonly routes: McpRoutePaths = {},
  ) {
    const resolved = resolveOAuthOptions(options);
    this.sseResource = sseResource(resolved.resource, routes);
    // Without an explicit audience, a token for either endpoint opens both: one server.
    this.options =
      options.audience === undefined && this.sseResource !== resolved.resource
        ? { ...resolved, audiences: [resolved.resource, this.sseResource] }
        : resolved;
    this.resourceMetadataUrl = metadataUrl(resolved.resource);
    this.sseResourceMetadataUrl = metadataUrl(this.sseResource);
    this.verifier = new TokenVerifier(this.options);
  }

  /** The metadata URL to name in a challenge to `request`. */
  private metadataFor(request?: FastifyRequest): string {
    return request !== undefined && isSseRequest(request.url, this.routes)
      ? this.sseResourceMetadataUrl
      : this.resourceMetadataUrl;
  }

  /**
   * The `WWW-Authenticate` of a 401: where the metadata is and the scopes to ask for, plus
   * `error="invalid_token"` when the request did carry a Bearer token (RFC 6750 section 3.1).
   */
  challenge(request?: FastifyRequest): string {
    const kind = request && parseAuthorization(request.headers.authorization).kind;
    const presented = kind === 'bearer' || kind === 'dpop';
    return bearerChallenge({
      resourceMetadata: this.metadataFor(request),
      scopes: this.options.scopes,
      ...(presented ? { error: 'invalid_token' as const } : {}),
    });
  }

  /** The error of a 401. */
  unauthorized(request?: FastifyRequest): Error {
    return new InvalidTokenError(this.metadataFor(request));
  }

  /**
   * The principal of a request's Bearer or DPoP token; undefined when it has none or another
   * scheme (the caller may still try API keys), and a bad token. Throws 400 for a malformed
   * header, 403 when the token lacks the scopes every request needs, 503 when the issuer
   * is out of reach.
   */
  async authenticate(request: FastifyRequest): Promise<Principal | undefined> {
    const header = parseAuthorization(request.headers.authorization);
    if (header.kind === 'malformed') {
      throw withChallenge(
        new InvalidAuthorizationHeaderError(),
        bearerChallenge({ resourceMetadata: this.metadataFor(request), error: 'invalid_request' }),
      );
    }
    if (header.kind !== 'bearer' && header.kind !== 'dpop') return undefined;
    let principal: OAuthPrincipal | undefined;
    try {
      principal = await this.verifier.verify(header.token);
    } catch (error) {
      if (!(error instanceof TokenCheckUnavailableError)) throw error;
      request.log.warn(
        { err: error },
        'access token check failed: authorization server unreachable',
      );
      throw new AuthServerUnavailableError(this.options.issuer, error.message);
    }
    if (principal === undefined) return undefined;
    if (!(await this.senderHolds(request, header, principal))) return undefined;
    this.requireScopes(principal, this.options.scopes, request);
    return principal;
  }

  /**
   * RFC 9449: a token bound to a DPoP key (`cnf.jkt`) opens only `DPoP` requests whose proof
   * that key signed for this very request; it is no bearer token. A `DPoP` request needs
   * such a token. Unbound tokens sent as Bearer pass.
   */
  private async senderHolds(
    request: FastifyRequest,
    header: { kind: 'bearer' | 'dpop'; token: string },
    principal: OAuthPrincipal,
  ): Promise<boolean> {
    const jkt = principal.keyThumbprint;
    if (header.kind === 'bearer') return jkt === undefined;
    if (jkt === undefined) return false;
    const path = request.url.split('?')[0] ?? '';
    return isValidDpopProof(request.headers.dpop, {
      method: request.method,
      // As this server sees itself, and as its public URL (behind a TLS-ending proxy).
      urls: [
        `${request.protocol}://${request.host}${path}`,
        `${new URL(this.options.resource).origin}${path}`,
      ],
      accessToken: header.token,
      keyThumbprint: jkt,
      algorithms: ACCEPTED_ALGORITHMS,
      clockToleranceSeconds: this.options.clockToleranceSeconds,
    });
  }

  /** Throws 403 insufficient_scope when an OAuth principal lacks any of `needed`. */
  requireScopes(
    principal: Principal | null | undefined,
    needed: readonly string[],
    request?: FastifyRequest,
  ): void {
    if (!isOAuthPrincipal(principal) || needed.length === 0) return;
    const missing = missingScopes(principal, needed);
    if (missing.length === 0) return;
    // The scope to ask for: what every request needs plus this one's, so the new token
    // still opens everything the old one did.
    const wanted = [...new Set([...this.options.scopes, ...needed])];
    throw withChallenge(
      new InsufficientScopeError(missing.join(' '), wanted.join(' ')),
      bearerChallenge({
        resourceMetadata: this.metadataFor(request),
        scopes: wanted,
        error: 'insufficient_scope',
        description: `missing scope ${missing.join(' ')}`,
      }),
    );
  }

  /**
   * A preHandler: a `tools/call` (JSON-RPC or the simple form, alone or in a batch) of a
   * tool with `toolScopes`, or a method with `methodScopes`, needs them; the POST is
   * refused with 403 before it runs.
   */
  readonly checkToolScopes = (
    request: FastifyRequest,
    reply: FastifyReply,
    done: (err?: Error) => void,
  ): void => {
    if (request.method !== 'POST' || !isOAuthPrincipal(request.mcpPrincipal)) {
      done();
      return;
    }
    try {
      this.requireScopes(
        request.mcpPrincipal,
        scopesNeededBy(request.body, this.options.toolScopes, this.options.methodScopes),
        request,
      );
      done();
    } catch (error) {
      const challenge = (error as WithChallenge).wwwAuthenticate;
      if (challenge !== undefined) reply.header('www-authenticate', challenge);
      done(error as Error);
    }
  };

  /**
   * Serves the metadata documents on the root instance (well-known URLs ignore any prefix):
   * the resource's at its path-aware URL, the root and every route's; the HTTP+SSE
   * resource's, when it has one of its own, at its URL and the SSE routes'.
   */
  registerMetadataRoutes(fastify: FastifyInstance, routePaths: readonly string[]): void {
    const main = protectedResourceMetadata(this.options);
    const documents = new Map<string, ProtectedResourceMetadata>();
    for (const path of metadataPaths(this.options.resource, routePaths)) documents.set(path, main);
    if (this.sseResource !== this.options.resource) {
      const sse = { ...main, resource: this.sseResource };
      const local = [this.routes.sse, this.routes.messages].filter((p) => p !== undefined);
      for (const path of metadataPaths(this.sseResource, local)) {
        if (path !== PRM_WELL_KNOWN) documents.set(path, sse);
      }
    }
    for (const [path, document] of documents) {
      fastify.get(path, async (_request, reply) =>
        // Public, and read by browser clients from other origins.
        reply
          .header('access-control-allow-origin', '*')
          .header('cache-control', 'public, max-age=300')
          .send(document),
      );
    }
  }
}
