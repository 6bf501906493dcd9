import type { MakeCall } from './closed-loop.js';
import { echoed } from './session.js';

/**
 * One closed-loop `echo` call with a message unique to the call (`w<worker>-<n>`); the answer
 * must carry that message back, or the call counts as `wrong_result`.
 */
export const callEcho: MakeCall = (session, worker, n) => {
  const message = `w${worker}-${n}`;
  return session.call('tools/call', { name: 'echo', arguments: { message } }, echoed(message));
};
