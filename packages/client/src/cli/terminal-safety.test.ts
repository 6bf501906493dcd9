import { jsonRpcNotification, jsonRpcResult, type Tool } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../test-support/capture-io.js';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import { DEFAULT_TOOLS, startScriptedServer } from '../../test-support/scripted-server.js';
import { runCli } from './run.js';

const closeLater = closeAfterEach();

/** What a hostile server slips into its text: cursor moves, a title change, a clipboard write. */
const CLEAR = '\x1b[2J\x1b[H';
const TITLE = '\x1b]0;pwned\x07';
const CLIPBOARD = '\x1b]52;c;ZWNobyBwd25lZA==\x07';
const RESULT_TEXT = `result${CLIPBOARD} text\r\x1b[1Agone`;

const EVIL_TOOLS: Tool[] = [
  ...DEFAULT_TOOLS,
  {
    name: `evil${TITLE}`,
    description: `looks harmless${CLEAR}`,
    inputSchema: { type: 'object', properties: { [`x${CLIPBOARD}`]: { type: 'string' } } },
  },
  { name: 'shout', description: 'prints hostile text', inputSchema: { type: 'object' } },
];

/** Any escape or control character a terminal would act on (tab and newline aside). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

async function hostileServer() {
  return closeLater(
    await startScriptedServer({
      tools: EVIL_TOOLS,
      onMessage: (message, session) => {
        if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) {
          return false;
        }
        const params = message.params as { name?: string; _meta?: { progressToken?: number } };
        if (params.name !== 'shout') return false;
        const token = params._meta?.progressToken;
        if (token !== undefined) {
          session.send(
            jsonRpcNotification('notifications/progress', {
              progressToken: token,
              progress: 1,
              total: 2,
              message: `half${TITLE}way`,
            }),
          );
        }
        session.send(
          jsonRpcResult(message.id as number, { content: [{ type: 'text', text: RESULT_TEXT }] }),
        );
        return true;
      },
    }),
  );
}

describe('server-controlled text on a terminal', () => {
  it('tools: names, descriptions and argument names are cleaned on a TTY', async () => {
    const server = await hostileServer();
    const io = captureIO({ tty: true });
    expect(await runCli(['tools', '--url', server.url], io)).toBe(0);
    expect(io.stdout()).not.toMatch(CONTROL);
    expect(io.stdout()).toMatch(/^evil\s+looks harmless\s+x: string$/m);
  });

  it('call: the result and progress messages are cleaned on a TTY; --json stays exact', async () => {
    const server = await hostileServer();
    const io = captureIO({ tty: true });
    expect(await runCli(['call', 'shout', '--url', server.url], io)).toBe(0);
    expect(io.stdout()).toBe('result text\uFFFDgone\n');
    // The progress bar draws with \r and erase-line; nothing of the server's gets through.
    const stderr = io.stderr().replaceAll('\r', '').replaceAll('\x1b[K', '');
    expect(stderr).not.toMatch(CONTROL);

    const json = captureIO({ tty: true });
    expect(await runCli(['call', 'shout', '--json', '--url', server.url], json)).toBe(0);
    expect(JSON.parse(json.stdout())).toEqual({ content: [{ type: 'text', text: RESULT_TEXT }] });
  });

  it('piped (not a TTY), the result is printed exactly', async () => {
    const server = await hostileServer();
    const io = captureIO({ tty: false });
    expect(await runCli(['call', 'shout', '--url', server.url], io)).toBe(0);
    expect(io.stdout()).toBe(`${RESULT_TEXT}\n`);
  });

  it('an error message quoting server text is cleaned on a TTY', async () => {
    const server = await hostileServer();
    const io = captureIO({ tty: true });
    expect(await runCli(['call', 'nope', '--url', server.url], io)).toBe(2);
    expect(io.stderr()).toMatch(/no tool "nope"/);
    expect(io.stderr()).not.toMatch(CONTROL);
  });
});
