import { describe, expect, it } from 'vitest';
import { parseArgsJson, parsePairs, typedPairs } from './call-args.js';
import { UsageError } from './usage-error.js';

const tool = {
  name: 't',
  inputSchema: {
    type: 'object' as const,
    properties: {
      text: { type: 'string' },
      n: { type: 'integer' },
      flag: { type: 'boolean' },
      obj: { type: 'object' },
      either: { type: ['string', 'null'] },
    },
  },
};

describe('call arguments', () => {
  it('reads --args as a JSON object only', () => {
    expect(parseArgsJson('{"a":1}', '')).toEqual({ a: 1 });
    expect(parseArgsJson(undefined, '')).toEqual({});
    expect(() => parseArgsJson('[1]', '')).toThrow(UsageError);
    expect(() => parseArgsJson('{x', '')).toThrow(/not valid JSON/);
  });

  it('types key=value pairs by the schema', () => {
    const pairs = parsePairs(
      ['text=42', 'n=7', 'flag=true', 'obj={"k":1}', 'either=x', 'free=[1]', 'raw=a b'],
      '',
    );
    expect(typedPairs(pairs, tool, '')).toEqual({
      text: '42',
      n: 7,
      flag: true,
      obj: { k: 1 },
      either: 'x',
      free: [1],
      raw: 'a b',
    });
  });

  it('keeps = inside values and refuses pairs without a key', () => {
    expect(parsePairs(['q=a=b'], '')).toEqual([['q', 'a=b']]);
    expect(() => parsePairs(['=x'], '')).toThrow(/key=value/);
    expect(() => parsePairs(['novalue'], '')).toThrow(/key=value/);
  });

  it('refuses values of the wrong type', () => {
    expect(() => typedPairs([['n', 'seven']], tool, '')).toThrow(/must be a number/);
    expect(() => typedPairs([['flag', 'yes']], tool, '')).toThrow(/true or false/);
    expect(() => typedPairs([['obj', '{']], tool, '')).toThrow(/must be JSON/);
  });
});
