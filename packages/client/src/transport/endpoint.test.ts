import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './endpoint.js';

describe('resolveEndpoint', () => {
  const sse = 'http://127.0.0.1:3000/mcp/sse';

  it('resolves the shapes real servers send', () => {
    expect(resolveEndpoint('/messages?sessionId=abc', sse).href).toBe(
      'http://127.0.0.1:3000/messages?sessionId=abc',
    );
    expect(resolveEndpoint('/message?sessionId=abc', sse).pathname).toBe('/message');
    expect(resolveEndpoint('/messages/?session_id=0a1b', sse).search).toBe('?session_id=0a1b');
    expect(resolveEndpoint('messages?sessionId=1', sse).pathname).toBe('/mcp/messages');
    expect(resolveEndpoint('http://127.0.0.1:3000/x', sse).pathname).toBe('/x');
  });

  it('refuses another origin, localhost vs 127.0.0.1 included', () => {
    expect(() => resolveEndpoint('http://localhost:3000/messages', sse)).toThrow(/another origin/);
    expect(() => resolveEndpoint('//evil.example/messages', sse)).toThrow(/another origin/);
    expect(() => resolveEndpoint('https://127.0.0.1:3000/m', sse)).toThrow(/another origin/);
  });

  it('never returns another origin, whatever the data', () => {
    fc.assert(
      fc.property(fc.string(), (data) => {
        try {
          expect(resolveEndpoint(data, sse).origin).toBe('http://127.0.0.1:3000');
        } catch (error) {
          expect((error as { code?: string }).code).toBe('protocol_error');
        }
      }),
    );
  });
});
