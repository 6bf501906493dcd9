import { type Agent, request } from 'node:http';

/** Called once per POST: the HTTP status (0 when the request failed) and the failure. */
export type PostDone = (status: number, error?: Error) => void;

/**
 * POSTs one JSON body through `agent` (keep-alive) and reports when the whole answer has
 * been read, so the socket is back in the pool before the next call is made.
 */
export function postJson(agent: Agent, url: URL, body: string, done: PostDone): void {
  let called = false;
  const finish: PostDone = (status, error) => {
    if (called) return;
    called = true;
    done(status, error);
  };
  const req = request(
    {
      agent,
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    },
    (res) => {
      res.on('error', (error) => finish(0, error));
      res.on('end', () => finish(res.statusCode ?? 0));
      res.resume();
    },
  );
  req.on('error', (error) => finish(0, error));
  req.end(body);
}
