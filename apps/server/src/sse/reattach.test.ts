import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  openSession,
  postJson,
  rpc,
  start,
  TestStream,
  until,
  untilDetached,
} from '../../test/helpers.js';
import { defineTool } from '../tools/define-tool.js';
import { dropStream, echoCall, messageIds } from './resume-test-helpers.js';

const KEY = { value: 'key-reattach-0123456789' };
const AUTH = { 'x-api-key': KEY.value };

/** What the official SDK client adds to its reconnect GET (and only to that one). */
const RECONNECT = { 'mcp-protocol-version': '2025-11-25' };

const initialize = rpc(0, 'initialize', {
  protocolVersion: '2025-11-25',
  capabilities: {},
  clientInfo: { name: 'sdk-like', version: '1.0.0' },
});

describe('reconnect without Last-Event-ID (the official SDK client)', () => {
  it('re-attaches the one detached session of that client and delivers what it missed, once', async () => {
    const { app, base } = await start({ apiKeys: [KEY.value] });
    const first = await openSession(base, '/sse', AUTH);
    await postJson(first.postUrl, initialize, AUTH);
    await first.stream.reply(0);
    await postJson(first.postUrl, rpc(1, 'ping'), AUTH);
    await first.stream.reply(1);
    await dropStream(base, first.stream);

    // The client still posts to its old endpoint until a new one arrives: accepted.
    const posted = await postJson(first.postUrl, echoCall(2, 'while away'), AUTH);
    expect(posted.status).toBe(202);

    const second = await TestStream.open(`${base}/sse`, { ...AUTH, ...RECONNECT });
    expect(await second.event('endpoint')).toBe(first.endpoint);
    expect(await second.reply(2)).toMatchObject({ result: { content: [{ text: 'while away' }] } });
    await postJson(first.postUrl, rpc(3, 'ping'), AUTH);
    expect(await second.reply(3)).toMatchObject({ result: {} });
    // What the old stream had delivered is not sent again; what it missed comes once.
    expect(messageIds(second)).toEqual([2, 3]);
    expect(app.mcp.stats().sessions).toBe(1);
    await untilDetached(base, 0);
  });

  it('never re-attaches without a principal: address and User-Agent are no secret', async () => {
    const { base } = await start();
    const victim = await openSession(base, '/sse', { 'user-agent': 'node' });
    await postJson(victim.postUrl, initialize);
    await victim.stream.reply(0);
    await dropStream(base, victim.stream);
    await postJson(victim.postUrl, echoCall(1, 'secret result'));

    // A stranger behind the same address, with the same User-Agent and the version header.
    const stranger = await openSession(base, '/sse', { 'user-agent': 'node', ...RECONNECT });
    expect(stranger.sessionId).not.toBe(victim.sessionId);
    await postJson(stranger.postUrl, rpc(9, 'ping'));
    await stranger.stream.reply(9);
    expect(messageIds(stranger.stream)).toEqual([9]);
    // The victim still resumes with its Last-Event-ID (the id is the secret it holds).
    await untilDetached(base, 1);
  });

  it('opens a session already initialised at the header version when the match is ambiguous', async () => {
    const { app, base } = await start();
    const a = await openSession(base);
    const b = await openSession(base);
    a.stream.close();
    b.stream.close();
    await untilDetached(base, 2);

    const fresh = await openSession(base, '/sse', RECONNECT);
    expect([a.sessionId, b.sessionId]).not.toContain(fresh.sessionId);
    expect(app.mcp.core.session(fresh.sessionId)).toMatchObject({
      protocolVersion: '2025-11-25',
      initialized: true,
    });
    // Served without a new initialize, and told about tool changes like any initialised session.
    await postJson(fresh.postUrl, rpc(0, 'tools/call', { name: 'add', arguments: { a: 2, b: 3 } }));
    expect(await fresh.stream.reply(0)).toMatchObject({ result: { content: [{ text: '5' }] } });
    app.mcp.addTool(
      defineTool({ name: 'late', description: 'x', input: z.object({}), handler: () => 'ok' }),
    );
    await until(
      () => fresh.stream.notifications('notifications/tools/list_changed').length === 1,
      'list_changed on the new session',
    );
    // Both old sessions still wait for a Last-Event-ID resume.
    expect(app.mcp.stats().sessions).toBe(3);
  });

  it('never re-attaches across principals, clients, versions, or without the header', async () => {
    const keyOne = { 'x-api-key': 'key-one-123' };
    const keyTwo = { 'x-api-key': 'key-two-456' };
    const { base } = await start({ apiKeys: ['key-one-123', 'key-two-456'] });
    const owner = await openSession(base, '/sse', { ...keyOne, 'user-agent': 'agent/1' });
    await postJson(owner.postUrl, initialize, keyOne);
    await owner.stream.reply(0);
    await dropStream(base, owner.stream);

    const others: Array<Record<string, string>> = [
      { ...keyTwo, 'user-agent': 'agent/1', ...RECONNECT }, // another principal
      { ...keyOne, 'user-agent': 'agent/2', ...RECONNECT }, // another client program
      { ...keyOne, 'user-agent': 'agent/1', 'mcp-protocol-version': '2025-06-18' }, // other version
      { ...keyOne, 'user-agent': 'agent/1', 'mcp-protocol-version': 'garbage' }, // unsupported
      { ...keyOne, 'user-agent': 'agent/1' }, // a plain first GET
      { ...keyOne, 'user-agent': 'agent/1', ...RECONNECT, 'last-event-id': 'nope:1' }, // says which
    ];
    for (const headers of others) {
      const other = await openSession(base, '/sse', headers);
      expect(other.stream.response.status).toBe(200);
      expect(other.sessionId).not.toBe(owner.sessionId);
    }
    const back = await openSession(base, '/sse', {
      ...keyOne,
      'user-agent': 'agent/1',
      ...RECONNECT,
    });
    expect(back.sessionId).toBe(owner.sessionId);
  });
});
