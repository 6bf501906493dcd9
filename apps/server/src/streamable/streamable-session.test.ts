import { describe, expect, it } from 'vitest';
import { fakeResponse } from './fake-response.js';
import { StreamableSession, type StreamSettings } from './streamable-session.js';

const settings = (extra: Partial<StreamSettings> = {}): StreamSettings => ({
  retryMs: 500,
  maxBufferedBytes: 1 << 20,
  replayEvents: 16,
  replayBytes: 1 << 16,
  keepFinished: 1024,
  ...extra,
});

const answer = (id: number) => `{"jsonrpc":"2.0","id":${id},"result":{}}`;

/** Runs `count` calls to the end, each on its own POST answered with JSON. */
function finishCalls(session: StreamableSession, count: number): void {
  for (let id = 1; id <= count; id++) {
    session.openPost(fakeResponse(), {}, [id], 'json', false);
    session.send(answer(id), undefined, id);
  }
}

describe('StreamableSession: finished streams kept for a re-send', () => {
  it('still finds a call answered hundreds of calls ago (a re-send after a cut under load)', () => {
    const session = new StreamableSession('s', null, settings(), () => {});
    finishCalls(session, 300);
    expect(session.resent(1)).toBe(answer(1));
    expect(session.resent(300)).toBe(answer(300));
    const again = fakeResponse();
    expect(session.resend(1, again, { 'mcp-session-id': 's' })).toBe(true);
    expect(again.status).toBe(200);
    expect(again.headers).toMatchObject({
      'mcp-session-id': 's',
      'content-type': 'application/json',
      'content-length': answer(1).length,
    });
    expect(again.body).toBe(answer(1));
  });

  it('keeps only the body of a call answered with JSON, and a streamed call whole', () => {
    const session = new StreamableSession('s', null, settings(), () => {});
    const json = session.openPost(fakeResponse(), {}, [1], 'json', false);
    session.send(answer(1), undefined, 1);
    // The stream object goes at once: a busy session holds no stream per answer.
    expect(session.stream(json.key)).toBeUndefined();
    expect(session.resent(1)).toBe(answer(1));

    const streamed = session.openPost(fakeResponse(), {}, [2], 'auto', false);
    streamed.stream();
    session.send(answer(2), undefined, 2);
    expect(session.stream(streamed.key)).toBe(streamed);
    expect(session.resent(2)).toBe(streamed);
    expect(session.findResume(`${streamed.key}:0`)).toMatchObject({ stream: streamed });
  });

  it('keeps the answer that came after the POST broke, for the re-send', () => {
    const session = new StreamableSession('s', null, settings(), () => {});
    const lost = fakeResponse();
    session.openPost(lost, {}, ['a'], 'json', false);
    lost.destroyed = true;
    session.send(answer(9), undefined, 'a');
    expect(session.resent('a')).toBe(answer(9));
    expect(session.resent(9)).toBeUndefined();
  });

  it('a re-sent batch of one gets the array it was answered with; a batch of two is not kept', () => {
    const session = new StreamableSession('s', null, settings(), () => {});
    session.openPost(fakeResponse(), {}, [1], 'json', true);
    session.send(answer(1), undefined, 1);
    expect(session.resent(1)).toBe(`[${answer(1)}]`);
    session.openPost(fakeResponse(), {}, [2, 3], 'json', true);
    session.send(answer(2), undefined, 2);
    session.send(answer(3), undefined, 3);
    expect(session.resent(2)).toBeUndefined();
  });

  it('forgets the oldest first once the count or the bytes they hold are over their bounds', () => {
    const byCount = new StreamableSession('s', null, settings({ keepFinished: 10 }), () => {});
    finishCalls(byCount, 30);
    expect(byCount.resent(20)).toBeUndefined();
    expect(byCount.resent(21)).toBeDefined();

    const bytesPerAnswer = answer(100).length;
    const byBytes = new StreamableSession(
      's',
      null,
      settings({ keepFinishedBytes: bytesPerAnswer * 5 }),
      () => {},
    );
    finishCalls(byBytes, 100);
    expect(byBytes.resent(90)).toBeUndefined();
    expect(byBytes.resent(100)).toBeDefined();
  });

  it('counts the request ids kept against the bytes too (an id may be as long as a body)', () => {
    const session = new StreamableSession(
      's',
      null,
      settings({ keepFinishedBytes: 10_000 }),
      () => {},
    );
    const long = (n: number) => `${n}:${'x'.repeat(4000)}`;
    for (let n = 1; n <= 5; n++) {
      session.openPost(fakeResponse(), {}, [long(n)], 'json', false);
      session.send(answer(n), undefined, long(n));
    }
    expect(session.resent(long(3))).toBeUndefined();
    expect(session.resent(long(4))).toBe(answer(4));
    expect(session.resent(long(5))).toBe(answer(5));
  });
});
