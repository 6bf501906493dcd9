import { isLevelEnabled, type LoggingLevel, type RequestId } from '@mcp-sse/protocol';
import type { ChildMessage } from './child-link.js';
import type { GatewaySession } from './gateway-session.js';
import type { LinkEntry } from './link-entry.js';
import { notRelayedError } from './wire-errors.js';

function send(
  gs: GatewaySession,
  message: Record<string, unknown>,
  kind: 'notification' | 'request',
  related: RequestId | undefined,
): void {
  if (gs.session.closed) return;
  gs.session.send(JSON.stringify({ jsonrpc: '2.0', ...message }), kind, related);
}

/** Progress goes to the request whose (rewritten) token it carries, with the client's token. */
function progress(entry: LinkEntry, message: ChildMessage): void {
  const token = message.params?.progressToken;
  const route = typeof token === 'number' ? entry.routes.get(token) : undefined;
  if (route === undefined || route.clientToken === undefined) return;
  send(
    route.session,
    {
      method: message.method,
      params: { ...message.params, progressToken: route.clientToken },
    },
    'notification',
    route.clientId,
  );
}

/** The child cancels one of its own requests to a client: tell that client, under our id. */
function cancelled(entry: LinkEntry, message: ChildMessage): void {
  const requestId = message.params?.requestId;
  for (const gs of entry.sessions) {
    for (const [outboundId, held] of gs.fromChild) {
      if (held.childId !== requestId || held.generation !== entry.link.generation) continue;
      gs.fromChild.delete(outboundId);
      send(
        gs,
        { method: message.method, params: { ...message.params, requestId: outboundId } },
        'notification',
        gs.relatedRequestId(),
      );
      return;
    }
  }
}

/** Who gets a notification that names no request. */
function audience(entry: LinkEntry, message: ChildMessage): GatewaySession[] {
  const sessions = [...entry.sessions];
  if (message.method === 'notifications/message') {
    const level = message.params?.level as LoggingLevel | undefined;
    return sessions.filter(
      (gs) =>
        level === undefined ||
        gs.session.logLevel === undefined ||
        isLevelEnabled(level, gs.session.logLevel),
    );
  }
  if (message.method === 'notifications/resources/updated' && entry.shared) {
    // Listen streams (2026-07-28) filter by URI themselves; sessions by what they subscribed.
    const uri = message.params?.uri;
    return sessions.filter(
      (gs) => gs.stateless || (typeof uri === 'string' && gs.subscriptions.has(uri)),
    );
  }
  return sessions;
}

/** The session a request of the child is for, or why it cannot be told. */
function askee(entry: LinkEntry): GatewaySession | string {
  if (!entry.shared) {
    const [only] = entry.sessions;
    return only ?? 'its client session is gone';
  }
  // A shared child does not say which client it means: only unambiguous cases are relayed.
  const busy = [...entry.sessions].filter((gs) => gs.toChild.size > 0);
  if (busy.length === 1) return busy[0] as GatewaySession;
  return busy.length === 0
    ? 'no client has a request in flight on the shared stdio server'
    : 'several clients have requests in flight on the shared stdio server (use per-session mode to relay such requests)';
}

/** A request from the child (sampling, elicitation, roots, ping): to its client, or refused. */
function childRequest(entry: LinkEntry, message: ChildMessage, generation: number): void {
  const childId = message.id as RequestId;
  if (message.method === 'ping') {
    entry.link.respond(generation, childId, { result: {} });
    return;
  }
  const target = askee(entry);
  const refusal =
    typeof target === 'string'
      ? target
      : target.stateless
        ? 'the client sent a 2026-07-28 stateless request, which cannot be asked anything back through the gateway'
        : undefined;
  if (refusal !== undefined || typeof target === 'string') {
    entry.link.respond(generation, childId, {
      error: notRelayedError(message.method, refusal ?? 'no client'),
    });
    return;
  }
  const outboundId = target.nextOutboundId();
  target.fromChild.set(outboundId, { generation, childId, method: message.method });
  send(
    target,
    {
      id: outboundId,
      method: message.method,
      ...(message.params === undefined ? {} : { params: message.params }),
    },
    'request',
    target.relatedRequestId(),
  );
}

/**
 * Routes one request or notification from a child to the session(s) it belongs to:
 * progress by its token, the child's own requests to their client, logs by each session's
 * level, list changes to every session of that child.
 */
export function routeChildMessage(
  entry: LinkEntry,
  message: ChildMessage,
  generation: number,
): void {
  if (message.id !== undefined) {
    childRequest(entry, message, generation);
    return;
  }
  if (message.method === 'notifications/progress') {
    progress(entry, message);
    return;
  }
  if (message.method === 'notifications/cancelled') {
    cancelled(entry, message);
    return;
  }
  const payload = {
    method: message.method,
    ...(message.params === undefined ? {} : { params: message.params }),
  };
  // A log line most likely belongs to the request in flight (its stream); list changes and
  // resource updates belong to none and go to the session's standalone stream.
  const perRequest = message.method === 'notifications/message';
  for (const gs of audience(entry, message)) {
    send(gs, payload, 'notification', perRequest ? gs.relatedRequestId() : undefined);
  }
}
