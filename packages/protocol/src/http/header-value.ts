const PREFIX = '=?base64?';
const SUFFIX = '?=';

// Visible ASCII and space; a tab is allowed by RFC 9110 but trimmed by some intermediaries,
// and the specification asks for Base64 whenever a value cannot travel safely.
const SAFE = /^[\x20-\x7e]*$/;

/** Whether `value` has the Base64 sentinel form `=?base64?...?=`. */
export function isBase64HeaderValue(value: string): boolean {
  return (
    value.length >= PREFIX.length + SUFFIX.length &&
    value.startsWith(PREFIX) &&
    value.endsWith(SUFFIX)
  );
}

/**
 * Whether `value` can be sent as a plain header value: visible ASCII and inner spaces, no
 * leading or trailing whitespace, and not itself looking like a sentinel.
 */
export function isPlainHeaderValue(value: string): boolean {
  return SAFE.test(value) && value.trim() === value && !isBase64HeaderValue(value);
}

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Encodes a value for `Mcp-Name` or `Mcp-Param-*` (2026-07-28): as is when plain ASCII,
 * otherwise as `=?base64?<UTF-8 in Base64>?=`. Numbers go in decimal, booleans as
 * `true`/`false`, as the specification's type conversion says.
 */
export function encodeHeaderValue(value: string | number | boolean): string {
  const text = typeof value === 'string' ? value : String(value);
  return isPlainHeaderValue(text) ? text : `${PREFIX}${toBase64(text)}${SUFFIX}`;
}

/**
 * Decodes a header value written by {@link encodeHeaderValue}: a sentinel value is decoded
 * from Base64 and UTF-8, anything else comes back unchanged. Returns `undefined` for a
 * sentinel whose content is not valid Base64 or UTF-8 (the server then answers -32020).
 */
export function decodeHeaderValue(value: string): string | undefined {
  if (!isBase64HeaderValue(value)) return value;
  const body = value.slice(PREFIX.length, value.length - SUFFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) return undefined;
  try {
    const binary = atob(body);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
