import { describe, expect, it } from 'vitest';
import { captureIO } from '../../test-support/capture-io.js';
import { CLIENT_VERSION } from '../client-info.js';
import { runCli } from './run.js';

describe('usage errors and --version', () => {
  it('a usage error prints the error and a pointer to --help, not the whole help, exit 2', async () => {
    const cases: [string[], RegExp, string][] = [
      [['tools', '--nope'], /Unknown option '--nope'/, 'mcp-sse tools --help'],
      [['call'], /Missing the TOOL/, 'mcp-sse call --help'],
      [['call', 'echo', '--args', '{oops'], /--args is not valid JSON/, 'mcp-sse call --help'],
      [['frobnicate'], /Unknown command "frobnicate"/, 'mcp-sse --help'],
      [
        ['tools', '--timeout', 'soon'],
        /--timeout must be a positive number/,
        'mcp-sse tools --help',
      ],
    ];
    for (const [argv, message, help] of cases) {
      const io = captureIO({ env: { MCP_SERVER_URL: 'http://127.0.0.1:1/sse' } });
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      const lines = io.stderr().trimEnd().split('\n');
      expect(lines[0]).toMatch(message);
      expect(lines[0]).toMatch(/^mcp-sse: /);
      expect(lines.at(-1)).toBe(`Run "${help}" for usage.`);
      expect(io.stderr()).not.toMatch(/Usage:/);
      expect(lines.length).toBeLessThanOrEqual(3);
    }
  });

  it('--version and -v print the version', async () => {
    for (const flag of ['--version', '-v']) {
      const io = captureIO();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.stdout()).toBe(`${CLIENT_VERSION}\n`);
    }
  });

  it('help columns line up: every option description starts in the same column', async () => {
    const main = captureIO();
    await runCli(['--help'], main);
    // Every command the main help lists, so that a new command is checked too.
    const commands = main
      .stdout()
      .split('Commands:\n')[1]
      ?.split('\n\n')[0]
      ?.split('\n')
      // `  name   what` or `  a, b, c` (a description on the next, deeper line).
      .filter((line) => /^ {2}[a-z]/.test(line))
      .flatMap((line) => (line.trim().split(/\s{2,}/)[0] ?? '').split(/,\s*/));
    expect(commands).toContain('call');
    for (const argv of [['--help'], ...(commands ?? []).map((command) => [command, '--help'])]) {
      const io = captureIO();
      expect(await runCli(argv, io)).toBe(0);
      const optionLines = io
        .stdout()
        .split('\n')
        .filter((line) => /^ {2}(-\w, |\s{4})--\w/.test(line));
      const columns = new Set(
        optionLines.map((line) => /^(\s+-\S.*?\s{2,})\S/.exec(line)?.[1]?.length),
      );
      expect(columns.size, argv.join(' ')).toBe(1);
      expect(
        io
          .stdout()
          .split('\n')
          .every((line) => line.length <= 90),
      ).toBe(true);
    }
  });
});
