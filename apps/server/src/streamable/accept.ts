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
