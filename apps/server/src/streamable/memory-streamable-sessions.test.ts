import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { McpServerCore } from '../core/mcp-server-core.js';
import { echoTool } from '../examples/echo.js';
import { fakeResponse } from './fake-response.js';
import { MemoryStreamableSessions } from './memory-streamable-sessions.js';
import type { ServeOptions } from './shared-sessions.js';

const JSON_ANSWER: ServeOptions = {
  mode: 'json',
  batch: false,
  prime: true,
  stream: false,
  pollAfterMs: 0,
};

const request = (id: RequestId, method: string, params?: Record<string, unknown>) =>
  ({
    jsonrpc: '2.0',
    id,
    method,
    ...(params === undefined ? {} : { params }),
  }) as JSONRPCMessage & {
    id: RequestId;
  };

function setup() {
  const core = new McpServerCore({ tools: [echoTool], logger: silentLogger });
  const sessions = new MemoryStreamableSessions({
    core,
    logger: silentLogger,
    retryMs: 500,
    maxBufferedBytes: 1 << 20,
    replayEvents: 16,
    replayBytes: 1 << 16,
    keepFinished: 1024,
  });
  /** Claims and serves one POST on a fresh fake response; returns the response. */
  const post = (id: string, messages: Array<JSONRPCMessage & { id: RequestId }>) => {
    const res = fakeResponse();
    const claim = sessions.claim(id, messages, false);
    if (claim.kind === 'gone') throw new Error('gone');
    sessions.serve(id, claim, messages, res, {}, JSON_ANSWER);
    return res;
  };
  /** A session past `initialize` at 2025-11-25. */
  const open = () => {
    const id = sessions.create(undefined);
    const init = post(id, [
      request(0, 'initialize', {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 't', version: '1' },
      }),
    ]);
    expect(init.status).toBe(200);
    return id;
  };
  return { core, sessions, post, open };
}

describe('MemoryStreamableSessions', () => {
  it('answers synchronously, with no promise to await on the hot path', () => {
    const { sessions, open } = setup();
    const id = open();
    expect(sessions.info(id)).toMatchObject({
      principalId: null,
      protocolVersion: '2025-11-25',
    });
    expect(sessions.claim(id, [request(1, 'ping')], false)).toEqual({ kind: 'new', stream: '' });
    expect(sessions.notify(id, [{ jsonrpc: '2.0', method: 'notifications/initialized' }])).toBe(
      true,
    );
    expect(sessions.claim('nope', [request(1, 'ping')], false)).toEqual({ kind: 'gone' });
    expect(sessions.notify('nope', [])).toBe(false);
  });

  it('leaves no session behind after a refused initialize', () => {
    const { sessions, post } = setup();
    const id = sessions.create(undefined);
    const res = post(id, [request(0, 'initialize', { protocolVersion: 42 })]);
    expect(JSON.parse(res.body).error).toBeDefined();
    expect(sessions.info(id)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('re-attaches a re-sent request to the stream that answered it', () => {
    const { sessions, post, open } = setup();
    const id = open();
    const first = post(id, [request(7, 'ping')]);
    expect(JSON.parse(first.body)).toMatchObject({ id: 7, result: {} });
    const claim = sessions.claim(id, [request(7, 'ping')], false);
    expect(claim.kind).toBe('resent');
    const again = fakeResponse();
    sessions.serve(
      id,
      claim as typeof claim & { kind: 'resent' },
      [request(7, 'ping')],
      again,
      {},
      JSON_ANSWER,
    );
    expect(again.body).toBe(first.body);
  });

  it('plans a plain GET on the standalone stream, a conflict while it is open, and resumes by id', () => {
    const { sessions, open } = setup();
    const id = open();
    const plan = sessions.planResume(id, undefined);
    expect(plan).toEqual({ kind: 'stream', stream: '0', from: 0 });
    const live = fakeResponse();
    sessions.attach(id, plan as typeof plan & { kind: 'stream' }, live, {});
    expect(live.status).toBe(200);
    expect(sessions.planResume(id, undefined)).toEqual({ kind: 'conflict' });
    // A resume with the stream's id is planned (and takes it over): the old response is ended.
    const resume = sessions.planResume(id, { stream: '0', seq: 0 });
    expect(resume).toEqual({ kind: 'stream', stream: '0', from: 0 });
    sessions.attach(id, resume as typeof resume & { kind: 'stream' }, fakeResponse(), {});
    expect(live.ended).toBe(true);
    expect(sessions.planResume(id, { stream: '9', seq: 0 })).toEqual({ kind: 'unknown' });
  });

  it('ends a one-POST session (streamableSessions: false) with its last answer', async () => {
    const { sessions } = setup();
    const res = fakeResponse();
    sessions.once(undefined, '2025-11-25', [request(1, 'tools/list')], res, {}, 'auto', false);
    expect(JSON.parse(res.body).result.tools.length).toBeGreaterThan(0);
    await Promise.resolve();
    expect(sessions.size).toBe(0);
  });
});
