/** The `_meta` key prefix of the 2026-07-28 per-request fields (version, capabilities...). */
const STATELESS_META_PREFIX = 'io.modelcontextprotocol/';

/**
 * A client's request params as the child gets them: the progress token replaced by the
 * child-side id (unique on that child, where two clients' tokens could clash), and the
 * 2026-07-28 per-request `_meta` fields dropped, since the gateway already initialized the
 * child at a 2025 revision. Returns the client's token, to put back on progress.
 */
export function forwardParams(
  params: Record<string, unknown> | undefined,
  childId: number,
  stripStateless: boolean,
): { params: Record<string, unknown> | undefined; clientToken: string | number | undefined } {
  if (params === undefined) return { params, clientToken: undefined };
  const meta = params._meta;
  if (typeof meta !== 'object' || meta === null) return { params, clientToken: undefined };
  const next: Record<string, unknown> = {};
  let clientToken: string | number | undefined;
  for (const [key, value] of Object.entries(meta as Record<string, unknown>)) {
    if (key === 'progressToken' && (typeof value === 'string' || typeof value === 'number')) {
      clientToken = value;
      next.progressToken = childId;
    } else if (!(stripStateless && key.startsWith(STATELESS_META_PREFIX))) {
      next[key] = value;
    }
  }
  const { _meta: _dropped, ...rest } = params;
  return {
    params: Object.keys(next).length === 0 ? rest : { ...rest, _meta: next },
    clientToken,
  };
}
