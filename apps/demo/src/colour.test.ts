import { describe, expect, test } from 'vitest';
import { painter, wantsColour } from './colour.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe('wantsColour', () => {
  test('colours a terminal, not a pipe', () => {
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(pipe, {})).toBe(false);
  });

  test('NO_COLOR wins over everything', () => {
    expect(wantsColour(tty, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
  });

  test('FORCE_COLOR turns it on for a pipe, or off as 0', () => {
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '0' })).toBe(false);
  });
});

test('the plain painter leaves text alone', () => {
  expect(painter(false)('red', 'x')).toBe('x');
});
