import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../../test-support/fake-anthropic.js';
import { type ScriptedServer, startScriptedServer } from '../../../test-support/scripted-server.js';
import { runOnTty } from '../run-on-tty.js';

let mcp: ScriptedServer | undefined;
let claude: FakeAnthropic | undefined;

afterEach(async () => {
  await mcp?.close();
  await claude?.close();
  mcp = undefined;
  claude = undefined;
});

describe('mcp-sse chat on a terminal', { timeout: 150_000 }, () => {
  it('Ctrl-C cancels the turn and its tool call on the server, and the chat goes on', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      {
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'hang', input: {} }],
        stop_reason: 'tool_use',
      },
      { content: [{ type: 'text', text: 'Still here.' }], stop_reason: 'end_turn' },
    ]);
    const run = await runOnTty(
      ['chat'],
      [
        [/you> /, 'wait forever\r'],
        [/\[tool\] hang/, '\x03'],
        [/Turn cancelled/, 'still there?\r'],
        [/Still here\./, '/exit\r'],
      ],
      { MCP_SERVER_URL: mcp.url, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: claude.url },
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Turn cancelled (Ctrl-C)');
    expect(mcp.received.some((m) => 'method' in m && m.method === 'notifications/cancelled')).toBe(
      true,
    );
    // The cancelled turn was taken back: the next request starts from the new message.
    expect(claude.requests[1]?.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'still there?' }] },
    ]);
  });
});
