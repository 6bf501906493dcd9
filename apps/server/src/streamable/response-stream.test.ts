import { describe, expect, it } from 'vitest';
import { fakeResponse } from './fake-response.js';
import { ResponseStream, type ResponseStreamOptions, requestKey } from './response-stream.js';

const options = (extra: Partial<ResponseStreamOptions> = {}): ResponseStreamOptions => ({
  key: '3',
  mode: 'auto',
  batch: false,
  prime: true,
  retryMs: 500,
  maxBufferedBytes: 1 << 20,
  replayEvents: 16,
  replayBytes: 1 << 16,
  onOverflow: () => {},
  ...extra,
});

const answer = (id: number) => `{"jsonrpc":"2.0","id":${id},"result":{}}`;
const note = '{"jsonrpc":"2.0","method":"notifications/progress","params":{}}';
const fake = fakeResponse;

describe('ResponseStream', () => {
  it('answers with JSON when nothing is streamed first, and keeps a small answer for a re-send', () => {
    const res = fake();
    const stream = new ResponseStream(options(), res, { 'mcp-session-id': 's' }, [7]);
    stream.deliver(answer(7), undefined, requestKey(7));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    // Sent whole with its length, not chunked.
    expect(res.headers['content-length']).toBe(Buffer.byteLength(answer(7)));
    expect(res.headers['mcp-session-id']).toBe('s');
    expect(res.body).toBe(answer(7));
    expect(stream.finished).toBe(true);
    expect(stream.resumable).toBe(false);
    expect(stream.waitingForResend).toBe(true);
    const again = fake();
    expect(stream.adopt(again, {})).toBe(true);
    expect(again.body).toBe(answer(7));
  });

  it('turns into SSE on the first notification: retry and priming first, then numbered events', () => {
    const res = fake();
    const stream = new ResponseStream(options(), res, {}, [1]);
    stream.deliver(note, 'notification', requestKey(1));
    stream.deliver(answer(1), undefined, requestKey(1));
    expect(res.headers['content-type']).toBe('text/event-stream');
    expect(res.body).toBe(
      `retry: 500\nid: 3:0\ndata: \n\nevent: message\nid: 3:1\ndata: ${note}\n\nevent: message\nid: 3:2\ndata: ${answer(1)}\n\n`,
    );
    expect(res.ended).toBe(true);
  });

  it('keeps what a lost connection missed and replays exactly it on resume; nothing left gives false', () => {
    const first = fake();
    const stream = new ResponseStream(options(), first, {}, [1]);
    stream.stream();
    stream.deliver(note, 'notification', requestKey(1));
    stream.lose(first);
    stream.deliver(answer(1), undefined, requestKey(1));
    const second = fake();
    expect(stream.resume(second, {}, 1)).toBe(true);
    expect(second.body).toBe(
      `retry: 500\nid: 3:1\ndata: \n\nevent: message\nid: 3:2\ndata: ${answer(1)}\n\n`,
    );
    expect(second.ended).toBe(true);
    expect(stream.resume(fake(), {}, 2)).toBe(false);
  });

  it('answers a 2025-03-26 batch as one JSON array, in request order', () => {
    const res = fake();
    const stream = new ResponseStream(options({ batch: true }), res, {}, [1, 2]);
    stream.deliver(answer(2), undefined, requestKey(2));
    expect(res.status).toBeUndefined();
    stream.deliver(answer(1), undefined, requestKey(1));
    expect(res.body).toBe(`[${answer(1)},${answer(2)}]`);
  });

  it('in JSON mode drops notifications; closing answers what is still owed with -32000', () => {
    const res = fake();
    const stream = new ResponseStream(options({ mode: 'json' }), res, {}, ['a']);
    stream.deliver(note, 'notification', requestKey('a'));
    stream.close();
    expect(JSON.parse(res.body)).toMatchObject({ id: 'a', error: { code: -32000 } });
  });

  it('never takes a server request for the answer of the request it relates to', () => {
    const res = fake();
    const stream = new ResponseStream(options(), res, {}, [4]);
    stream.deliver(
      '{"jsonrpc":"2.0","id":"srv-1","method":"elicitation/create"}',
      'request',
      requestKey(4),
    );
    expect(stream.unanswered).toBe(1);
    stream.deliver(answer(4), undefined, requestKey(4));
    expect(stream.unanswered).toBe(0);
  });
});
