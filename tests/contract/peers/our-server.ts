import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RunningPeer } from './listen.js';
import { startProcess } from './process.js';

const require = createRequire(import.meta.url);

/**
 * Starts our server as users run it: the `mcp-sse-server` bin in its own process, on
 * 127.0.0.1 with a free port, read back from the line it prints when listening.
 */
export async function startOurServerProcess(extraArgs: string[] = []): Promise<RunningPeer> {
  const root = dirname(require.resolve('@mcp-sse/server/package.json'));
  const running = await startProcess({
    args: [
      join(root, 'bin', 'mcp-sse-server.js'),
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      ...extraArgs,
    ],
    env: { LOG_LEVEL: 'warn' },
    readyPattern: /mcp-sse-server listening on (http:\/\/127\.0\.0\.1:\d+\/sse)/,
  });
  const url = running.ready[1];
  if (!url) throw new Error(`no URL in the ready line:\n${running.output()}`);
  return { url, close: running.stop };
}
