import { describe, expect, it } from 'vitest';
import { fakeResponse } from './fake-response.js';
import { requestKey } from './response-stream.js';
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
    const stream = session.resent(1);
    expect(stream?.answers(requestKey(1))).toBe(true);
    expect(session.resent(300)?.answers(requestKey(300))).toBe(true);
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
});
