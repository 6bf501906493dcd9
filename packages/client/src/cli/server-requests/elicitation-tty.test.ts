import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../../../test-support/run-bin.js';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../../test-support/sdk-streamable-server.js';
import { runOnTty } from '../run-on-tty.js';

let sdk: SdkStreamableServer | undefined;

afterEach(async () => {
  await sdk?.close();
  sdk = undefined;
});

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
