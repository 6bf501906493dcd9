import { describe, expect, it } from 'vitest';
import { accepts, acceptsPostAnswers } from './accept.js';

describe('accept', () => {
  it('finds a type, its wildcard or */* among the ranges, ignoring parameters and case', () => {
    expect(accepts('text/html, Application/JSON;q=0.9', 'application/json')).toBe(true);
    expect(accepts('application/*', 'application/json')).toBe(true);
    expect(accepts('*/*', 'text/event-stream')).toBe(true);
    expect(accepts('text/html', 'application/json')).toBe(false);
    expect(accepts(undefined, 'application/json')).toBe(false);
  });

  it('a POST needs both answer types; the remembered verdict stays right past the cache size', () => {
    for (let round = 0; round < 2; round++) {
      expect(acceptsPostAnswers('application/json, text/event-stream')).toBe(true);
      expect(acceptsPostAnswers('application/json')).toBe(false);
      expect(acceptsPostAnswers('text/event-stream')).toBe(false);
      expect(acceptsPostAnswers(undefined)).toBe(false);
      for (let i = 0; i < 100; i++) {
        expect(acceptsPostAnswers(`application/json, text/event-stream;q=0.${i}`)).toBe(true);
        expect(acceptsPostAnswers(`application/json, text/plain;q=0.${i}`)).toBe(false);
      }
    }
    expect(acceptsPostAnswers(`${'x/y, '.repeat(100)}*/*`)).toBe(true);
  });
});
