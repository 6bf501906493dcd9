import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeSseEvent, type JSONRPCMessage, type SseEvent } from '@mcp-sse/protocol';
import { FIXTURE_SESSION_ID, type Fixture, type FixtureStep } from '@mcp-sse/protocol/fixtures';

/** A server that plays the server side of a recorded fixture. */
export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

type Json = unknown;

function rewrite(
  value: Json,
  swap: (v: Json, key: string | undefined) => Json,
  key?: string,
): Json {
  const swapped = swap(value, key);
  if (swapped !== value) return swapped;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, swap));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, swap, k)]));
  }
  return value;
}

/**
 * Replays the server side of `fixture` against a real client: the stream opens with the
 * recorded events up to the first POST; each POST the client makes is matched to the next
 * recorded POST of the same method, answered with its status, and followed by the recorded
 * events after it, with the recorded request id and progress token swapped for the ones
 * this client chose.
 */
export async function startFixtureServer(fixture: Fixture): Promise<FixtureServer> {
  const steps = fixture.steps;
  const consumed = new Set<number>();
  const sessionId = 'fixture-session';
  let stream: import('node:http').ServerResponse | undefined;

  const eventsAfter = (index: number): FixtureStep[] => {
    const out: FixtureStep[] = [];
    for (let i = index + 1; i < steps.length && steps[i]?.type === 'event'; i++)
      out.push(steps[i] as FixtureStep);
    return out;
  };
  const write = (step: FixtureStep, swap: (v: Json, key: string | undefined) => Json) => {
    if (step.type !== 'event' || !stream) return;
    const data =
      step.event === 'endpoint'
        ? String(step.data).replace(FIXTURE_SESSION_ID, sessionId)
        : rewrite(step.data, swap);
    stream.write(encodeSseEvent({ event: step.event, data } as SseEvent));
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const open = steps[0];
    if (req.method === 'GET' && open?.type === 'open' && url.pathname === open.path) {
      res.writeHead(open.status, { 'content-type': 'text/event-stream' });
      stream = res;
      for (const step of eventsAfter(0)) write(step, (v) => v);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as JSONRPCMessage & {
        id?: string | number;
        method?: string;
        params?: { _meta?: { progressToken?: string | number } };
      };
      const index = steps.findIndex(
        (step, i) =>
          !consumed.has(i) &&
          step.type === 'post' &&
          step.to === 'endpoint' &&
          (step.body as { method?: string }).method === message.method,
      );
      const step = steps[index];
      if (step?.type !== 'post') {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end('{"error":"not in the fixture"}');
        return;
      }
      consumed.add(index);
      res.writeHead(step.status).end();
      const recorded = step.body as { id?: Json; params?: { _meta?: { progressToken?: Json } } };
      const recordedToken = recorded.params?._meta?.progressToken;
      const swap = (value: Json, key: string | undefined): Json => {
        if (key === 'id' && recorded.id !== undefined && value === recorded.id) return message.id;
        if (key === 'progressToken' && recordedToken !== undefined && value === recordedToken) {
          return message.params?._meta?.progressToken;
        }
        return value;
      };
      for (const event of eventsAfter(index)) write(event, swap);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${steps[0]?.type === 'open' ? steps[0].path : '/sse'}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
