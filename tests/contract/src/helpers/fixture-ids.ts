const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/*
 * The client picks its own request ids and progress tokens: the recorded ones in the
 * server's messages are swapped for the live ones learned from the client's POSTs.
 */

/** A recorded server message with the client's live request id and progress token. */
export function translate(
  data: unknown,
  ids: Map<unknown, unknown>,
  tokens: Map<unknown, unknown>,
): unknown {
  if (!isObject(data)) return data;
  const out: Record<string, unknown> = { ...data };
  if ('id' in out && ids.has(out.id)) out.id = ids.get(out.id);
  if (
    isObject(out.params) &&
    'progressToken' in out.params &&
    tokens.has(out.params.progressToken)
  ) {
    out.params = { ...out.params, progressToken: tokens.get(out.params.progressToken) };
  }
  return out;
}

/** Learns the client's live id and progress token from a POST that matches a recorded one. */
export function learn(
  recorded: unknown,
  actual: unknown,
  ids: Map<unknown, unknown>,
  tokens: Map<unknown, unknown>,
) {
  if (!isObject(recorded) || !isObject(actual)) return;
  if ('id' in recorded && 'id' in actual) ids.set(recorded.id, actual.id);
  const recordedToken =
    isObject(recorded.params) && isObject(recorded.params._meta)
      ? recorded.params._meta.progressToken
      : undefined;
  const actualToken =
    isObject(actual.params) && isObject(actual.params._meta)
      ? actual.params._meta.progressToken
      : undefined;
  if (recordedToken !== undefined && actualToken !== undefined)
    tokens.set(recordedToken, actualToken);
}

/** The client's message without `_meta` where the recording has none (ours always adds a progress token). */
export function withoutExtraMeta(recorded: unknown, actual: unknown): unknown {
  if (!isObject(recorded) || !isObject(actual) || !isObject(actual.params)) return actual;
  if (isObject(recorded.params) && '_meta' in recorded.params) return actual;
  const { _meta: _dropped, ...params } = actual.params;
  return { ...actual, params };
}
