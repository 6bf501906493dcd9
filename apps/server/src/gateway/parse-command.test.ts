import { describe, expect, it } from 'vitest';
import { GatewayError } from './gateway-error.js';
import { parseCommand } from './parse-command.js';

describe('parseCommand', () => {
  it('splits as a shell would: quotes, escapes, variables', () => {
    expect(parseCommand(`npx -y "my server" 'a b' c\\ d --root=$HOME/x`, { HOME: '/h' })).toEqual({
      command: 'npx',
      args: ['-y', 'my server', 'a b', 'c d', '--root=/h/x'],
    });
    // Single quotes keep `$` as written; an unknown variable is empty, as in a shell.
    expect(parseCommand(`node s.js '$HOME' $NOPE`, {}).args).toEqual(['s.js', '$HOME', '']);
    // No shell, no globbing: the pattern reaches the program as written.
    expect(parseCommand('ls *.json', {}).args).toEqual(['*.json']);
    expect(parseCommand('server --x # a comment', {}).args).toEqual(['--x']);
  });

  it('refuses shell operators and empty commands with a GatewayError saying why', () => {
    for (const line of ['a | b', 'a > out', 'a && b', 'a; b', 'a &']) {
      const error = (() => {
        try {
          parseCommand(line, {});
        } catch (caught) {
          return caught;
        }
      })();
      expect(GatewayError.isInstance(error)).toBe(true);
      expect((error as GatewayError).code).toBe('invalid_command');
      expect((error as Error).message).toMatch(/no shell is started/);
    }
    expect(() => parseCommand('   ', {})).toThrow(/names no program/);
  });
});
