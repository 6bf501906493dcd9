import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, until } from '../../test/helpers.js';
import { initSession } from '../streamable/test-client.js';
import { defineTool } from '../tools/define-tool.js';
import { twoRedisInstances } from './redis-test-instances.js';

const MiB = 2 ** 20;

/** Reports `count` progress notifications of 1 MiB each, then answers. */
const big = defineTool({
  name: 'big',
  description: 'Sends count progress notifications with a 1 MiB message each.',
  input: z.object({ count: z.number().int().min(1).max(64) }),
  handler: async ({ count }, ctx) => {
    const message = 'x'.repeat(MiB);
    for (let i = 0; i < count; i++) {
      ctx.progress(i + 1, count, message);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return 'done';
  },
});

/** POSTs `body` on a raw socket to `base`, reads up to the status line, then stops reading. */
function stalledPost(base: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const { hostname, port } = new URL(base);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(
        `POST /mcp HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
          `Accept: application/json, text/event-stream\r\n${extra}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
      );
    });
    onCleanup(async () => void socket.destroy());
    socket.setEncoding('utf8');
    socket.once('data', (chunk: string) => {
      socket.pause();
      if (chunk.startsWith('HTTP/1.1 200')) resolve();
      else reject(new Error(`POST answered ${chunk.split('\r\n')[0]}`));
    });
    socket.on('error', reject);
  });
}

describe('streams served through Redis and the unread-bytes budget', { timeout: 120_000 }, () => {
  it('a stream served on another instance than the holder counts: a reader that stops is cut at maxBufferedBytesPerClient', async () => {
    const warnings: string[] = [];
    const logger = {
      level: 'warn',
      stream: new Writable({
        write(line: Buffer, _encoding, done) {
          warnings.push(line.toString());
          done();
        },
      }),
    };
    const options = {
      tools: [big],
      // The per-stream cut-off out of the way: only the server-wide budget acts here.
      maxBufferedBytes: 64 * MiB,
      maxBufferedBytesPerClient: 2 * MiB,
      logger,
    };
    const [a, b] = await twoRedisInstances(options, 'rsb');
    // The session is held on A; its POST stream is served on B.
    const { headers } = await initSession(`${a.base}/mcp`);
    await stalledPost(b.base, headers, {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'big', arguments: { count: 24 }, _meta: { progressToken: 1 } },
    });
    await until(
      () => warnings.some((line) => line.includes('maxBufferedBytesPerClient')),
      'the stream to be cut by the budget',
      60_000,
    ).catch((err: Error) => {
      // What the instances warned about instead says why (a Redis timeout hands the session back).
      throw new Error(`${err.message}; warnings: ${warnings.join('')}`);
    });
    const cut = JSON.parse(warnings.find((line) => line.includes('maxBufferedBytesPerClient'))!);
    expect(cut).toMatchObject({ msg: 'closing stream: slow reader' });
  });
});
