import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import { type EndlessBody, writeEndless } from '../../test-support/endless.js';
import { startScriptedServer } from '../../test-support/scripted-server.js';
import { connect } from '../connect.js';
import { McpSseClientError } from '../errors.js';

const closeLater = closeAfterEach();
/** The client may take a few socket buffers before it cancels; far less than unbounded. */
const TAKEN_AT_MOST = 16 * 1024 * 1024;

function isCall(message: unknown, name: string): boolean {
  const m = message as { method?: string; params?: { name?: string } };
  return m.method === 'tools/call' && m.params?.name === name;
}

describe('bodies from a hostile server are read with a bound', () => {
  it('an endless error body: the call fails with a short snippet and the rest is cancelled', async () => {
    let endless: EndlessBody | undefined;
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!isCall(message, 'echo')) return false;
          res.writeHead(500, { 'content-type': 'text/plain' });
          endless = writeEndless(res);
          return true;
        },
        onMessage: (message) => isCall(message, 'echo'),
      }),
    );
    const client = closeLater(await connect(server.url));
    const error = await client.callTool('echo', { text: 'x' }).catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'http_status', status: 500 });
    expect((error as Error).message.length).toBeLessThan(1000);
    expect((error as Error).message).toMatch(/Server said: x+…$/);
    expect(await endless?.closed).toBeLessThan(TAKEN_AT_MOST);
  });

  it("an endless 202 body is cancelled, not drained, and the call's answer still arrives", async () => {
    let endless: EndlessBody | undefined;
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!isCall(message, 'echo')) return false;
          res.writeHead(202, { 'content-type': 'text/plain' });
          endless = writeEndless(res);
          return true;
        },
      }),
    );
    const client = closeLater(await connect(server.url));
    const result = await client.callTool('echo', { text: 'still here' });
    expect(result.content).toEqual([{ type: 'text', text: 'still here' }]);
    expect(await endless?.closed).toBeLessThan(TAKEN_AT_MOST);
  });

  it('a POST that is never answered is aborted when its call times out', async () => {
    let held: ServerResponse | undefined;
    let hangUp: (() => void) | undefined;
    const hungUp = new Promise<void>((resolve) => {
      hangUp = resolve;
    });
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!isCall(message, 'hang')) return false;
          held = res;
          res.on('close', () => hangUp?.());
          return true;
        },
      }),
    );
    const client = closeLater(await connect(server.url));
    const error = await client.callTool('hang', {}, { timeout: 200 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'request_timeout' });
    // The client hung up the POST itself; before, it stayed open until the client closed.
    await hungUp;
    expect(held?.headersSent).toBe(false);
    expect(client.state).toBe('ready');
  });

  it('a POST that is never answered is aborted when its call is aborted', async () => {
    let hangUp: (() => void) | undefined;
    const hungUp = new Promise<void>((resolve) => {
      hangUp = resolve;
    });
    const server = closeLater(
      await startScriptedServer({
        answerPost: (message, res) => {
          if (!isCall(message, 'hang')) return false;
          res.on('close', () => hangUp?.());
          return true;
        },
      }),
    );
    const client = closeLater(await connect(server.url));
    const controller = new AbortController();
    const call = client.callTool('hang', {}, { signal: controller.signal });
    await server.waitFor((m) => isCall(m, 'hang'), 30_000);
    controller.abort(new Error('enough'));
    await expect(call).rejects.toMatchObject({ code: 'aborted' });
    await hungUp;
  });
});
