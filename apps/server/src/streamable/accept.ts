/** Whether an `Accept` header lists `type` (or a wildcard covering it). */
export function accepts(header: string | undefined, type: string): boolean {
  if (header === undefined) return false;
  const slash = type.indexOf('/');
  const anyOfKind = `${type.slice(0, slash)}/*`;
  for (const part of header.split(',')) {
    const range = part.split(';')[0]!.trim().toLowerCase();
    if (range === type || range === anyOfKind || range === '*/*') return true;
  }
  return false;
}

/** The two answer types a Streamable HTTP POST must accept. */
export const POST_ACCEPT = 'application/json, text/event-stream';

/** Accept headers remembered at most; the cache starts over when full. */
const VERDICTS_MAX = 64;
/** Longer Accept headers are checked every time rather than remembered. */
const VERDICT_KEY_MAX = 256;
const verdicts = new Map<string, boolean>();

/**
 * Whether an `Accept` header lists both answer types of a POST ({@link POST_ACCEPT}). A client
 * sends the same header on every POST, so the verdict is remembered per header string (a
 * few, bounded) instead of splitting the header twice per request.
 */
export function acceptsPostAnswers(header: string | undefined): boolean {
  if (header === undefined) return false;
  const known = verdicts.get(header);
  if (known !== undefined) return known;
  const verdict = accepts(header, 'application/json') && accepts(header, 'text/event-stream');
  if (header.length <= VERDICT_KEY_MAX) {
    if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
    verdicts.set(header, verdict);
  }
  return verdict;
}
