import { parse } from 'shell-quote';
import { GatewayError } from './gateway-error.js';

/** A program and its arguments, ready for `spawn` without a shell. */
export interface StdioCommand {
  /** The program (looked up on PATH). */
  command: string;
  /** Its arguments, unquoted. */
  args: string[];
}

/**
 * Splits a command line as a POSIX shell would (quotes, escapes, `$VAR` from `env`), but
 * spawns no shell: pipes, redirections and `&&` are refused rather than silently passed to
 * the program as words.
 */
export function parseCommand(line: string, env: NodeJS.ProcessEnv = process.env): StdioCommand {
  // A variable the environment lacks expands to '' as in a shell; `$` alone stays `$`.
  const words = parse(line, (name) => env[name] ?? '');
  const args: string[] = [];
  for (const word of words) {
    if (typeof word === 'string') {
      args.push(word);
    } else if ('comment' in word) {
      break;
    } else if ('pattern' in word) {
      // No shell, so no globbing: the pattern reaches the program as written.
      args.push(word.pattern);
    } else {
      throw new GatewayError(
        'invalid_command',
        `The stdio command ${JSON.stringify(line)} uses the shell operator ${JSON.stringify(word.op)}; no shell is started: run a single program, or wrap it as sh -c '...'`,
      );
    }
  }
  const [command, ...rest] = args;
  if (command === undefined || command === '') {
    throw new GatewayError(
      'invalid_command',
      `The stdio command ${JSON.stringify(line)} names no program: give one, e.g. "npx -y @modelcontextprotocol/server-everything stdio"`,
    );
  }
  return { command, args: rest };
}
