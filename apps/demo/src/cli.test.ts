import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// The built entry, as `pnpm demo` runs it (turbo builds before it tests).
const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { ANTHROPIC_API_KEY: _key, ...rest } = process.env;
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...rest, NO_COLOR: '1', ...env },
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 9;
}

test('an unknown flag is a usage error, exit 2', () => {
  const result = run(['--', '--nope']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("Unknown option '--nope'");
  expect(result.stderr).toContain('Usage: pnpm demo');
});

test('--chat without ANTHROPIC_API_KEY says what is missing, exit 2', () => {
  const result = run(['--chat']);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('ANTHROPIC_API_KEY is not set');
});

test('an unreachable --url fails the connect step with the reason, exit 1', async () => {
  const port = await closedPort();
  const result = run(['--url', `http://127.0.0.1:${port}/sse`]);
  expect(result.status).toBe(1);
  expect(result.stdout).toContain('Demo failed: connect:');
  expect(result.stdout).toContain(`127.0.0.1:${port}`);
});
