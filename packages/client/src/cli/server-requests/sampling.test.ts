import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { CliIO } from '../io.js';
import { samplingHandler } from './sampling.js';

function io(env: Record<string, string>): CliIO & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    out: () => {},
    err: (text) => errors.push(text),
    env,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: undefined,
    interrupt: new AbortController().signal,
    stdin: new PassThrough(),
  };
}

describe('sampling from the CLI', () => {
  test('without ANTHROPIC_API_KEY no handler is registered (the capability is not declared)', () => {
    expect(samplingHandler(io({}))).toBeUndefined();
  });

  test('the request is shown; without a terminal nobody approves it: declined with -1', async () => {
    const cli = io({ ANTHROPIC_API_KEY: 'k' });
    const handler = samplingHandler(cli);
    const error = await handler?.({
      messages: [{ role: 'user', content: { type: 'text', text: 'Summarise this' } }],
      systemPrompt: 'Be brief',
      maxTokens: 50,
    }).catch((e) => e);
    expect(error).toMatchObject({ rpcCode: -1 });
    const shown = cli.errors.join('');
    expect(shown).toContain('user: Summarise this');
    expect(shown).toContain('system: Be brief');
    expect(shown).toContain('declined');
  });
});
