import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One upstream of the proxy. */
export interface Upstream {
  name: string;
  port: number;
}

/** Which upstream served a request. */
export interface Routed {
  upstream: string;
  method: string;
  path: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * A small HTTP load balancer on 127.0.0.1: each request goes to the next upstream in
 * turn (no stickiness at all, even on a keep-alive connection), skipping upstreams that
 * refuse the connection. Responses, SSE streams included, are piped through; when an
 * upstream dies mid-stream the client's response is cut too, as a real balancer does.
 */
export class RoundRobinProxy {
  /** Every request routed so far, in order. */
  readonly routed: Routed[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  readonly #streams = new Set<ServerResponse>();
  #upstreams: Upstream[];
  #next = 0;

  private constructor(upstreams: Upstream[]) {
    this.#upstreams = upstreams;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** Starts listening on a free loopback port. */
  static async start(upstreams: Upstream[]): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(upstreams);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** `http://127.0.0.1:<port>`. */
  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Replaces the upstream list (e.g. a restarted instance on a new port). */
  setUpstreams(upstreams: Upstream[]): void {
    this.#upstreams = upstreams;
  }

  /** Upstream names that served requests of `method` (optionally only paths starting with `prefix`). */
  servedBy(method: string, prefix = '/'): Set<string> {
    return new Set(
      this.routed
        .filter((r) => r.method === method && r.path.startsWith(prefix))
        .map((r) => r.upstream),
    );
  }

  /** Cuts every open GET response (the SSE streams), as a balancer restart would. */
  cutStreams(): void {
    for (const res of this.#streams) res.destroy();
    this.#streams.clear();
  }

  /** Closes the listener and every connection through it. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk);
    }
    const body = Buffer.concat(chunks);
    // Each upstream is tried at most once per request, starting from the next in turn.
    const upstreams = this.#upstreams;
    const start = this.#next++;
    for (let k = 0; k < upstreams.length; k++) {
      const upstream = upstreams[(start + k) % upstreams.length]!;
      if (await this.#forward(upstream, req, body, res)) return;
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'bad_gateway', message: 'no upstream accepted the request' }));
  }

  /** False when the upstream refused the connection (the next one is tried). */
  #forward(
    upstream: Upstream,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
  ): Promise<boolean> {
    return new Promise((resolve) => {
      const headers = { ...req.headers, host: `127.0.0.1:${upstream.port}` };
      const up = httpRequest(
        { host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers },
        (upRes) => {
          this.routed.push({
            upstream: upstream.name,
            method: req.method ?? '',
            path: req.url ?? '',
          });
          if (req.method === 'GET') {
            this.#streams.add(res);
            res.on('close', () => this.#streams.delete(res));
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          res.flushHeaders();
          upRes.on('data', (chunk: Buffer) => res.write(chunk));
          upRes.on('end', () => res.end());
          // An upstream that dies mid-response: the client sees its stream cut.
          upRes.on('aborted', () => res.destroy());
          upRes.on('error', () => res.destroy());
          res.on('close', () => up.destroy());
          resolve(true);
        },
      );
      up.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED' && !res.headersSent) {
          resolve(false);
          return;
        }
        res.destroy();
        resolve(true);
      });
      up.end(body);
    });
  }
}
