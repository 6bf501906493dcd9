import { describe, expect, test } from 'vitest';
import { parseDemoArgs, UsageError } from './args.js';

describe('parseDemoArgs', () => {
  test('defaults to the narrated flow on the embedded server', () => {
    expect(parseDemoArgs([])).toEqual({
      json: false,
      chat: false,
      url: undefined,
      prompt: undefined,
      help: false,
    });
  });

  test('ignores the literal -- that pnpm passes through', () => {
    expect(parseDemoArgs(['--', '--json']).json).toBe(true);
  });

  test('reads --url and --json together', () => {
    const args = parseDemoArgs(['--url', 'http://127.0.0.1:3001/sse', '--json']);
    expect(args).toMatchObject({ json: true, url: 'http://127.0.0.1:3001/sse' });
  });

  test.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--url', 'not a url'], /--url: not a URL/],
    [['--url', 'ftp://example.com/sse'], /expected an http\(s\) URL/],
    [['--chat', '--url', 'http://127.0.0.1:1/sse'], /--chat runs against the demo server/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--prompt', 'hi'], /--prompt goes with --chat/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseDemoArgs(argv)).toThrow(UsageError);
    expect(() => parseDemoArgs(argv)).toThrow(message);
  });
});
