/** What a `WWW-Authenticate: Bearer ...` challenge tells the client (RFC 6750, RFC 9728). */
export interface BearerChallenge {
  /** `resource_metadata`: where the Protected Resource Metadata lives (RFC 9728 section 5.1). */
  resourceMetadata?: string;
  /** `scope`: the scope the request needs (the one to ask for, also on step-up). */
  scope?: string;
  /** `error`, e.g. `invalid_token` or `insufficient_scope`. */
  error?: string;
  /** `dpop` when the challenge was a DPoP one: the server takes DPoP-bound tokens. */
  scheme?: 'bearer' | 'dpop';
}

// auth-param = token BWS "=" BWS ( token / quoted-string ), separated by commas.
const PARAM = /([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;

/**
 * Reads the Bearer (or DPoP) challenge of a `WWW-Authenticate` header, or undefined when there
 * is none.
 * Other schemes in the same header are skipped; a header too long to be honest is ignored.
 */
export function parseBearerChallenge(header: string | null): BearerChallenge | undefined {
  if (header === null || header.length > 8192) return undefined;
  // A DPoP challenge (RFC 9449 section 7.1) carries the same parameters.
  const start = header.search(/(^|[\s,])(Bearer|DPoP)(\s|$)/i);
  if (start < 0) return undefined;
  // The parameters run until the next "<scheme> <token>=" (another challenge).
  let rest = header.slice(start).replace(/^[\s,]*(Bearer|DPoP)/i, '');
  const next = rest.search(/,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+\s+[A-Za-z0-9!#$%&'*+.^_`|~-]+\s*=/);
  if (next >= 0) rest = rest.slice(0, next);
  const out: BearerChallenge = {
    scheme: /^[\s,]*DPoP/i.test(header.slice(start)) ? 'dpop' : 'bearer',
  };
  for (const match of rest.matchAll(PARAM)) {
    const name = (match[1] as string).toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] as string);
    if (name === 'resource_metadata') out.resourceMetadata = value;
    else if (name === 'scope') out.scope = value;
    else if (name === 'error') out.error = value;
  }
  return out;
}
