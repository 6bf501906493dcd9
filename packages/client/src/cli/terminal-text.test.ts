import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forTerminal, terminalSafe } from './terminal-text.js';

/** Strings rich in controls and escape introducers (and any other BMP character). */
const TEXT = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xa0 }), fc.integer({ min: 0, max: 0xffff })), {
    maxLength: 60,
  })
  .map((codes) => String.fromCharCode(...codes));

describe('terminalSafe', () => {
  it('removes cursor moves, colours, a window title and an OSC 52 clipboard write', () => {
    expect(terminalSafe('a\x1b[2J\x1b[1;1Hb\x1b[31mred\x1b[0m')).toBe('abred');
    expect(terminalSafe('x\x1b]0;pwned\x07y')).toBe('xy');
    expect(terminalSafe('x\x1b]52;c;ZWNobyBoaQ==\x1b\\y')).toBe('xy');
    expect(terminalSafe('x\x9b2Jy\x9d0;t\x9cz')).toBe('xyz');
    expect(terminalSafe('unterminated \x1b]52;c;AAAA')).toBe('unterminated ');
  });

  it('keeps newlines and tabs, folds CRLF, and shows other controls as U+FFFD', () => {
    expect(terminalSafe('a\tb\nc\r\nd')).toBe('a\tb\nc\nd');
    expect(terminalSafe('over\rwrite\b\x00\x7f\x85')).toBe(
      'over\uFFFDwrite\uFFFD\uFFFD\uFFFD\uFFFD',
    );
  });

  // `pnpm fuzz` runs 100 000 cases: the timeout is for that, CI runs 1 000.
  it('leaves printable text alone, and never lets a control character through', {
    timeout: 300_000,
  }, () => {
    expect(terminalSafe('héllo 世界 🙂 ~!@#')).toBe('héllo 世界 🙂 ~!@#');
    fc.assert(
      fc.property(TEXT, (text) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property under test
        expect(terminalSafe(text)).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 1000) },
    );
  });

  it('only on a terminal', () => {
    expect(forTerminal('\x1b[2J', false)).toBe('\x1b[2J');
    expect(forTerminal('\x1b[2J', true)).toBe('');
  });
});
