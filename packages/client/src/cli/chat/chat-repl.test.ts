import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../../test-support/fake-anthropic.js';
import { runBin } from '../../../test-support/run-bin.js';
import { type ScriptedServer, startScriptedServer } from '../../../test-support/scripted-server.js';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../../test-support/sdk-streamable-server.js';

let mcp: ScriptedServer | undefined;
let claude: FakeAnthropic | undefined;
let sdk: SdkStreamableServer | undefined;

afterEach(async () => {
  await mcp?.close();
  await claude?.close();
  await sdk?.close();
  sdk = undefined;
  mcp = undefined;
  claude = undefined;
});

describe('mcp-sse chat: slash commands and errors', { timeout: 120_000 }, () => {
  it('/help, /tools, /clear; an API error is reported and the chat goes on', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      { status: 400, error: { type: 'invalid_request_error', message: 'scripted failure' } },
      { content: [{ type: 'text', text: 'Second.' }], stop_reason: 'end_turn' },
      { content: [{ type: 'text', text: 'Third.' }], stop_reason: 'end_turn' },
    ]);
    const input = '/help\n/tools\nfirst\nsecond\n/clear\nthird\n/exit\nnever sent\n';
    const run = await runBin(
      ['chat'],
      {
        MCP_SERVER_URL: mcp.url,
        ANTHROPIC_API_KEY: 'test-key',
        ANTHROPIC_BASE_URL: claude.url,
      },
      input,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('/prompt NAME [k=v]');
    expect(run.stderr).toMatch(/^ {2}add\b/m);
    expect(run.stderr).toContain('Claude API error (HTTP 400)');
    expect(run.stderr).toContain('Conversation cleared.');
    expect(run.stdout).toBe('Second.\nThird.\n');
    expect(claude.requests).toHaveLength(3);
    // The failed turn was taken back: "second" starts the history, as if "first" never was.
    expect(claude.requests[1]?.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'second' }] },
    ]);
    // After /clear, only "third".
    expect(claude.requests[2]?.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'third' }] },
    ]);
  });

  it('shows progress during tool calls', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      {
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'slow', input: { steps: 2 } }],
        stop_reason: 'tool_use',
      },
      { content: [{ type: 'text', text: 'Done.' }], stop_reason: 'end_turn' },
    ]);
    const run = await runBin(['chat', '--prompt', 'go slowly'], {
      MCP_SERVER_URL: mcp.url,
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: claude.url,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('[progress] 1/2 step 1');
    expect(run.stderr).toContain('[progress] 2/2 step 2');
    expect(run.stdout).toBe('Done.\n');
  });

  it('/resources lists and attaches; /prompt NAME runs a server prompt as the next message', async () => {
    sdk = await startSdkStreamableServer();
    claude = await startFakeAnthropic([
      { content: [{ type: 'text', text: 'Hi Ada.' }], stop_reason: 'end_turn' },
    ]);
    const input = '/resources\n/resources file:///readme.md\n/prompt greet name=Ada\n/exit\n';
    const run = await runBin(
      ['chat'],
      { MCP_SERVER_URL: sdk.url, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: claude.url },
      input,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('file:///readme.md  readme');
    expect(run.stderr).toContain('Attached file:///readme.md');
    expect(run.stdout).toBe('Hi Ada.\n');
    expect(claude.requests[0]?.body.messages).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: '<resource uri="file:///readme.md">\nhello readme\n</resource>\n\nHello Ada',
          },
        ],
      },
    ]);
  });
});
