import { describe, expect, it } from 'vitest';
import { bigText, heapAfterGc } from '../../test/heap.js';
import { ReplayBuffer } from './replay-buffer.js';

const frame = (seq: number, kind: string) => `id: s:${seq}\ndata: ${kind}${seq}\n\n`;

describe('ReplayBuffer', () => {
  it('keeps the newest events within the count bound and replays those after an id', () => {
    const buffer = new ReplayBuffer(3, 1 << 20);
    for (let seq = 1; seq <= 5; seq++) buffer.push(seq, frame(seq, 'a'));
    expect(buffer.size).toBe(3);
    expect(buffer.oldest).toBe(3);
    expect(buffer.dropped).toBe(2);
    expect(buffer.after(3)).toBe(frame(4, 'a') + frame(5, 'a'));
  });

  it('stays within the byte bound (UTF-8 bytes) but always keeps the newest event', () => {
    const buffer = new ReplayBuffer(100, 64);
    for (let seq = 1; seq <= 10; seq++) buffer.push(seq, frame(seq, 'é'.repeat(5)));
    expect(buffer.bytes).toBeLessThanOrEqual(64);
    // 'é' is two bytes: counting UTF-16 units would have kept more.
    expect(buffer.bytes).toBe(Buffer.byteLength(buffer.after(0)));
    expect(buffer.bytes).toBeGreaterThan(buffer.after(0).length);
    buffer.push(11, 'x'.repeat(500));
    expect(buffer.size).toBe(1);
    expect(buffer.after(10)).toBe('x'.repeat(500));
  });

  it('drops notifications before answers, so a finished call outlives a flood of progress', () => {
    const buffer = new ReplayBuffer(4, 1 << 20);
    buffer.push(1, frame(1, 'answer'));
    for (let seq = 2; seq <= 50; seq++) buffer.push(seq, frame(seq, 'progress'), true);
    buffer.push(51, frame(51, 'answer'));
    expect(buffer.size).toBe(4);
    expect(buffer.after(0)).toBe(
      frame(1, 'answer') + frame(49, 'progress') + frame(50, 'progress') + frame(51, 'answer'),
    );
    expect(buffer.dropped).toBe(48);
    // Only answers left: the oldest answer goes.
    for (let seq = 52; seq <= 55; seq++) buffer.push(seq, frame(seq, 'answer'));
    expect(buffer.after(0)).toBe([52, 53, 54, 55].map((s) => frame(s, 'answer')).join(''));
    expect(buffer.dropped).toBe(51);
  });

  it('treats everything as expendable once released (replayed to a client): oldest first', () => {
    const buffer = new ReplayBuffer(3, 1 << 20);
    buffer.push(1, frame(1, 'answer'));
    buffer.push(2, frame(2, 'answer'));
    buffer.releaseAll();
    buffer.push(3, frame(3, 'progress'), true);
    buffer.push(4, frame(4, 'answer'));
    expect(buffer.after(0)).toBe(frame(2, 'answer') + frame(3, 'progress') + frame(4, 'answer'));
  });

  it('compacts its storage over a long life', () => {
    const buffer = new ReplayBuffer(8, 1 << 20);
    for (let seq = 1; seq <= 10_000; seq++) buffer.push(seq, frame(seq, 'a'), true);
    expect(buffer.size).toBe(8);
    expect(buffer.after(9_992)).toBe(
      Array.from({ length: 8 }, (_, i) => frame(9_993 + i, 'a')).join(''),
    );
  });

  it('releases evicted events at once: the byte bound bounds the memory retained', () => {
    const MiB = 2 ** 20;
    const buffer = new ReplayBuffer(4096, 256 * 1024);
    const before = heapAfterGc();
    for (let seq = 1; seq <= 200; seq++) buffer.push(seq, bigText(MiB, seq));
    const growthMiB = (heapAfterGc() - before) / MiB;
    console.log(
      `[replay] 200 pushes of 1 MiB: ${buffer.size} kept, heap +${growthMiB.toFixed(1)} MiB`,
    );
    expect(buffer.size).toBe(1);
    // One 1 MiB event kept (the newest always is); the 199 evicted ones must be garbage.
    expect(growthMiB).toBeLessThan(8);
  });
});
