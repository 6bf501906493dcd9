import type { ChildExit } from './stdio-child.js';

/** How a child ended, in words for an error message: `exit code 1`, `signal SIGKILL`... */
export function childExitText(exit: ChildExit): string {
  if (exit.error !== undefined) return `could not start (${exit.error})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code}`;
}
