import { parseWith } from '@mcp-sse/protocol';
import type { z } from 'zod';
import { McpSseClientError } from '../errors.js';
import type { RequestOptions } from '../session/request-options.js';

/** Bound on pages per listing, so that a server that keeps paging cannot keep us forever. */
export const MAX_PAGES = 1000;

/** Sends one request and resolves with its raw result. */
export type Caller = (
  method: string,
  params: Record<string, unknown> | undefined,
  options: RequestOptions,
) => Promise<Record<string, unknown>>;

/**
 * Reads every page of a paginated list (`resources/list`, `prompts/list`, ...): follows
 * `nextCursor` until there is none, refusing a cursor seen twice (a loop) and more than
 * {@link MAX_PAGES} pages. Each page is validated with `schema` and its `key` collected.
 */
export async function collectPages<S extends z.ZodType, K extends string>(
  call: Caller,
  method: string,
  key: K,
  schema: S,
  options: Pick<RequestOptions, 'signal' | 'timeout'> = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params = cursor === undefined ? undefined : { cursor };
    // Listing runs nothing on the server: safe to send again on a new session.
    const raw = await call(method, params, { ...options, idempotent: true });
    const parsed = parseWith(schema, raw, `${method} result`);
    if (!parsed.ok)
      throw new McpSseClientError('protocol_error', parsed.error.message, { data: raw });
    const value = parsed.value as Record<string, unknown>;
    items.push(...((value[key] as unknown[] | undefined) ?? []));
    const next = value.nextCursor;
    if (typeof next !== 'string') return items;
    if (seen.has(next)) {
      throw new McpSseClientError(
        'protocol_error',
        `${method} returned the cursor ${JSON.stringify(next)} twice; the server's paging loops.`,
      );
    }
    seen.add(next);
    cursor = next;
  }
  throw new McpSseClientError('protocol_error', `${method} kept paging past ${MAX_PAGES} pages`);
}
