import { afterEach, expect, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startOurServerProcess } from '../../peers/our-server.js';
import { openRawSession, type RawSession } from '../helpers/raw-session.js';
import { resultText } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
let session: RawSession | undefined;
afterEach(async () => {
  session?.close();
  await peer?.close();
  peer = session = undefined;
});

const simpleCall = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

// The original design: no initialize; the tool list is the `tools` event, calls are
// POST /sse {session_id, tool, args}, answers are `result` / `error` events. The form has no
// progress token and no request id, so progress and cancellation are not part of it.
test('simple form (POST /sse {session_id, tool, args}, result/error events) × our server', async () => {
  peer = await startOurServerProcess();
  session = await openRawSession(peer.url);
  const sessionId = session.endpoint.searchParams.get('sessionId');
  expect(sessionId).toBeTruthy();

  const tools = await session.waitFor((event) => event.event === 'tools', 'tools event');
  const names = (tools.data as Array<{ name: string }>).map((tool) => tool.name);
  expect(names).toEqual(expect.arrayContaining(['echo', 'add', 'sleep']));

  const echo = await simpleCall(peer.url, {
    session_id: sessionId,
    tool: 'echo',
    args: { message: 'simple' },
  });
  expect(echo.status).toBe(202);
  const echoed = await session.waitFor((event) => event.event === 'result', 'echo result');
  expect(resultText(echoed.data as object)).toBe('simple');

  const add = await simpleCall(peer.url, {
    session_id: sessionId,
    tool: 'add',
    args: { a: 2, b: 40 },
  });
  expect(add.status).toBe(202);
  const sum = await session.waitFor((event) => event.event === 'result', 'add result');
  expect(resultText(sum.data as object)).toBe('42');

  const slow = await simpleCall(peer.url, {
    session_id: sessionId,
    tool: 'sleep',
    args: { ms: 300 },
  });
  expect(slow.status).toBe(202);
  const slept = await session.waitFor((event) => event.event === 'result', 'sleep result');
  expect(resultText(slept.data as object)).toContain('300');

  const bad = await simpleCall(peer.url, {
    session_id: sessionId,
    tool: 'add',
    args: { a: 'two' },
  });
  expect(bad.status).toBe(202);
  const error = await session.waitFor((event) => event.event === 'error', 'error event');
  expect(error.data).toMatchObject({ code: -32602, message: expect.stringMatching(/\ba\b/) });

  const unknownSession = await simpleCall(peer.url, {
    session_id: '00000000-0000-4000-8000-000000000000',
    tool: 'echo',
    args: { message: 'lost' },
  });
  expect(unknownSession.status).toBe(404);
  expect(await unknownSession.json()).toMatchObject({ error: expect.anything() });

  const malformed = await simpleCall(peer.url, { session_id: sessionId, args: {} });
  expect(malformed.status).toBe(400);
});
