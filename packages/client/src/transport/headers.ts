/** How an API key is sent. */
export type ApiKeyHeader = 'authorization' | 'x-api-key';

/**
 * Builds the request headers: the caller's own, then the API key, lower-cased so later
 * merges cannot create duplicates that differ only by case.
 */
export function buildHeaders(
  headers: HeadersInit | undefined,
  apiKey: string | undefined,
  apiKeyHeader: ApiKeyHeader = 'authorization',
): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers ?? {}).forEach((value, key) => {
    out[key] = value;
  });
  if (apiKey !== undefined && apiKey !== '') {
    if (apiKeyHeader === 'x-api-key') out['x-api-key'] = apiKey;
    else out.authorization = `Bearer ${apiKey}`;
  }
  return out;
}
