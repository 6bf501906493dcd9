/*
 * `tools/list` cursors: opaque to clients, an offset to us. Base64url keeps them opaque
 * enough that nobody builds them by hand, and the prefix lets us reject foreign ones.
 */

const PREFIX = 'o:';

/** Encodes the offset of the next page. */
export function encodeToolsCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString('base64url');
}

/** Decodes a cursor to an offset, or undefined when it is not one of ours. */
export function decodeToolsCursor(cursor: string): number | undefined {
  if (cursor.length > 64) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!text.startsWith(PREFIX)) return undefined;
  const digits = text.slice(PREFIX.length);
  if (!/^\d{1,9}$/.test(digits)) return undefined;
  return Number(digits);
}
