import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback web server for one test page: its HTML, its bundled script, and a log sink. */
export interface PageServer {
  /** `http://127.0.0.1:PORT`: the page's origin, which the MCP server must allow. */
  origin: string;
  /** Resolves with every line the page reported, once it reported `done` or `error …`. */
  finished: Promise<string[]>;
  close(): Promise<void>;
}

/** Serves `script` (an ES module bundle) in an empty page and collects what it reports. */
export async function startPageServer(script: string): Promise<PageServer> {
  const lines: string[] = [];
  let finish!: (lines: string[]) => void;
  const finished = new Promise<string[]>((resolve) => {
    finish = resolve;
  });
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/log') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        lines.push(body);
        res.end();
        if (body === 'done' || body.startsWith('error')) finish(lines);
      });
      return;
    }
    if (req.url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(script);
      return;
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>mcp-sse</title><script type="module" src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    finished,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
