import type { Agent } from 'node:http';
import type { LoadProtocol } from '../servers/kinds.js';
import type { CallSession } from './call-session.js';
import { LoadSession } from './session.js';
import { StreamableSession } from './streamable-session.js';

/** Opens one client session at the server's announced URL. */
export type OpenSession = (url: URL, agent: Agent, timeoutMs?: number) => Promise<CallSession>;

/** How to open a session for each protocol. */
export function openerFor(protocol: LoadProtocol): OpenSession {
  if (protocol === 'http+sse')
    return (url, agent, timeoutMs) => LoadSession.open(url, agent, timeoutMs);
  return (url, agent, timeoutMs) => StreamableSession.open(url, agent, protocol, timeoutMs);
}
