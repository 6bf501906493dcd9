import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../../../test-support/run-bin.js';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../../test-support/sdk-streamable-server.js';

let sdk: SdkStreamableServer | undefined;

afterEach(async () => {
  await sdk?.close();
  sdk = undefined;
});

/**
 * Runs the bin on a pseudo-terminal (util-linux `script`) and answers each prompt when its
 * text appears: waits on output, never on the clock. Bounded by `timeoutMs` for a hung run.
 */
function runOnTty(
  args: string[],
  answers: [RegExp, string][],
  timeoutMs = 120_000,
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm' },
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

describe('elicitation from the CLI', { timeout: 150_000 }, () => {
  it('on a TTY the server request is an interactive form', async () => {
    sdk = await startSdkStreamableServer();
    const run = await runOnTty(
      ['call', 'ask', '--url', sdk.url],
      [
        [/Answer\?/, '\r'], // "Fill in the form", the first choice
        [/name/, 'Ada\r'],
        [/color/, '\r'], // keeps the default, blue
      ],
    );
    expect(run.output).toContain('The server asks: Your name?');
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/"action":"accept","content":\{"name":"Ada","color":"blue"\}/);
  });

  it('without a TTY it is declined cleanly and the call goes on', async () => {
    sdk = await startSdkStreamableServer();
    const run = await runBin(['call', 'ask', '--url', sdk.url]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('declined because stdin is not a terminal');
    expect(run.stdout).toContain('"action":"decline"');
  });
});
