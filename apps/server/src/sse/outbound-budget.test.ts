import { describe, expect, it } from 'vitest';
import { OutboundBudget } from './outbound-budget.js';

describe('OutboundBudget', () => {
  it('cuts the streams with the most unread bytes until the total is under the bound', () => {
    const budget = new OutboundBudget(100, 1000);
    const cut: string[] = [];
    const share = (name: string) => budget.track(name, () => cut.push(name));
    const a = share('a');
    const b = share('b');
    const c = share('c');
    a.set(30);
    b.set(50);
    c.set(10);
    expect(cut).toEqual([]);
    c.set(40); // 120 > 100: b (50) is the slowest reader
    expect(cut).toEqual(['b']);
    expect(budget.bytes).toBe(70);
    a.release();
    expect(budget.bytes).toBe(40);
  });

  it('bounds each client on its own: one client is cut, another untouched', () => {
    const budget = new OutboundBudget(1000, 100);
    const cut: string[] = [];
    const x1 = budget.track('x', () => cut.push('x1'));
    const x2 = budget.track('x', () => cut.push('x2'));
    const y = budget.track('y', () => cut.push('y'));
    y.set(90);
    x1.set(60);
    x2.set(70); // x holds 130 > 100: its larger stream goes
    expect(cut).toEqual(['x2']);
    expect(budget.bytesOf('x')).toBe(60);
    expect(budget.bytesOf('y')).toBe(90);
  });
});
