import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A web-standard handler (`Request` in, `Response` out), as the SDK v2 server exposes. */
export type FetchHandler = (request: Request) => Promise<Response>;

async function toRequest(req: IncomingMessage, signal: AbortSignal): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
    method: req.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  }
  res.end();
}

/** A node:http server that serves a web-standard handler (streams its body as it comes). */
export function serveFetch(handler: FetchHandler): Server {
  return createServer((req, res) => {
    const aborted = new AbortController();
    res.once('close', () => aborted.abort());
    toRequest(req, aborted.signal)
      .then((request) => handler(request))
      .then((response) => send(response, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
}
