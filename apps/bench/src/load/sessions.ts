import type { Agent } from 'node:http';
import type { LoadProtocol } from '../servers/kinds.js';
import type { CallSession } from './call-session.js';
import { countError, type ErrorCounts } from './error-counts.js';
import { type OpenSession, openerFor } from './open-session.js';
import { SessionError } from './session.js';

/** Sessions opened by {@link openSessions}, with the failures by kind. */
export interface OpenedSessions {
  sessions: CallSession[];
  errors: ErrorCounts;
}

/**
 * Opens `count` sessions of `protocol`, `parallel` at a time, giving up on new ones after `deadlineMs`
 * so that a server that stops accepting cannot stall the run.
 */
export async function openSessions(
  protocol: LoadProtocol | OpenSession,
  sseUrl: URL,
  agent: Agent,
  count: number,
  parallel: number,
  deadlineMs: number,
): Promise<OpenedSessions> {
  const open = typeof protocol === 'function' ? protocol : openerFor(protocol);
  const sessions: CallSession[] = [];
  const errors: ErrorCounts = {};
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  const opener = async () => {
    while (next < count && Date.now() < deadline) {
      next += 1;
      try {
        sessions.push(await open(sseUrl, agent));
      } catch (error) {
        countError(errors, error instanceof SessionError ? error.kind : 'open_error');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, opener));
  if (next < count) errors.open_deadline = count - next;
  return { sessions, errors };
}

/** Closes every session. */
export function closeSessions(sessions: readonly CallSession[]): void {
  for (const session of sessions) session.close();
}
