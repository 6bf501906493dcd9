import { ErrorCode, formatIssues, type RequestId } from '@mcp-sse/protocol';
import { ChangeNotifier } from '../broadcast/change-notifier.js';
import { errorJson, resultJson } from '../core/wire.js';
import type { ClientChannel } from './client-channel.js';
import { MAX_COMPLETION_VALUES, runCompleter } from './completer.js';
import type { DefinedPrompt } from './define-prompt.js';
import type { DefinedResource } from './define-resource.js';
import type { DefinedResourceTemplate } from './define-resource-template.js';
import { FeatureContext, type FeatureSession } from './feature-context.js';
import { FeatureRegistry } from './feature-registry.js';
import { type InputRound, inputRequiredResult, openInputRound } from './input-round.js';
import { decodeListCursor, pageAfter } from './list-cursor.js';
import { missingCapabilityError } from './missing-capability.js';
import { usesInputRounds } from './multi-round.js';
import { OutboundRequests } from './outbound-requests.js';
import { RequestStateSealer } from './request-state.js';
import { ResourceSubscriptions } from './resource-subscriptions.js';
import type { ResourceDescriptor } from './wire-types.js';

/** What the features need of a session besides a {@link FeatureSession}. */
export interface FeaturesSession extends FeatureSession {
  /** The capabilities the client declared in `initialize`. */
  readonly clientCapabilities?: Record<string, unknown> | undefined;
}

/** A request as the features see it. */
export interface FeatureRequest {
  id: RequestId;
  method: string;
  params?: Record<string, unknown> | undefined;
}

/** Options of {@link ServerFeatures}. */
export interface ServerFeaturesOptions {
  resources?: Iterable<DefinedResource> | FeatureRegistry<DefinedResource>;
  resourceTemplates?: Iterable<DefinedResourceTemplate> | FeatureRegistry<DefinedResourceTemplate>;
  prompts?: Iterable<DefinedPrompt> | FeatureRegistry<DefinedPrompt>;
  /** Items per list page. Default 100. */
  pageSize?: number;
  /**
   * Signs the `requestState` of multi round-trip requests (2026-07-28). Every instance that
   * may resume a request must share it; a random one per process when omitted.
   */
  requestStateSecret?: string;
  /** The open sessions, for list-changed and resource-updated notifications. */
  sessions?: () => Iterable<FeaturesSession>;
  /** Where handler failures are reported. */
  onError?: (error: unknown, method: string) => void;
}

const METHODS = new Set([
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
]);

type Outcome =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; code: number; message: string; data?: unknown };

const fail = (code: number, message: string, data?: unknown): Outcome => ({
  ok: false,
  code,
  message,
  ...(data === undefined ? {} : { data }),
});

function registry<T>(
  value: Iterable<T> | FeatureRegistry<T> | undefined,
  what: string,
  keyOf: (item: T) => string,
): FeatureRegistry<T> {
  return value instanceof FeatureRegistry ? value : new FeatureRegistry(what, keyOf, value ?? []);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Resources, resource templates, prompts and completion, plus the plumbing of requests to
 * the client (the outbound table of 2025 sessions, the signed request state of 2026). The
 * core hands it the methods it {@link handles} and every JSON-RPC response from a client.
 */
export class ServerFeatures {
  readonly resources: FeatureRegistry<DefinedResource>;
  readonly resourceTemplates: FeatureRegistry<DefinedResourceTemplate>;
  readonly prompts: FeatureRegistry<DefinedPrompt>;
  readonly subscriptions = new ResourceSubscriptions();
  /** List changes and resource updates, to the sessions here and (with Redis) every instance. */
  readonly changes: ChangeNotifier;
  readonly sealer: RequestStateSealer;
  readonly #pageSize: number;
  readonly #sessions: () => Iterable<FeaturesSession>;
  readonly #onError: (error: unknown, method: string) => void;
  readonly #outbound = new WeakMap<FeaturesSession, OutboundRequests>();
  /** The contexts of each session's requests in flight, by request id, for cancellation. */
  readonly #inFlight = new WeakMap<FeaturesSession, Map<RequestId, Set<FeatureContext>>>();
  readonly #declared: { resources: boolean; prompts: boolean };

  constructor(options: ServerFeaturesOptions = {}) {
    this.resources = registry(options.resources, 'resource', (item) => item.uri);
    this.resourceTemplates = registry(
      options.resourceTemplates,
      'resource template',
      (item) => item.uriTemplate,
    );
    this.prompts = registry(options.prompts, 'prompt', (item) => item.name);
    this.#pageSize = Math.max(1, options.pageSize ?? 100);
    this.sealer = new RequestStateSealer(options.requestStateSecret);
    this.#sessions = options.sessions ?? (() => []);
    this.#onError = options.onError ?? (() => {});
    this.changes = new ChangeNotifier(this.#sessions, this.subscriptions, () => {
      // The lists whose listChanged the server declares: every server declares tools'.
      const declared = this.capabilities();
      return [
        'notifications/tools/list_changed',
        ...(declared.prompts === undefined
          ? []
          : (['notifications/prompts/list_changed'] as const)),
        ...(declared.resources === undefined
          ? []
          : (['notifications/resources/list_changed'] as const)),
      ];
    });
    // Passing a list (even empty) or a registry declares the capability: items may come later.
    this.#declared = {
      resources: options.resources !== undefined || options.resourceTemplates !== undefined,
      prompts: options.prompts !== undefined,
    };
    const resourcesChanged = () => this.#broadcast('notifications/resources/list_changed');
    this.resources.onChange(resourcesChanged);
    this.resourceTemplates.onChange(resourcesChanged);
    this.prompts.onChange(() => this.#broadcast('notifications/prompts/list_changed'));
  }

  /**
   * Whether {@link handle} answers this method: one of the features' methods whose
   * capability is declared (a server with no prompts answers prompts/list with -32601).
   */
  handles(method: string): boolean {
    if (!METHODS.has(method)) return false;
    const declared = this.capabilities();
    const capability = method.startsWith('completion/') ? 'completions' : method.split('/')[0]!;
    return declared[capability] !== undefined;
  }

  /** The server capabilities for what is registered (merged into the `initialize` result). */
  capabilities(): Record<string, unknown> {
    const resources =
      this.#declared.resources || this.resources.size > 0 || this.resourceTemplates.size > 0;
    const prompts = this.#declared.prompts || this.prompts.size > 0;
    return {
      ...(resources ? { resources: { subscribe: true, listChanged: true } } : {}),
      ...(prompts ? { prompts: { listChanged: true } } : {}),
      ...(resources || prompts ? { completions: {} } : {}),
    };
  }

  /** The session's table of requests to its client (made on first use). */
  outbound(session: FeaturesSession): OutboundRequests {
    let table = this.#outbound.get(session);
    if (table === undefined) {
      table = new OutboundRequests(session.send);
      this.#outbound.set(session, table);
    }
    return table;
  }

  /** Settles the server request a client's JSON-RPC response answers; false if none waits. */
  handleResponse(session: FeaturesSession, message: object): boolean {
    return this.#outbound.get(session)?.handleResponse(message) ?? false;
  }

  /**
   * Cancels a resource read, prompt get or completion in flight (`notifications/cancelled`):
   * its handler's signal aborts, its requests to the client are cancelled, and it gets no
   * answer. Returns false when no such request runs.
   */
  cancel(
    session: FeaturesSession,
    requestId: RequestId,
    reason = 'The request was cancelled by the client',
  ): boolean {
    const inFlight = this.#inFlight.get(session);
    const contexts = inFlight?.get(requestId);
    if (contexts === undefined) return false;
    inFlight!.delete(requestId);
    const error = new Error(reason);
    error.name = 'AbortError';
    for (const ctx of contexts) ctx.abort(error);
    return true;
  }

  /** Forgets a closed session: its waiting requests reject, its subscriptions go. */
  closeSession(session: FeaturesSession): void {
    for (const requestId of [...(this.#inFlight.get(session)?.keys() ?? [])]) {
      this.cancel(session, requestId, 'The client disconnected');
    }
    this.#inFlight.delete(session);
    this.#outbound.get(session)?.close();
    this.#outbound.delete(session);
    this.subscriptions.dropSession(session.id);
  }

  /**
   * The client's capabilities for one request: the request's own `_meta` (2026-07-28,
   * stateless) or what the session declared in `initialize`.
   */
  clientCapabilities(
    session: FeaturesSession,
    params: Record<string, unknown> | undefined,
  ): Record<string, unknown> | undefined {
    const meta = params?._meta;
    const fromMeta = isObject(meta)
      ? meta['io.modelcontextprotocol/clientCapabilities']
      : undefined;
    return isObject(fromMeta) ? fromMeta : session.clientCapabilities;
  }

  /**
   * How a handler of this request asks the client: a round of a multi round-trip request
   * (2026-07-28), or requests on the session. A round whose state fails its check is an
   * error to answer with instead.
   */
  channelFor(
    session: FeaturesSession,
    request: FeatureRequest,
    target: string,
  ):
    | { ok: true; channel: (signal: AbortSignal) => ClientChannel; round?: InputRound }
    | { ok: false; message: string } {
    const capabilities = this.clientCapabilities(session, request.params);
    if (usesInputRounds(session.protocolVersion)) {
      const opened = openInputRound(request.params, this.sealer, target, capabilities);
      if (!opened.ok) return opened;
      const round = opened.round;
      return { ok: true, channel: () => round, round };
    }
    return {
      ok: true,
      channel: (signal) => this.outbound(session).channel(capabilities, request.id, signal),
    };
  }

  /** The `input_required` result for a round that asked for input. */
  inputRequired(round: InputRound, target: string): Record<string, unknown> {
    return inputRequiredResult(round, this.sealer, target);
  }

  /**
   * Sends `notifications/resources/updated` to every session subscribed to `uri` (call it
   * when a resource's contents change), here and, with Redis, on every other instance.
   * Returns how many sessions of this instance were told.
   */
  notifyResourceUpdated(uri: string): number {
    return this.changes.announce({ method: 'notifications/resources/updated', params: { uri } });
  }

  /** Answers one request of a method {@link handles} accepts; never throws. */
  handle(session: FeaturesSession, request: FeatureRequest): void {
    const inFlight = this.#inFlight.get(session) ?? new Map<RequestId, Set<FeatureContext>>();
    this.#inFlight.set(session, inFlight);
    const contexts = new Set<FeatureContext>();
    // A request id still in flight is the client's bug; the newer one takes the slot.
    inFlight.set(request.id, contexts);
    const reply = (outcome: Outcome) => {
      // Cancelled (the entry is gone) or closed: the spec says no answer.
      if (inFlight.get(request.id) !== contexts) return;
      inFlight.delete(request.id);
      if (session.closed) return;
      session.send(
        outcome.ok
          ? resultJson(request.id, outcome.result)
          : errorJson(request.id, outcome.code, outcome.message, outcome.data),
        undefined,
        request.id,
      );
    };
    this.#dispatch(session, request).then(reply, (error: unknown) => {
      this.#onError(error, request.method);
      reply(fail(ErrorCode.InternalError, (error as Error)?.message || 'Internal error'));
    });
  }

  async #dispatch(session: FeaturesSession, request: FeatureRequest): Promise<Outcome> {
    const params = request.params ?? {};
    switch (request.method) {
      case 'resources/list':
        return this.#listResources(session, request, params.cursor);
      case 'resources/templates/list':
        return this.#page(
          this.resourceTemplates,
          params.cursor,
          'resourceTemplates',
          (t) => t.descriptor,
        );
      case 'prompts/list':
        return this.#page(this.prompts, params.cursor, 'prompts', (p) => p.descriptor);
      case 'resources/read':
        return this.#read(session, request, params.uri);
      case 'resources/subscribe':
      case 'resources/unsubscribe': {
        if (typeof params.uri !== 'string' || params.uri === '') {
          return fail(
            ErrorCode.InvalidParams,
            'params.uri: the resource URI must be a non-empty string',
          );
        }
        if (request.method === 'resources/subscribe')
          this.subscriptions.subscribe(session.id, params.uri);
        else this.subscriptions.unsubscribe(session.id, params.uri);
        return { ok: true, result: {} };
      }
      case 'prompts/get':
        return this.#getPrompt(session, request, params);
      default:
        return this.#complete(session, request, params);
    }
  }

  #page<T>(
    items: FeatureRegistry<T>,
    cursor: unknown,
    member: string,
    describe: (item: T) => unknown,
  ): Outcome {
    let after: string | undefined;
    if (cursor !== undefined) {
      after = decodeListCursor(cursor);
      if (after === undefined) {
        return fail(
          ErrorCode.InvalidParams,
          'Invalid cursor: pass nextCursor from the previous page unchanged',
        );
      }
    }
    const page = pageAfter(items.list(), (item) => items.keyOf(item), after, this.#pageSize);
    const result: Record<string, unknown> = { [member]: page.items.map(describe) };
    if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
    return { ok: true, result };
  }

  async #listResources(
    session: FeaturesSession,
    request: FeatureRequest,
    cursor: unknown,
  ): Promise<Outcome> {
    const listing = this.resourceTemplates.list().filter((template) => template.list !== undefined);
    if (listing.length === 0)
      return this.#page(this.resources, cursor, 'resources', (r) => r.descriptor);
    // Templates that list their resources join the static ones, sorted together by URI.
    const all = new Map<string, ResourceDescriptor>();
    for (const resource of this.resources.list()) all.set(resource.uri, resource.descriptor);
    for (const template of listing) {
      const ctx = this.#context(session, request, template.descriptor.name, undefined);
      for (const item of await template.list!(ctx)) if (!all.has(item.uri)) all.set(item.uri, item);
    }
    const merged = new FeatureRegistry<ResourceDescriptor>(
      'resource',
      (item) => item.uri,
      all.values(),
    );
    return this.#page(merged, cursor, 'resources', (item) => item);
  }

  #notFound(session: FeaturesSession, uri: string): Outcome {
    // 2026-07-28 (SEP-2164) uses -32602; earlier revisions -32002. Both name the URI.
    const code = usesInputRounds(session.protocolVersion)
      ? ErrorCode.InvalidParams
      : ErrorCode.ResourceNotFound;
    return fail(code, `Resource not found: ${uri}`, { uri });
  }

  async #read(session: FeaturesSession, request: FeatureRequest, uri: unknown): Promise<Outcome> {
    if (typeof uri !== 'string' || uri === '') {
      return fail(
        ErrorCode.InvalidParams,
        'params.uri: the resource URI must be a non-empty string',
      );
    }
    const target = `resources/read:${uri}`;
    const channel = this.channelFor(session, request, target);
    if (!channel.ok) return fail(ErrorCode.InvalidParams, channel.message);
    const ctx = this.#context(session, request, uri, channel.channel);
    const finish = (contents: unknown[] | undefined): Outcome => {
      if (channel.round !== undefined && channel.round.asked.size > 0) {
        return { ok: true, result: this.inputRequired(channel.round, target) };
      }
      if (contents === undefined || contents.length === 0) return this.#notFound(session, uri);
      return { ok: true, result: { contents } };
    };
    try {
      const resource = this.resources.get(uri);
      if (resource !== undefined) return finish(await resource.read(ctx));
      for (const template of this.resourceTemplates.list()) {
        const contents = await template.read(uri, ctx);
        if (contents !== undefined) return finish(contents);
      }
      return this.#notFound(session, uri);
    } catch (error) {
      if (channel.round !== undefined && channel.round.asked.size > 0) return finish(undefined);
      const missing = missingCapabilityError(error, session.protocolVersion);
      if (missing !== undefined) return fail(missing.code, missing.message, missing.data);
      this.#onError(error, 'resources/read');
      return fail(
        ErrorCode.InternalError,
        `Reading ${uri} failed: ${(error as Error)?.message ?? error}`,
      );
    } finally {
      ctx.done = true;
    }
  }

  async #getPrompt(
    session: FeaturesSession,
    request: FeatureRequest,
    params: Record<string, unknown>,
  ): Promise<Outcome> {
    const name = params.name;
    if (typeof name !== 'string' || name === '') {
      return fail(
        ErrorCode.InvalidParams,
        'params.name: the prompt name must be a non-empty string',
      );
    }
    const prompt = this.prompts.get(name);
    if (prompt === undefined) return fail(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
    const raw = params.arguments ?? {};
    if (!isObject(raw))
      return fail(ErrorCode.InvalidParams, 'params.arguments: expected an object of strings');
    const parsed = prompt.arguments.safeParse(raw);
    if (!parsed.success) {
      return fail(
        ErrorCode.InvalidParams,
        `Invalid arguments for prompt ${name}: ${formatIssues(parsed.error, 'arguments')}`,
      );
    }
    const target = `prompts/get:${name}`;
    const channel = this.channelFor(session, request, target);
    if (!channel.ok) return fail(ErrorCode.InvalidParams, channel.message);
    const ctx = this.#context(session, request, name, channel.channel);
    const asked = () => channel.round !== undefined && channel.round.asked.size > 0;
    try {
      const result = await prompt.get(parsed.data, ctx);
      if (asked()) return { ok: true, result: this.inputRequired(channel.round!, target) };
      return { ok: true, result: result as unknown as Record<string, unknown> };
    } catch (error) {
      if (asked()) return { ok: true, result: this.inputRequired(channel.round!, target) };
      const missing = missingCapabilityError(error, session.protocolVersion);
      if (missing !== undefined) return fail(missing.code, missing.message, missing.data);
      this.#onError(error, 'prompts/get');
      return fail(
        ErrorCode.InternalError,
        `Prompt ${name} failed: ${(error as Error)?.message ?? error}`,
      );
    } finally {
      ctx.done = true;
    }
  }

  async #complete(
    session: FeaturesSession,
    request: FeatureRequest,
    params: Record<string, unknown>,
  ): Promise<Outcome> {
    const { ref, argument, context } = params;
    if (!isObject(ref) || !isObject(argument) || typeof argument.name !== 'string') {
      return fail(
        ErrorCode.InvalidParams,
        'completion/complete needs params.ref ({type: "ref/prompt", name} or {type: "ref/resource", uri}) and params.argument ({name, value})',
      );
    }
    const value = typeof argument.value === 'string' ? argument.value : '';
    const args = isObject(context) && isObject(context.arguments) ? context.arguments : {};
    const known = Object.fromEntries(
      Object.entries(args).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    let completers: Readonly<Record<string, unknown>>;
    if (ref.type === 'ref/prompt') {
      const prompt = typeof ref.name === 'string' ? this.prompts.get(ref.name) : undefined;
      if (prompt === undefined)
        return fail(ErrorCode.InvalidParams, `Unknown prompt: ${String(ref.name)}`);
      completers = prompt.complete;
    } else if (ref.type === 'ref/resource') {
      const template =
        typeof ref.uri === 'string' ? this.resourceTemplates.get(ref.uri) : undefined;
      if (template === undefined) {
        // A static resource has no variables: nothing to complete, but not an error.
        if (typeof ref.uri === 'string' && this.resources.get(ref.uri) !== undefined) {
          return { ok: true, result: { completion: { values: [], total: 0, hasMore: false } } };
        }
        return fail(ErrorCode.InvalidParams, `Unknown resource template: ${String(ref.uri)}`);
      }
      completers = template.complete;
    } else {
      return fail(
        ErrorCode.InvalidParams,
        'params.ref.type must be "ref/prompt" or "ref/resource"',
      );
    }
    const completer = completers[argument.name] as Parameters<typeof runCompleter>[0] | undefined;
    void session;
    void request;
    const values =
      completer === undefined ? [] : await runCompleter(completer, value, { arguments: known });
    const strings = values.filter((item) => typeof item === 'string');
    return {
      ok: true,
      result: {
        completion: {
          values: strings.slice(0, MAX_COMPLETION_VALUES),
          total: strings.length,
          hasMore: strings.length > MAX_COMPLETION_VALUES,
        },
      },
    };
  }

  #context(
    session: FeaturesSession,
    request: FeatureRequest,
    logger: string,
    channel: ((signal: AbortSignal) => ClientChannel) | undefined,
  ): FeatureContext {
    const meta = request.params?._meta;
    const token = isObject(meta) ? meta.progressToken : undefined;
    const ctx = new FeatureContext(
      session,
      request.id,
      typeof token === 'string' || typeof token === 'number' ? token : undefined,
      logger,
      channel ??
        ((signal) =>
          this.outbound(session).channel(
            this.clientCapabilities(session, request.params),
            request.id,
            signal,
          )),
    );
    this.#inFlight.get(session)?.get(request.id)?.add(ctx);
    return ctx;
  }

  #broadcast(
    method: 'notifications/prompts/list_changed' | 'notifications/resources/list_changed',
  ): void {
    this.changes.announce({ method });
  }
}
