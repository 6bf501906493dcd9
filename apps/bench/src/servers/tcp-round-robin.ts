import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A layer-4 round-robin balancer on 127.0.0.1: each new connection goes to the next
 * upstream port, bytes piped both ways. With keep-alive POST sockets and long-lived GET
 * streams spread independently, most calls land on an instance that does not hold their
 * session's stream: the case several instances on Redis must handle.
 */
export class TcpRoundRobin {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #next = 0;

  private constructor(ports: readonly number[]) {
    this.#server = createServer((client) => {
      const port = ports[this.#next++ % ports.length]!;
      const upstream = tcpConnect({ host: '127.0.0.1', port });
      for (const socket of [client, upstream]) {
        socket.setNoDelay(true);
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  /** Listens on a free loopback port in front of `ports`. */
  static async start(ports: readonly number[]): Promise<TcpRoundRobin> {
    const balancer = new TcpRoundRobin(ports);
    await new Promise<void>((resolve) => balancer.#server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  /** The port it listens on. */
  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  /** Closes the listener and every connection through it. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
