import type { JSONRPCNotification, RequestId } from '@mcp-sse/protocol';
import type { HostRequests } from './host-requests.js';

/** Notifications the client consumes itself, which mean nothing to the host. */
const CLIENT_ONLY = new Set([
  // Relayed per call, with the host's own token (see HostCalls).
  'notifications/progress',
  // Part of the client's 2026-07-28 `subscriptions/listen` bookkeeping.
  'notifications/subscriptions/acknowledged',
]);

/**
 * What the host gets for a notification from the remote: the same message, exactly, for
 * logging, list changes, resource updates and anything newer; progress goes through the
 * call it belongs to; a cancellation of one of the remote's requests is turned into a
 * cancellation of the matching request we put to the host. `undefined`: nothing to send.
 */
export function relayRemoteNotification(
  notification: JSONRPCNotification,
  host: HostRequests,
): JSONRPCNotification | undefined {
  if (CLIENT_ONLY.has(notification.method)) return undefined;
  if (notification.method === 'notifications/cancelled') {
    const params = notification.params as { requestId?: RequestId; reason?: unknown } | undefined;
    // The host only knows our ids; cancelRemote sends the host the one it knows.
    if (params?.requestId !== undefined) host.cancelRemote(params.requestId, params.reason);
    return undefined;
  }
  return notification;
}
