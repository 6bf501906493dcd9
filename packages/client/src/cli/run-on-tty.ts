import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built bin (tests only). */
const BIN = fileURLToPath(new URL('../../bin/mcp-sse.js', import.meta.url));

/**
 * Test helper: runs the bin on a pseudo-terminal (util-linux `script`) and types each
 * answer when the text before it appears; waits on output, never on the clock. Bounded by
 * `timeoutMs` for a hung run on a busy machine. Not part of the package's API.
 */
export function runOnTty(
  args: string[],
  answers: [RegExp, string][],
  env: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let seen = 0;
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    const next = pending[0];
    if (next?.[0].test(output.slice(seen))) {
      pending.shift();
      seen = output.length;
      child.stdin.write(next[1]);
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
