import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** What `--chat` needs that is not there, in words a user can act on; undefined when ready. */
export function chatMissing(env: NodeJS.ProcessEnv): string | undefined {
  if (env.ANTHROPIC_API_KEY?.trim()) return undefined;
  return [
    'The chat needs an Anthropic API key, and ANTHROPIC_API_KEY is not set.',
    'Set it and run again:  ANTHROPIC_API_KEY=sk-ant-... pnpm demo -- --chat',
    '(ANTHROPIC_BASE_URL is honoured too, for a proxy or a compatible endpoint.)',
  ].join('\n');
}

/**
 * Runs the client's `mcp-sse chat` against the embedded server, with the terminal handed
 * over to it; resolves with its exit code once it ends, after stopping the server.
 */
export async function runChat(prompt?: string): Promise<number> {
  const { startEmbeddedServer } = await import('./embedded-server.js');
  const server = await startEmbeddedServer();
  try {
    const bin = join(dirname(require.resolve('@mcp-sse/client/package.json')), 'bin', 'mcp-sse.js');
    const leave = prompt === undefined ? ' (Ctrl-D to leave)' : '';
    process.stderr.write(`mcp-sse demo: chat through ${server.url}${leave}\n`);
    const args = [
      bin,
      'chat',
      '--url',
      server.url,
      ...(prompt === undefined ? [] : ['--prompt', prompt]),
    ];
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    // Ctrl-C belongs to the chat; the demo waits for it to end and then cleans up.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    try {
      return await new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      });
    } finally {
      process.off('SIGINT', ignore);
    }
  } finally {
    await server.close();
  }
}
