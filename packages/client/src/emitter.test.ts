import { describe, expect, it } from 'vitest';
import { TypedEmitter } from './emitter.js';

describe('TypedEmitter', () => {
  it('delivers, unsubscribes, and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const emitter = new TypedEmitter<{ n: number }>((e) => errors.push(e));
    const seen: number[] = [];
    const off = emitter.on('n', (n) => seen.push(n));
    emitter.on('n', () => {
      throw new Error('boom');
    });
    expect(emitter.has('n')).toBe(true);
    emitter.emit('n', 1);
    off();
    emitter.emit('n', 2);
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(2);
  });
});
