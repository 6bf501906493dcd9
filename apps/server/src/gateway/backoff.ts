/**
 * Milliseconds to wait before restart number `crashes` (1 = the first crash in a row): the
 * first restart is immediate (a single crash should cost the next call nothing), then
 * `baseMs` doubling up to `maxMs`, so a server that dies at start does not spin.
 */
export function restartDelayMs(crashes: number, baseMs: number, maxMs: number): number {
  if (crashes <= 1) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(30, crashes - 2));
}
