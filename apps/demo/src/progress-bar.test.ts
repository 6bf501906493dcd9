import { describe, expect, test } from 'vitest';
import { QuarterFilter, renderProgressBar } from './progress-bar.js';

describe('renderProgressBar', () => {
  test('fills in proportion to progress/total', () => {
    expect(renderProgressBar(500, 1000)).toBe(`[${'█'.repeat(12)}${'░'.repeat(12)}]  50% 500/1000`);
  });

  test('clamps overshoot and shows the message', () => {
    expect(renderProgressBar(12, 10, 'done')).toBe(`[${'█'.repeat(24)}] 100% 12/10 done`);
  });

  test('without a total shows the count only', () => {
    expect(renderProgressBar(3, undefined)).toBe(`[${'·'.repeat(24)}] 3`);
  });
});

describe('QuarterFilter', () => {
  test('lets through the first update of each quarter', () => {
    const filter = new QuarterFilter();
    const seen = [5, 10, 25, 30, 50, 75, 99, 100].filter((p) => filter.accept(p, 100));
    expect(seen).toEqual([5, 25, 50, 75, 100]);
  });

  test('without a total lets through the first update only', () => {
    const filter = new QuarterFilter();
    expect([1, 2, 3].map((p) => filter.accept(p, undefined))).toEqual([true, false, false]);
  });
});
