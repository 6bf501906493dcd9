import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@mcp-sse/server';
import { expect, test } from 'vitest';

// The built entry, as `pnpm demo` runs it (turbo builds before it tests).
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** Runs the demo without blocking this process, which serves the target meanwhile. */
function runDemo(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

test('--url against a server without resources, prompts or polling skips those steps, exit 0', async () => {
  // The library's defaults: the example tools only, nothing the newer steps need.
  const app = await buildApp({ logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { code, stdout } = await runDemo(['--json', '--url', `http://127.0.0.1:${port}/sse`]);
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const status = Object.fromEntries(
      records.filter((r) => r.type === 'result').map((r) => [r.step, r.status]),
    );
    expect(status).toMatchObject({
      connect: 'ok',
      drop: 'skip',
      resource: 'skip',
      prompt: 'skip',
      elicit: 'skip',
      negotiate: 'ok',
      // Our server speaks Streamable HTTP on /sse too, but does not poll unless asked to.
      resume: 'skip',
      shutdown: 'ok',
    });
    expect(code).toBe(0);
  } finally {
    await app.close();
  }
});
