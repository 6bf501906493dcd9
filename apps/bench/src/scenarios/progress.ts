import { createPostAgent } from '../load/agents.js';
import { type LoopResult, type LoopTiming, runClosedLoop } from '../load/closed-loop.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import { SERVER_PROTOCOLS, type ServerKind } from '../servers/kinds.js';
import { launchServer } from '../servers/launch.js';

/** The progress scenario: `sleep` calls with a progress token. */
export interface ProgressResult extends LoopResult {
  sleepMs: number;
}

const IN_FLIGHT = 8;

/**
 * Closed-loop `sleep {ms}` calls, 8 in flight on one session, each with a progress token;
 * reports the progress notifications that arrived per completed call.
 */
export async function runProgress(
  kind: ServerKind,
  sleepMs: number,
  timing: LoopTiming,
): Promise<ProgressResult> {
  const server = await launchServer(kind);
  const agent = createPostAgent(IN_FLIGHT + 2);
  const opened = await openSessions(SERVER_PROTOCOLS[kind], server.url, agent, 1, 1, 15_000);
  try {
    const hasContent = (result: unknown) =>
      Array.isArray((result as { content?: unknown } | undefined)?.content);
    const loop = await runClosedLoop(
      opened.sessions,
      IN_FLIGHT,
      (session) =>
        session.call('tools/call', { name: 'sleep', arguments: { ms: sleepMs } }, hasContent, true),
      { ...timing, windowMs: Math.max(timing.windowMs, sleepMs * 3) },
    );
    return { ...loop, sleepMs };
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    await server.stop();
  }
}
