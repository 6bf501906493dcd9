import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { chatMissing } from './chat.js';
import { startFakeAnthropic } from './testing/fake-anthropic.js';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

test('chatMissing names the variable to set, and is quiet when it is set', () => {
  expect(chatMissing({})).toContain('ANTHROPIC_API_KEY is not set');
  expect(chatMissing({ ANTHROPIC_API_KEY: '  ' })).toContain('ANTHROPIC_API_KEY');
  expect(chatMissing({ ANTHROPIC_API_KEY: 'sk-test' })).toBeUndefined();
});

// Offline: ANTHROPIC_BASE_URL points the chat at a loopback fake that asks for the add tool,
// then answers; the tool call goes through the demo's embedded server.
test('--chat --prompt runs one turn through the demo server and exits 0', async () => {
  const fake = await startFakeAnthropic([
    { type: 'tool_use', name: 'add', input: { a: 2, b: 3 } },
    { type: 'text', text: 'The sum is 5.' },
  ]);
  try {
    const child = spawn(process.execPath, [main, '--chat', '--prompt', 'What is 2 + 3?'], {
      env: {
        ...process.env,
        ANTHROPIC_API_KEY: 'sk-test',
        ANTHROPIC_BASE_URL: fake.baseUrl,
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(code, out).toBe(0);
    expect(out).toContain('The sum is 5.');
    expect(fake.requests[0]?.tools?.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['echo', 'add', 'sleep']),
    );
    expect(JSON.stringify(fake.requests[1]?.messages)).toContain('tool_result');
    expect(JSON.stringify(fake.requests[1]?.messages)).toContain('"text":"5"');
  } finally {
    await fake.close();
  }
});
