/*
 * Cursors of resources/list, resources/templates/list and prompts/list: the last key of the
 * page, base64url so that clients treat it as opaque. A key rather than an offset keeps
 * paging right while items are added or removed, and works on any instance.
 */

const PREFIX = 'k:';

/** Encodes the key the next page starts after. */
export function encodeListCursor(lastKey: string): string {
  return Buffer.from(`${PREFIX}${lastKey}`).toString('base64url');
}

/** Decodes a cursor to the key it names, or undefined when it is not one of ours. */
export function decodeListCursor(cursor: unknown): string | undefined {
  if (typeof cursor !== 'string' || cursor.length > 8192) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  return text.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}

/** One page of a sorted list: the items after `afterKey`, and the cursor of the next page. */
export function pageAfter<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  afterKey: string | undefined,
  pageSize: number,
): { items: T[]; nextCursor?: string } {
  let start = 0;
  if (afterKey !== undefined) {
    // Sorted by key: the first item whose key is past the cursor.
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (keyOf(items[mid]!) <= afterKey) low = mid + 1;
      else high = mid;
    }
    start = low;
  }
  const page = items.slice(start, start + pageSize);
  const more = start + pageSize < items.length;
  return more && page.length > 0
    ? { items: page, nextCursor: encodeListCursor(keyOf(page[page.length - 1]!)) }
    : { items: page };
}
