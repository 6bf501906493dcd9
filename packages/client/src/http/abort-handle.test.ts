import { describe, expect, it } from 'vitest';
import { AbortHandle, abortInit, linkAbort } from './abort-handle.js';

describe('AbortHandle', () => {
  it('runs its listeners once with the reason, and late listeners at once', () => {
    const handle = new AbortHandle();
    const seen: unknown[] = [];
    handle.onAbort((reason) => seen.push(reason));
    const removed = handle.onAbort(() => seen.push('removed'));
    removed();
    handle.abort('why');
    handle.abort('again');
    handle.onAbort((reason) => seen.push(`late ${String(reason)}`));
    expect(seen).toEqual(['why', 'late why']);
    expect(handle.aborted).toBe(true);
    expect(handle.reason).toBe('why');
  });

  it('makes a real signal only on demand, which follows the handle', () => {
    const handle = new AbortHandle();
    const signal = handle.signal;
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal.aborted).toBe(false);
    handle.abort();
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('AbortError');
    const late = new AbortHandle();
    late.abort('before');
    expect(late.signal.reason).toBe('before');
  });

  it('links from a signal or a handle, and the undo stops the link', () => {
    const controller = new AbortController();
    const fromSignal = new AbortHandle();
    linkAbort(controller.signal, fromSignal);
    controller.abort('s');
    expect(fromSignal.reason).toBe('s');
    const source = new AbortHandle();
    const target = new AbortHandle();
    const undo = linkAbort(source, target);
    undo();
    source.abort();
    expect(target.aborted).toBe(false);
    const already = new AbortHandle();
    linkAbort(source, already);
    expect(already.aborted).toBe(true);
  });

  it('goes to a fetch as a handle (own Node path) or as a signal (any other)', () => {
    const handle = new AbortHandle();
    expect(Object.getOwnPropertySymbols(abortInit(handle, true))).toHaveLength(1);
    expect(abortInit(handle, false).signal).toBe(handle.signal);
  });
});
