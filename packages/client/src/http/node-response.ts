import type { IncomingMessage } from 'node:http';
import type { HttpBuiltins } from './node-builtins.js';
import { NodeResponseHeaders } from './node-headers.js';

/** What a response is apart from its body. */
interface ResponseHead {
  readonly status: number;
  readonly statusText: string;
  readonly headers: NodeResponseHeaders;
  readonly url: string;
}

/** Statuses whose response never has a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * A `Response` over a Node `IncomingMessage`, as {@link nodeHttpFetch} resolves with. It
 * has what the client and its callers read of a response (status, headers, body, `text()`,
 * `json()`, `clone()`), but the web stream behind `body` is made only when someone asks
 * for it: the transports read the message itself ({@link takeNodeMessage}), which spares
 * each call a `ReadableStream`, its controller and a promise per chunk.
 */
export class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: NodeResponseHeaders;
  readonly url: string;
  readonly type = 'basic' as const;
  readonly redirected = false;
  /**
   * Says "Response" as fetch's does: libraries that check a response loosely (oauth4webapi's
   * DPoP nonce retry, for one) accept it then, and refused it before.
   */
  get [Symbol.toStringTag](): string {
    return 'Response';
  }
  readonly #builtins: HttpBuiltins;
  #message: IncomingMessage | undefined;
  #web: ReadableStream<Uint8Array> | undefined;
  #used = false;

  constructor(
    head: ResponseHead,
    builtins: HttpBuiltins,
    body: IncomingMessage | ReadableStream<Uint8Array> | undefined,
  ) {
    this.status = head.status;
    this.statusText = head.statusText;
    this.ok = this.status >= 200 && this.status <= 299;
    this.headers = head.headers;
    this.url = head.url;
    this.#builtins = builtins;
    if (body instanceof ReadableStream) this.#web = body;
    else this.#message = body;
  }

  /** The response to a Node message; a body that cannot exist is read away at once. */
  static fromMessage(
    message: IncomingMessage,
    url: string,
    builtins: HttpBuiltins,
    noBody: boolean,
  ): NodeResponse {
    const status = message.statusCode ?? 0;
    const head = {
      status,
      statusText: message.statusMessage ?? '',
      headers: new NodeResponseHeaders(message.headers),
      url,
    };
    if (noBody || NULL_BODY_STATUSES.has(status)) {
      // Read to its end (nothing), so that the socket goes back to the pool.
      message.resume();
      return new NodeResponse(head, builtins, undefined);
    }
    return new NodeResponse(head, builtins, message);
  }

  /** The body as a web stream (made on first access), or null when there is none. */
  get body(): ReadableStream<Uint8Array> | null {
    if (this.#web) return this.#web;
    const message = this.#message;
    if (!message) return null;
    this.#message = undefined;
    this.#web = this.#builtins.stream.Readable.toWeb(message) as ReadableStream<Uint8Array>;
    return this.#web;
  }

  /** Whether there is a body to read, without making its web stream. */
  get hasBody(): boolean {
    return this.#message !== undefined || this.#web !== undefined;
  }

  /** Whether the body was read (or handed out to be read). */
  get bodyUsed(): boolean {
    return this.#used || this.#web?.locked === true;
  }

  /** The message itself, once, for a reader that wants Node's events (see takeNodeMessage). */
  takeMessage(): IncomingMessage | undefined {
    const message = this.#message;
    if (!message || this.#used) return undefined;
    this.#message = undefined;
    this.#used = true;
    return message;
  }

  /** The whole body as bytes. */
  async bytes(): Promise<Uint8Array> {
    this.#claim();
    const message = this.takeMessage();
    if (message) return readMessage(message);
    const web = this.#web;
    if (!web) return new Uint8Array(0);
    return new Uint8Array(await new Response(web).arrayBuffer());
  }

  /** The whole body as an ArrayBuffer. */
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** The whole body as UTF-8 text. */
  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  /** The whole body parsed as JSON. */
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  /** The whole body as a Blob. */
  async blob(): Promise<Blob> {
    const type = this.headers.get('content-type');
    return new Blob(
      [(await this.bytes()) as Uint8Array<ArrayBuffer>],
      type === null ? {} : { type },
    );
  }

  /** A copy whose body can be read apart from this one's (both become web streams). */
  clone(): NodeResponse {
    if (this.bodyUsed) throw new TypeError('Response.clone: the body has already been read');
    const body = this.body;
    let theirs: ReadableStream<Uint8Array> | undefined;
    if (body) {
      const [mine, other] = body.tee();
      this.#web = mine;
      theirs = other;
    }
    return new NodeResponse(this, this.#builtins, theirs);
  }

  #claim(): void {
    if (this.bodyUsed) throw new TypeError('The response body has already been read');
  }
}

/**
 * The Node message behind a response of {@link nodeHttpFetch} whose body nobody touched
 * yet, claimed for the caller to read with Node's events; undefined for any other
 * response (a `fetch` response, or a body already read), which is then read as a web stream.
 */
export function takeNodeMessage(response: Response): IncomingMessage | undefined {
  return response instanceof NodeResponse ? response.takeMessage() : undefined;
}

/**
 * Whether a response has a body to read, without making the web stream of one from
 * {@link nodeHttpFetch} (reading `body` would).
 */
export function hasBody(response: Response): boolean {
  return response instanceof NodeResponse ? response.hasBody : response.body !== null;
}

/** Reads a message to its end; rejects when it breaks before the end. */
function readMessage(message: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (chunk: Buffer) => chunks.push(chunk));
    message.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    message.once('error', reject);
    message.once('close', () => {
      if (!message.complete) reject(message.errored ?? new Error('The response body broke off'));
    });
  });
}
