import {
  bindHttpFixture,
  type Fixture,
  type FixtureEventStep,
  type FixtureMessageStep,
  matchFixtureEvent,
  unwrapStatelessResult,
} from '@mcp-sse/protocol/fixtures';
import { ResponseMessages } from './response-messages.js';

// A bound on a message that should come, sized for a loaded machine.
const MESSAGE_WAIT_MS = 30_000;

/** How a Streamable HTTP replay runs: the binding, and whether the server answers in JSON only. */
export interface HttpReplayMode {
  transport: 'streamable-http' | 'stateless';
  /**
   * The server was told to answer every request with `application/json`: it then drops
   * request-scoped notifications (progress), so they are not required.
   */
  jsonOnly?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request a server message belongs to: its id (an answer) or its progress token's request. */
function ownerOf(message: unknown, tokens: Map<unknown, unknown>): unknown {
  if (!isObject(message)) return undefined;
  if ('id' in message && !('method' in message)) return message.id;
  const params = isObject(message.params) ? message.params : {};
  return tokens.get(params.progressToken);
}

const asEvent = (step: FixtureMessageStep): FixtureEventStep => ({
  type: 'event',
  event: 'message',
  data: step.message,
  ...(step.match === undefined ? {} : { match: step.match }),
  ...(step.volatile === undefined ? {} : { volatile: step.volatile }),
  ...(step.patterns === undefined ? {} : { patterns: step.patterns }),
});

/**
 * Plays a fixture's client side over Streamable HTTP against a live server at `mcpUrl`:
 * each client message POSTed (with the session id and protocol version of a 2025 session,
 * or the 2026-07-28 `_meta` and headers), each server message expected on the response of
 * the request it belongs to. Returns the differences; empty means the server answered as
 * recorded. A 2025 session is ended (DELETE) before it returns.
 */
export async function replayHttpAgainstServer(
  fixture: Fixture,
  mcpUrl: string,
  mode: HttpReplayMode,
): Promise<string[]> {
  const bound = bindHttpFixture(fixture, mode.transport);
  const problems: string[] = [];
  const controller = new AbortController();
  const responses = new Map<unknown, ResponseMessages>();
  const tokens = new Map<unknown, unknown>();
  const optional = (step: FixtureMessageStep) =>
    step.optional === true ||
    (mode.jsonOnly === true && isObject(step.message) && !('id' in step.message));
  // What may be dropped when it is in the way: a late copy of a notification the fixture
  // allows to be left out.
  const skippable = bound
    .filter((step) => step.type === 'receive' && optional(step.step))
    .map((step) => (step.type === 'receive' ? asEvent(step.step) : undefined))
    .filter((step) => step !== undefined);
  const canSkip = (message: unknown) =>
    skippable.some(
      (step) => matchFixtureEvent(step, { event: 'message', data: message }).length === 0,
    );
  let sessionId: string | undefined;
  let version: string | undefined;
  const compare = (step: FixtureMessageStep, actual: unknown): string[] => {
    const unwrapped =
      mode.transport === 'stateless'
        ? unwrapStatelessResult(actual)
        : { message: actual, problems: [] };
    return [
      ...unwrapped.problems,
      ...matchFixtureEvent(asEvent(step), { event: 'message', data: unwrapped.message }),
    ];
  };
  try {
    for (const step of bound) {
      if (step.type === 'post') {
        const headers: Record<string, string> = {
          accept: 'application/json, text/event-stream',
          'content-type': 'application/json',
          ...step.headers,
        };
        if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
        if (version !== undefined) headers['mcp-protocol-version'] = version;
        const response = await fetch(mcpUrl, {
          method: 'POST',
          headers,
          body: JSON.stringify(step.message),
          signal: controller.signal,
        });
        const summary = JSON.stringify(step.message).slice(0, 100);
        if (response.status !== step.status)
          problems.push(`POST ${summary}: expected ${step.status}, got ${response.status}`);
        sessionId ??= response.headers.get('mcp-session-id') ?? undefined;
        const message = step.message as {
          id?: unknown;
          params?: { _meta?: { progressToken?: unknown } };
        };
        if (message.id === undefined) {
          await response.arrayBuffer();
          continue;
        }
        const type = response.headers.get('content-type') ?? '';
        if (mode.jsonOnly && !type.startsWith('application/json'))
          problems.push(`POST ${summary}: expected an application/json answer, got ${type}`);
        responses.set(message.id, new ResponseMessages(response));
        const token = message.params?._meta?.progressToken;
        if (token !== undefined) tokens.set(token, message.id);
        continue;
      }
      const expected = step.step;
      const response = responses.get(ownerOf(expected.message, tokens));
      if (response === undefined)
        return [...problems, `no request for ${JSON.stringify(expected.message)}`];
      if (optional(expected)) {
        // Left out, or not here yet: a later copy is dropped where it is in the way.
        const taken = response.takeIf((message) => compare(expected, message).length === 0);
        if (taken === undefined) continue;
        continue;
      }
      for (;;) {
        const actual = await response.next(MESSAGE_WAIT_MS).catch((error: Error) => error);
        if (actual instanceof Error)
          return [
            ...problems,
            `waiting for ${JSON.stringify(expected.message).slice(0, 80)}: ${actual.message}`,
          ];
        const found = compare(expected, actual);
        if (found.length === 0) {
          if (
            isObject(actual) &&
            isObject(actual.result) &&
            typeof actual.result.protocolVersion === 'string'
          )
            version ??= actual.result.protocolVersion;
          break;
        }
        if (canSkip(actual)) continue;
        return [...problems, ...found];
      }
    }
    // Anything else that came (a result for a cancelled call) is a difference.
    for (const response of responses.values()) {
      for (const left of response.drain()) {
        if (!canSkip(left))
          problems.push(`unexpected message: ${JSON.stringify(left).slice(0, 120)}`);
      }
    }
    return problems;
  } finally {
    controller.abort();
    if (sessionId !== undefined) {
      await fetch(mcpUrl, {
        method: 'DELETE',
        headers: {
          'mcp-session-id': sessionId,
          ...(version ? { 'mcp-protocol-version': version } : {}),
        },
      }).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      );
    }
  }
}
