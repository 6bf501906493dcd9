/**
 * The key under a server's `capabilities.experimental` with which it says that, inside a
 * Streamable HTTP session (2025-03-26 .. 2025-11-25), a request sent again with the id of
 * one it already has is attached to that call (its answer given once) instead of being run
 * a second time. The specification leaves a duplicate id undefined, and most servers would
 * run the copy: a client may re-send a broken POST with the same id only to a server that
 * says this.
 */
export const SAME_ID_RESEND_CAPABILITY = 'io.github.mcp-sse/sameIdResend';

/** Whether an `initialize` result's `capabilities` carry {@link SAME_ID_RESEND_CAPABILITY}. */
export function offersSameIdResend(capabilities: unknown): boolean {
  if (typeof capabilities !== 'object' || capabilities === null) return false;
  const experimental = (capabilities as { experimental?: unknown }).experimental;
  return (
    typeof experimental === 'object' &&
    experimental !== null &&
    Object.hasOwn(experimental, SAME_ID_RESEND_CAPABILITY)
  );
}
