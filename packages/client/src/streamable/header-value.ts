const PREFIX = '=?base64?';
const SUFFIX = '?=';
// Visible ASCII and inner spaces; anything else (non-ASCII, control characters, tabs) goes
// in Base64, as the 2026-07-28 transport text asks for values that cannot travel safely.
const SAFE = /^[\x20-\x7e]*$/;

function toBase64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Encodes a value for `Mcp-Name` / `Mcp-Param-*`: as is when it is plain ASCII without
 * leading or trailing whitespace, else (or when it looks like the sentinel itself) as
 * `=?base64?<UTF-8 in Base64>?=`. Integers in decimal, booleans as `true` / `false`.
 */
export function encodeHeaderValue(value: string | number | boolean): string {
  const text = String(value);
  const sentinel = text.startsWith(PREFIX) && text.endsWith(SUFFIX);
  const plain = SAFE.test(text) && text.trim() === text && !sentinel;
  return plain ? text : `${PREFIX}${toBase64(text)}${SUFFIX}`;
}
