import { createServer, type ServerResponse } from 'node:http';
import { encodeSseEvent, type SseEvent } from '@mcp-sse/protocol';
import {
  bindHttpFixture,
  compareFixtureData,
  FIXTURE_SERVER_CAPABILITIES,
  type Fixture,
  type FixtureHttpStep,
  fixtureTools,
  normalizeFixtureData,
  unwrapStatelessRequest,
  wrapStatelessResult,
} from '@mcp-sse/protocol/fixtures';
import { listenLoopback } from '../../peers/listen.js';
import { learn, translate, withoutExtraMeta } from './fixture-ids.js';
import type { FixturePlayer } from './fixture-player.js';
import { readJson } from './fixture-player.js';

const SESSION_ID = 'fixture-session';

/** How the player speaks Streamable HTTP. */
export interface HttpPlayerMode {
  transport: 'streamable-http' | 'stateless';
  /** `json`: a lone answer as `application/json` (more than one message needs SSE); `sse`: always a stream. */
  answers: 'json' | 'sse';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const methodOf = (message: unknown) =>
  isObject(message) && typeof message.method === 'string' ? message.method : undefined;

/**
 * Starts a loopback Streamable HTTP server at `/mcp` that plays a fixture's server side,
 * bound to `mode.transport`: each POST is checked against the next recorded client message
 * (ids and tokens aside, extra `_meta` and the 2026-07-28 request `_meta` tolerated) and
 * answered with the recorded status and server messages, as JSON or SSE. A `tools/list` or
 * `server/discover` the recording does not have next (what a client asks while connecting)
 * is answered with the fixtures' tools and capabilities. GET is 405 (no standalone stream).
 */
export async function startHttpFixturePlayer(
  fixture: Fixture,
  mode: HttpPlayerMode,
): Promise<FixturePlayer> {
  const problems: string[] = [];
  const script = bindHttpFixture(fixture, mode.transport);
  let cursor = 0;
  const ids = new Map<unknown, unknown>();
  const tokens = new Map<unknown, unknown>();
  const stateless = mode.transport === 'stateless';
  const outgoing = (message: unknown) =>
    stateless
      ? wrapStatelessResult(translate(message, ids, tokens))
      : translate(message, ids, tokens);

  const answer = (res: ServerResponse, status: number, messages: unknown[], headers = {}) => {
    if (messages.length === 0) {
      res.writeHead(status, headers).end();
      return;
    }
    if (mode.answers === 'json' && messages.length === 1) {
      res
        .writeHead(status, { ...headers, 'content-type': 'application/json' })
        .end(JSON.stringify(messages[0]));
      return;
    }
    res.writeHead(status, { ...headers, 'content-type': 'text/event-stream' });
    for (const data of messages) res.write(encodeSseEvent({ event: 'message', data } as SseEvent));
    res.end();
  };

  const ambient = (method: string | undefined, id: unknown): unknown => {
    const result =
      method === 'tools/list'
        ? { tools: fixtureTools }
        : {
            supportedVersions: ['2026-07-28', '2025-11-25'],
            capabilities: FIXTURE_SERVER_CAPABILITIES,
          };
    return outgoing({ jsonrpc: '2.0', id, result });
  };

  const onPost = (
    body: unknown,
    headers: Record<string, string | string[] | undefined>,
    res: ServerResponse,
  ) => {
    const next = script[cursor] as Extract<FixtureHttpStep, { type: 'post' }> | undefined;
    const method = methodOf(body);
    if (
      (method === 'tools/list' || method === 'server/discover') &&
      methodOf(next?.message) !== method
    ) {
      answer(res, 200, [ambient(method, (body as { id?: unknown }).id)]);
      return;
    }
    if (next?.type !== 'post') {
      problems.push(`client POST beyond the recording: ${JSON.stringify(body).slice(0, 100)}`);
      answer(res, 202, []);
      return;
    }
    cursor++;
    if (
      !stateless &&
      methodOf(next.message) !== 'initialize' &&
      headers['mcp-session-id'] !== SESSION_ID
    )
      problems.push(`client POST without the session id: ${JSON.stringify(body).slice(0, 80)}`);
    if (stateless && headers['mcp-protocol-version'] !== '2026-07-28')
      problems.push(`client POST without MCP-Protocol-Version: 2026-07-28`);
    const recorded = stateless ? unwrapStatelessRequest(next.message).message : next.message;
    const live = stateless ? unwrapStatelessRequest(body) : { message: body, problems: [] };
    problems.push(...live.problems.map((problem) => `client POST: ${problem}`));
    learn(recorded, live.message, ids, tokens);
    const options = { ids: true };
    for (const problem of compareFixtureData(
      normalizeFixtureData('message', recorded, options),
      normalizeFixtureData('message', withoutExtraMeta(recorded, live.message), options),
    ))
      problems.push(`client POST: ${problem}`);
    const messages: unknown[] = [];
    while (script[cursor]?.type === 'receive') {
      const step = script[cursor++] as Extract<FixtureHttpStep, { type: 'receive' }>;
      messages.push(outgoing(step.step.message));
    }
    answer(
      res,
      next.status,
      messages,
      methodOf(next.message) === 'initialize' ? { 'mcp-session-id': SESSION_ID } : {},
    );
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/mcp') {
      problems.push(`unexpected ${req.method} ${req.url}`);
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST') {
      void readJson(req).then((body) => onPost(body, req.headers, res));
      return;
    }
    if (req.method === 'DELETE') {
      res.writeHead(200).end();
      return;
    }
    res.writeHead(405, { allow: 'POST, DELETE' }).end();
  });
  const peer = await listenLoopback(http, '/mcp');
  return { ...peer, problems };
}
