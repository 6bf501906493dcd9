import { ErrorCode } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';

/** Re-issues per request after a broken stream or a header mismatch. */
export const MAX_REISSUES = 2;

/** What {@link sendWithReissue} may do before giving up. */
export interface ReissuePolicy {
  /** The request is safe to run twice: re-issue it when its response stream broke. */
  idempotent: boolean;
  /** Called on -32020 (header mismatch) for `tools/call`: relearn the tools first. */
  refreshTools?: () => Promise<unknown>;
  /** The method, for the header-mismatch rule. */
  method: string;
}

/**
 * Sends a request, and sends it again (a new request, so a new id) where that is safe:
 * after its response stream broke with no way to resume it, when the caller said it is
 * idempotent; and after a 2026-07-28 `HeaderMismatch` on `tools/call`, once the tool list
 * was refreshed (the server may have changed a tool's `x-mcp-header` arguments).
 */
export async function sendWithReissue(
  send: () => Promise<Record<string, unknown>>,
  policy: ReissuePolicy,
): Promise<Record<string, unknown>> {
  let refreshed = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!McpSseClientError.isInstance(error) || attempt >= MAX_REISSUES) throw error;
      const broken = (error.data as { streamBroken?: unknown } | undefined)?.streamBroken === true;
      if (broken && policy.idempotent) continue;
      const mismatch =
        error.rpcCode === ErrorCode.HeaderMismatch &&
        policy.method === 'tools/call' &&
        policy.refreshTools &&
        !refreshed;
      if (!mismatch || !policy.refreshTools) throw error;
      refreshed = true;
      await policy.refreshTools();
    }
  }
}
