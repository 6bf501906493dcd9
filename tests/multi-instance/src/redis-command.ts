import { connect } from 'node:net';

/** One RESP reply: a simple or bulk string, an integer, null, or an array of replies. */
export type RedisReply = string | number | null | RedisReply[];

/** Parses one reply at `at`; undefined while `text` does not hold all of it yet. */
function parse(text: string, at: number): { value: RedisReply; next: number } | undefined {
  const end = text.indexOf('\r\n', at);
  if (end === -1) return undefined;
  const head = text.slice(at + 1, end);
  switch (text[at]) {
    case '+':
      return { value: head, next: end + 2 };
    case '-':
      throw new Error(`redis: ${head}`);
    case ':':
      return { value: Number(head), next: end + 2 };
    case '$': {
      const length = Number(head);
      if (length < 0) return { value: null, next: end + 2 };
      // Replies here are ASCII (CLIENT LIST, counts): characters are bytes.
      if (text.length < end + 2 + length + 2) return undefined;
      return { value: text.slice(end + 2, end + 2 + length), next: end + 2 + length + 2 };
    }
    case '*': {
      const count = Number(head);
      const items: RedisReply[] = [];
      let next = end + 2;
      for (let i = 0; i < count; i++) {
        const item = parse(text, next);
        if (item === undefined) return undefined;
        items.push(item.value);
        next = item.next;
      }
      return { value: count < 0 ? null : items, next };
    }
    default:
      throw new Error(`redis: unexpected reply ${JSON.stringify(text.slice(at, at + 20))}`);
  }
}

/**
 * Sends one command to the Redis on `port` over a connection of its own and returns the
 * reply (an error reply throws). For tests that act on Redis itself (CLIENT KILL) without
 * a Redis client library; bounded by `timeoutMs`.
 */
export function redisCommand(port: number, args: string[], timeoutMs = 5000): Promise<RedisReply> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    const done = (error: Error | undefined, value?: RedisReply) => {
      socket.destroy();
      if (error === undefined) resolve(value ?? null);
      else reject(error);
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`redis: no reply to ${args[0]}`)));
    socket.once('error', (error) => done(error));
    socket.once('connect', () => {
      const parts = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
      socket.write(`*${args.length}\r\n${parts.join('')}`);
    });
    socket.on('data', (data) => {
      text += data.toString('latin1');
      try {
        const reply = parse(text, 0);
        if (reply !== undefined) done(undefined, reply.value);
      } catch (error) {
        done(error as Error);
      }
    });
  });
}

/**
 * Closes, on the Redis side, the connections of `type` (`pubsub`: subscribers) whose
 * client name is `name` (ioredis sets it from `?connectionName=` in the URL). Returns how
 * many were closed.
 */
export async function killConnections(
  port: number,
  name: string,
  type: 'pubsub' | 'normal',
): Promise<number> {
  const list = String(await redisCommand(port, ['CLIENT', 'LIST', 'TYPE', type]));
  let killed = 0;
  for (const line of list.split('\n')) {
    const id = line.match(/^id=(\d+) /)?.[1];
    if (id === undefined || !line.includes(` name=${name} `)) continue;
    killed += Number(await redisCommand(port, ['CLIENT', 'KILL', 'ID', id]));
  }
  return killed;
}
