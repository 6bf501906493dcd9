import type { MaybePromise } from '../sessions/session-store.js';

/** Whether a {@link MaybePromise} is the promise kind. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | null | undefined)?.then === 'function';
}

/** Applies `next` at once to a plain value, or after a promise settles. */
export function chain<T, R>(
  value: MaybePromise<T>,
  next: (value: T) => MaybePromise<R>,
): MaybePromise<R> {
  return isPromise(value) ? value.then(next) : next(value);
}
