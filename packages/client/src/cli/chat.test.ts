import { afterEach, describe, expect, it } from 'vitest';
import { type FakeAnthropic, startFakeAnthropic } from '../../test-support/fake-anthropic.js';
import { runBin } from '../../test-support/run-bin.js';
import { type ScriptedServer, startScriptedServer } from '../../test-support/scripted-server.js';

let mcp: ScriptedServer | undefined;
let claude: FakeAnthropic | undefined;

afterEach(async () => {
  await mcp?.close();
  await claude?.close();
  mcp = undefined;
  claude = undefined;
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    MCP_SERVER_URL: mcp?.url ?? '',
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: claude?.url ?? '',
    ...extra,
  };
}

type Block = { type: string; tool_use_id?: string; content?: unknown; is_error?: boolean };

/** The first block of the last message of a recorded request. */
function lastFirstBlock(request: FakeAnthropic['requests'][number] | undefined): Block | undefined {
  const content = request?.body.messages.at(-1)?.content;
  return Array.isArray(content) ? (content[0] as Block) : undefined;
}

// Each test spawns the built bin: sized for a loaded 2-core machine.
describe('mcp-sse chat against a fake Messages API', { timeout: 120_000 }, () => {
  it('runs a multi-round tool-use conversation through MCP and streams the answer', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      {
        content: [
          { type: 'text', text: 'Let me add those.' },
          { type: 'tool_use', id: 'toolu_1', name: 'add', input: { a: 2, b: 3 } },
        ],
        stop_reason: 'tool_use',
      },
      {
        content: [{ type: 'tool_use', id: 'toolu_2', name: 'echo', input: { text: 'five' } }],
        stop_reason: 'tool_use',
      },
      { content: [{ type: 'text', text: 'The answer is 5 (five).' }], stop_reason: 'end_turn' },
    ]);
    const run = await runBin(['chat', '--prompt', 'What is 2 + 3?'], env());
    expect(run.stderr).toContain('[tool] add {"a":2,"b":3}');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Let me add those.The answer is 5 (five).\n');

    expect(claude.requests).toHaveLength(3);
    const [first, second, third] = claude.requests;
    // SDK versions differ in the header they use for the key.
    const sentKey =
      first?.headers['x-api-key'] ?? first?.headers.authorization?.replace('Bearer ', '');
    expect(sentKey).toBe('test-key');
    expect(first?.body.stream).toBe(true);
    expect(first?.body.model).toBe('claude-sonnet-5-5');
    expect(first?.body.tools?.map((t) => t.name)).toEqual(['echo', 'add', 'slow', 'hang', 'fail']);
    expect(first?.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is 2 + 3?' }] },
    ]);

    const secondLast = second?.body.messages.at(-1) as { role: string; content: Block[] };
    expect(secondLast.role).toBe('user');
    expect(secondLast.content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '5' }] },
    ]);
    const thirdMessages = third?.body.messages ?? [];
    expect(thirdMessages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
      'user',
    ]);
    expect(lastFirstBlock(third)).toMatchObject({
      tool_use_id: 'toolu_2',
      content: [{ type: 'text', text: 'five' }],
    });
    const calls = mcp.received.filter((m) => 'method' in m && m.method === 'tools/call');
    expect(calls).toHaveLength(2);
  });

  it('passes tool errors back to Claude as is_error tool results', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      {
        content: [{ type: 'tool_use', id: 't1', name: 'fail', input: {} }],
        stop_reason: 'tool_use',
      },
      {
        content: [{ type: 'tool_use', id: 't2', name: 'missing', input: {} }],
        stop_reason: 'tool_use',
      },
      { content: [{ type: 'text', text: 'Sorry.' }], stop_reason: 'end_turn' },
    ]);
    const run = await runBin(['chat', '-p', 'try', '--model', 'claude-test'], env());
    expect(run.code, run.stderr).toBe(0);
    expect(claude.requests[0]?.body.model).toBe('claude-test');
    const failed = lastFirstBlock(claude.requests[1]);
    expect(failed).toMatchObject({ tool_use_id: 't1', is_error: true });
    const missing = lastFirstBlock(claude.requests[2]);
    expect(missing).toMatchObject({ tool_use_id: 't2', is_error: true });
  });

  it('carries the conversation across turns in interactive mode', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      { content: [{ type: 'text', text: 'Hi there.' }], stop_reason: 'end_turn' },
      {
        content: [{ type: 'tool_use', id: 't1', name: 'add', input: { a: 1, b: 1 } }],
        stop_reason: 'tool_use',
      },
      { content: [{ type: 'text', text: 'It is 2.' }], stop_reason: 'end_turn' },
    ]);
    const run = await runBin(['chat'], env(), 'hello\nand 1 + 1?\n/exit\n');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('Hi there.\nIt is 2.\n');
    const last = claude.requests[2]?.body.messages ?? [];
    expect(last.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    expect(last[0]?.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(last[2]?.content).toEqual([{ type: 'text', text: 'and 1 + 1?' }]);
  });

  it('stops at --max-rounds without hanging', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      {
        content: [{ type: 'tool_use', id: 't1', name: 'add', input: { a: 1, b: 1 } }],
        stop_reason: 'tool_use',
      },
    ]);
    const run = await runBin(['chat', '-p', 'loop', '--max-rounds', '1'], env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Stopped after 1 tool rounds/);
  });

  it('exit 3 when the Messages API refuses the key; exit 2 without ANTHROPIC_API_KEY', async () => {
    mcp = await startScriptedServer();
    claude = await startFakeAnthropic([
      { status: 401, error: { type: 'authentication_error', message: 'invalid x-api-key' } },
    ]);
    const refused = await runBin(['chat', '-p', 'hi'], env());
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toMatch(/Claude API error \(HTTP 401\)/);
    const missing = await runBin(['chat', '-p', 'hi'], env({ ANTHROPIC_API_KEY: '' }));
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toMatch(/ANTHROPIC_API_KEY/);
  });
});
