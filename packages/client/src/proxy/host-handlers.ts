import type { ClientCapabilities } from '@mcp-sse/protocol';
import type { ClientHandlers, ElicitAnswer } from '../features/handlers.js';
import type { HostRequests } from './host-requests.js';

/**
 * Handlers that put the remote's requests to the host, one for each capability the host
 * declared and no more: the remote only asks what the host said it answers, and anything
 * else is refused by the client with -32601 without bothering the host.
 */
export function hostHandlers(host: HostRequests, capabilities: ClientCapabilities): ClientHandlers {
  const declared = capabilities as Record<string, unknown>;
  const handlers: ClientHandlers = {};
  if (declared.sampling !== undefined) {
    handlers.sampling = (params, context) =>
      host.ask('sampling/createMessage', params, context.signal, context.requestId);
  }
  if (declared.elicitation !== undefined) {
    handlers.elicitation = async (params, context) =>
      (await host.ask(
        'elicitation/create',
        params,
        context.signal,
        context.requestId,
      )) as ElicitAnswer;
  }
  if (declared.roots !== undefined) {
    handlers.roots = async (context) => {
      const result = await host.ask('roots/list', {}, context.signal, context.requestId);
      return Array.isArray(result.roots) ? result.roots : [];
    };
  }
  return handlers;
}
