import { describe, expect, it } from 'vitest';
import { FinishedRing } from './finished-ring.js';

function ring(maxCount: number, maxBytes = Number.POSITIVE_INFINITY) {
  const evicted: string[] = [];
  const kept = new FinishedRing<string>({ maxCount, maxBytes }, (key) => evicted.push(key));
  return { kept, evicted };
}

describe('FinishedRing', () => {
  it('drops the oldest beyond the count, telling onEvict, through many compactions', () => {
    const { kept, evicted } = ring(3);
    for (let i = 0; i < 5000; i++) kept.set(`k${i}`, `v${i}`, 2);
    expect(kept.size).toBe(3);
    expect(kept.bytes).toBe(6);
    expect(kept.get('k4996')).toBeUndefined();
    expect([kept.get('k4997'), kept.get('k4998'), kept.get('k4999')]).toEqual([
      'v4997',
      'v4998',
      'v4999',
    ]);
    expect(evicted).toHaveLength(4997);
    expect(evicted.slice(0, 2)).toEqual(['k0', 'k1']);
  });

  it('drops the oldest beyond the bytes, but always keeps the newest', () => {
    const { kept } = ring(100, 10);
    kept.set('a', 'x', 4);
    kept.set('b', 'x', 4);
    kept.set('c', 'x', 4);
    expect([kept.has('a'), kept.has('b'), kept.has('c')]).toEqual([false, true, true]);
    kept.set('big', 'x', 50);
    expect(kept.size).toBe(1);
    expect(kept.get('big')).toBe('x');
  });

  it('a key set again becomes the newest; a deleted or replaced one is not evicted twice', () => {
    const { kept, evicted } = ring(2);
    kept.set('a', '1', 1);
    kept.set('b', '2', 1);
    kept.set('a', '3', 1);
    expect(kept.get('a')).toBe('3');
    expect(kept.bytes).toBe(2);
    kept.set('c', '4', 1);
    expect(kept.has('b')).toBe(false);
    expect(kept.get('a')).toBe('3');
    expect(kept.delete('a')).toBe(true);
    expect(kept.delete('a')).toBe(false);
    kept.set('d', '5', 1);
    kept.set('e', '6', 1);
    expect(evicted).toEqual(['b', 'c']);
    expect(kept.size).toBe(2);
    kept.clear();
    expect([kept.size, kept.bytes, kept.get('e')]).toEqual([0, 0, undefined]);
  });
});
