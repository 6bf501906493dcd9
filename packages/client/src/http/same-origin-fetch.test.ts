import { describe, expect, it } from 'vitest';
import { fetchSameOrigin } from './same-origin-fetch.js';

const BASE = new URL('http://127.0.0.1:3000/sse');

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(answers: ((url: string, init: RequestInit) => Response)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init: init ?? {} });
    const answer = answers[calls.length - 1];
    if (!answer) throw new Error('unexpected request');
    return answer(url, init ?? {});
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const redirect = (status: number, location: string) => () =>
  new Response(null, { status, headers: { location } });

describe('fetchSameOrigin', () => {
  it('asks for manual redirects and follows a same-origin 308 with the same method, body and headers', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      redirect(308, '/messages?sessionId=2'),
      () => new Response('Accepted', { status: 202 }),
    ]);
    const init = { method: 'POST', body: '{"x":1}', headers: { authorization: 'Bearer k' } };
    const { response, url } = await fetchSameOrigin(fetchImpl, BASE, init);
    expect(response.status).toBe(202);
    expect(url.href).toBe('http://127.0.0.1:3000/messages?sessionId=2');
    expect(calls.map((c) => c.init.redirect)).toEqual(['manual', 'manual']);
    expect(calls[1]?.init).toMatchObject(init);
  });

  it('refuses a redirect whose target the runtime hides (a browser opaque redirect)', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers() } as Response;
    const { fetchImpl } = scriptedFetch([() => opaque]);
    await expect(fetchSameOrigin(fetchImpl, BASE, {})).rejects.toMatchObject({
      code: 'redirect_refused',
    });
  });

  it('refuses another origin, including another port and localhost for 127.0.0.1', async () => {
    for (const target of [
      'http://127.0.0.1:3001/sse',
      'http://localhost:3000/sse',
      'https://127.0.0.1:3000/sse',
    ]) {
      const { fetchImpl, calls } = scriptedFetch([redirect(302, target)]);
      await expect(fetchSameOrigin(fetchImpl, BASE, {})).rejects.toMatchObject({
        code: 'redirect_refused',
        data: { to: target },
      });
      expect(calls).toHaveLength(1);
    }
  });

  it('passes a 3xx without Location, and any other status, through as it is', async () => {
    const { fetchImpl } = scriptedFetch([() => new Response(null, { status: 304 })]);
    expect((await fetchSameOrigin(fetchImpl, BASE, {})).response.status).toBe(304);
  });
});
