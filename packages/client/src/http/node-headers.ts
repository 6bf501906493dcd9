import type { IncomingHttpHeaders } from 'node:http';

/**
 * The read side of `Headers` over the header object Node already parsed for a response:
 * building a WHATWG `Headers` (validation and a sorted list per response) is a cost the hot
 * path only ever pays to call `get`. Iterable as `[name, value]` pairs, so it can also
 * initialise a real `Headers` or `Response` when someone copies a response.
 */
export class NodeResponseHeaders implements Iterable<[string, string]> {
  readonly #raw: IncomingHttpHeaders;

  constructor(raw: IncomingHttpHeaders) {
    this.#raw = raw;
  }

  /** The header's value (several joined with `, `, as `Headers` does), or null. */
  get(name: string): string | null {
    const value = this.#raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }

  /** Whether the response carries the header. */
  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }

  /** Every `Set-Cookie` value, one per header line. */
  getSetCookie(): string[] {
    const value = this.#raw['set-cookie'];
    return value === undefined ? [] : [...value];
  }

  /** Calls `callback(value, name)` for each header, as `Headers.forEach` does. */
  forEach(callback: (value: string, name: string, parent: NodeResponseHeaders) => void): void {
    for (const [name, value] of this) callback(value, name, this);
  }

  /** `[name, value]` pairs, names lower-cased and sorted. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.#raw).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  /** Header names, lower-cased and sorted. */
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  /** Header values, in name order. */
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
