import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A real GC is what makes "the heap after GC" mean something; this exposes it without a flag.
setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

/** Bytes of heap in use after full collections: what is still reachable. */
export function heapAfterGc(): number {
  for (let round = 0; round < 3; round++) gc();
  return process.memoryUsage().heapUsed;
}

/** A fresh one-byte string of `bytes` characters (not shared with any other). */
export function bigText(bytes: number, seed: number): string {
  return `${seed}:`.padEnd(bytes, String.fromCharCode(97 + (seed % 26)));
}
