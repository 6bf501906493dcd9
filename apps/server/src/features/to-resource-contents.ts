import type { ResourceContents } from './wire-types.js';

/**
 * What a resource's `read` may return: text, bytes, one contents entry, a list of them, or
 * a full `{ contents }` result.
 */
export type ResourceReadReturn =
  | string
  | Uint8Array
  | ResourceContents
  | ResourceContents[]
  | { contents: ResourceContents[]; [key: string]: unknown };

/** Normalises what `read` returned into the `contents` list of a `resources/read` result. */
export function toResourceContents(
  value: ResourceReadReturn,
  uri: string,
  mimeType: string | undefined,
): ResourceContents[] {
  const mime = mimeType === undefined ? {} : { mimeType };
  if (typeof value === 'string') return [{ uri, ...mime, text: value }];
  if (value instanceof Uint8Array) {
    return [{ uri, ...mime, blob: Buffer.from(value).toString('base64') }];
  }
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && 'contents' in value) {
    return (value as { contents: ResourceContents[] }).contents;
  }
  return [value as ResourceContents];
}
