import { getPriority, setPriority } from 'node:os';

/**
 * Raises this process's scheduling priority (a negative nice value), best effort. Servers,
 * probes and client runners started afterwards inherit it, so all contenders get the same
 * share and other work on a shared machine disturbs the run less. Returns the nice value
 * in effect: unchanged when the system refuses (no privilege).
 */
export function raisePriority(nice: number): number {
  try {
    setPriority(nice);
  } catch {
    // Not allowed here: run at the normal priority.
  }
  return getPriority();
}
