import type { ServerResponse } from 'node:http';
import { encodeSseMessage, type JSONRPCMessage } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import { startScriptedServer } from '../../test-support/scripted-server.js';
import { connect } from '../connect.js';

const closeLater = closeAfterEach();
const FLOOD = 2000;

function isPingAnswer(message: JSONRPCMessage): boolean {
  return 'result' in message && String(message.id).startsWith('flood-');
}

describe('a server that floods requests', () => {
  it('gets its answers with bounded concurrency; the excess is dropped with a warning', async () => {
    const held: ServerResponse[] = [];
    let holding = true;
    const server = closeLater(
      await startScriptedServer({
        // The server sits on each answer's POST, so any concurrency shows as held requests.
        answerPost: (message, res) => {
          if (!isPingAnswer(message) || !holding) return false;
          held.push(res);
          return true;
        },
      }),
    );
    const warnings: string[] = [];
    const fetchedAnswers = { inFlight: 0, max: 0 };
    const counting: typeof fetch = async (input, init) => {
      const answer = typeof init?.body === 'string' && init.body.includes('"flood-');
      if (answer) fetchedAnswers.max = Math.max(fetchedAnswers.max, ++fetchedAnswers.inFlight);
      try {
        return await fetch(input, init);
      } finally {
        if (answer) fetchedAnswers.inFlight--;
      }
    };
    const client = closeLater(
      await connect(server.url, {
        fetch: counting,
        logger: { warn: (message) => warnings.push(message) },
      }),
    );
    const seen = new Promise<void>((resolve) => {
      let pings = 0;
      client.on('wire', (event) => {
        if (event.kind === 'event' && ++pings === FLOOD) resolve();
      });
    });
    const session = [...server.sessions.values()][0];
    let text = '';
    for (let i = 0; i < FLOOD; i++) {
      text += encodeSseMessage(
        JSON.stringify({ jsonrpc: '2.0', id: `flood-${i}`, method: 'ping' }),
      );
    }
    session?.write(text);
    await seen;
    // Every flood event is handled by now; give the sends their microtasks.
    await new Promise((resolve) => setImmediate(resolve));
    expect(fetchedAnswers.max).toBeLessThanOrEqual(4);
    expect(warnings.some((w) => /dropped \d+ request/.test(w))).toBe(true);
    // Let them through: the queued answers follow, never more than four at once.
    holding = false;
    for (const res of held.splice(0)) res.writeHead(202).end('Accepted');
    await server.waitFor(
      (m) => isPingAnswer(m) && server.received.filter(isPingAnswer).length >= 4 + 256,
      60_000,
    );
    expect(fetchedAnswers.max).toBeLessThanOrEqual(4);
    expect(server.received.filter(isPingAnswer).length).toBe(4 + 256);
    await client.ping();
  }, 60_000);
});
