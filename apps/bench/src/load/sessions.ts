import type { Agent } from 'node:http';
import { countError, type ErrorCounts } from './error-counts.js';
import { LoadSession, SessionError } from './session.js';

/** Sessions opened by {@link openSessions}, with the failures by kind. */
export interface OpenedSessions {
  sessions: LoadSession[];
  errors: ErrorCounts;
}

/**
 * Opens `count` sessions, `parallel` at a time, giving up on new ones after `deadlineMs`
 * so that a server that stops accepting cannot stall the run.
 */
export async function openSessions(
  sseUrl: URL,
  agent: Agent,
  count: number,
  parallel: number,
  deadlineMs: number,
): Promise<OpenedSessions> {
  const sessions: LoadSession[] = [];
  const errors: ErrorCounts = {};
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  const opener = async () => {
    while (next < count && Date.now() < deadline) {
      next += 1;
      try {
        sessions.push(await LoadSession.open(sseUrl, agent));
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
export function closeSessions(sessions: readonly LoadSession[]): void {
  for (const session of sessions) session.close();
}
