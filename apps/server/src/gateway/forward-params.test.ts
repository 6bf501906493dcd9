import { describe, expect, it } from 'vitest';
import { forwardParams } from './forward-params.js';

describe('forwardParams', () => {
  it('swaps the progress token for the child id and keeps the rest', () => {
    const out = forwardParams({ name: 't', _meta: { progressToken: 'p1', other: 1 } }, 7, false);
    expect(out).toEqual({
      params: { name: 't', _meta: { progressToken: 7, other: 1 } },
      clientToken: 'p1',
    });
    expect(forwardParams({ name: 't' }, 7, false)).toEqual({
      params: { name: 't' },
      clientToken: undefined,
    });
  });

  it('drops the 2026-07-28 per-request fields for a stateless client', () => {
    const out = forwardParams(
      {
        name: 't',
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
      3,
      true,
    );
    expect(out).toEqual({ params: { name: 't' }, clientToken: undefined });
  });
});
