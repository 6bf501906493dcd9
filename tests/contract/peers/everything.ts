import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RunningPeer } from './listen.js';
import { startProcess } from './process.js';

const require = createRequire(import.meta.url);
const preload = fileURLToPath(new URL('./force-loopback.cjs', import.meta.url));

/**
 * Starts `@modelcontextprotocol/server-everything` in SSE mode as a real process
 * (`node dist/index.js sse`, GET /sse, POST /message?sessionId=). It listens on every
 * interface and reads its port from `PORT`: a preload forces 127.0.0.1 and prints the
 * port it really got (PORT=0 picks a free one).
 */
export async function startEverythingServer(): Promise<RunningPeer> {
  const pkg = require.resolve('@modelcontextprotocol/server-everything/package.json');
  const main = fileURLToPath(new URL('./dist/index.js', `file://${pkg}`));
  const running = await startProcess({
    args: ['--require', preload, main, 'sse'],
    env: { PORT: '0' },
    readyPattern: /FORCE-LOOPBACK listening 127\.0\.0\.1:(\d+)/,
  });
  return { url: `http://127.0.0.1:${running.ready[1]}/sse`, close: running.stop };
}
