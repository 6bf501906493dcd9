import { MetaKey, type RequestId } from '@mcp-sse/protocol';

/** The part of a `subscriptions/listen` filter the server agreed to serve. */
export interface ListenFilter {
  accepted: Record<string, unknown>;
  tools: boolean;
  prompts: boolean;
  resources: boolean;
  resourceUris: Set<string>;
}

const listChanged = (capabilities: Record<string, unknown>, name: string): boolean =>
  (capabilities[name] as { listChanged?: unknown } | undefined)?.listChanged === true;

/**
 * Reads a listen request's `notifications` filter and keeps what the server can deliver
 * (what its capabilities declare); undefined when the filter is not an object.
 */
export function listenFilter(
  requested: unknown,
  capabilities: Record<string, unknown>,
): ListenFilter | undefined {
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested))
    return undefined;
  const want = requested as Record<string, unknown>;
  const tools = want.toolsListChanged === true && listChanged(capabilities, 'tools');
  const prompts = want.promptsListChanged === true && listChanged(capabilities, 'prompts');
  const resources = want.resourcesListChanged === true && listChanged(capabilities, 'resources');
  const subscribe =
    (capabilities.resources as { subscribe?: unknown } | undefined)?.subscribe === true;
  const uris =
    Array.isArray(want.resourceSubscriptions) && subscribe
      ? want.resourceSubscriptions.filter((uri): uri is string => typeof uri === 'string')
      : [];
  const accepted: Record<string, unknown> = {};
  if (tools) accepted.toolsListChanged = true;
  if (prompts) accepted.promptsListChanged = true;
  if (resources) accepted.resourcesListChanged = true;
  if (uris.length > 0) accepted.resourceSubscriptions = uris;
  return { accepted, tools, prompts, resources, resourceUris: new Set(uris) };
}

/**
 * The notification as the listen stream sends it (tagged with the subscription id), or
 * undefined when the filter did not ask for it.
 */
export function notificationFor(
  json: string,
  filter: ListenFilter,
  subscriptionId: RequestId,
): string | undefined {
  const message = JSON.parse(json) as { method?: string; params?: Record<string, unknown> };
  const method = message.method;
  const wanted =
    (method === 'notifications/tools/list_changed' && filter.tools) ||
    (method === 'notifications/prompts/list_changed' && filter.prompts) ||
    (method === 'notifications/resources/list_changed' && filter.resources) ||
    (method === 'notifications/resources/updated' &&
      filter.resourceUris.has(String(message.params?.uri)));
  if (!wanted) return undefined;
  const params = message.params ?? {};
  const meta = (params._meta ?? {}) as Record<string, unknown>;
  return JSON.stringify({
    jsonrpc: '2.0',
    method,
    params: { ...params, _meta: { ...meta, [MetaKey.SubscriptionId]: subscriptionId } },
  });
}
