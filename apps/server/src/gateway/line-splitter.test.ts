import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('cuts lines across chunks, drops \\r, and bounds an endless line', () => {
    const lines: string[] = [];
    const overlong: Array<[number, string]> = [];
    const splitter = new LineSplitter(
      10,
      (line) => lines.push(line),
      (bytes, head) => overlong.push([bytes, head]),
    );
    splitter.push(Buffer.from('ab'));
    splitter.push(Buffer.from('c\r\nde\n'));
    splitter.push(Buffer.from('0123456789abcdef'));
    splitter.push(Buffer.from('ghij\nlast'));
    splitter.end();
    expect(lines).toEqual(['abc', 'de', 'last']);
    expect(overlong).toEqual([[20, '0123456789']]);
  });

  it('keeps multi-byte characters split between chunks whole', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter(
      100,
      (line) => lines.push(line),
      () => {},
    );
    const bytes = Buffer.from('héllo\n');
    splitter.push(bytes.subarray(0, 2));
    splitter.push(bytes.subarray(2));
    expect(lines).toEqual(['héllo']);
  });
});
