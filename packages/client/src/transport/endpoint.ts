import { McpSseClientError } from '../errors.js';

/**
 * Resolves the `endpoint` event's data against the SSE URL and refuses another origin.
 *
 * The endpoint is opaque (`/messages?sessionId=`, `/message?sessionId=`,
 * `/messages/?session_id=` all occur): only its origin is checked, because a server that
 * could point us elsewhere could make us POST our credentials to a third party.
 */
export function resolveEndpoint(data: string, sseUrl: string | URL): URL {
  let url: URL;
  try {
    url = new URL(data.trim(), sseUrl);
  } catch (cause) {
    throw new McpSseClientError(
      'protocol_error',
      `The server sent an endpoint that is not a URL: ${JSON.stringify(data)}`,
      { cause },
    );
  }
  const base = new URL(sseUrl);
  if (url.origin !== base.origin) {
    throw new McpSseClientError(
      'protocol_error',
      `The server sent an endpoint on another origin (${url.origin}, stream on ${base.origin}); ` +
        'refusing to POST there. Check the server sends a root-relative endpoint path.',
    );
  }
  return url;
}
