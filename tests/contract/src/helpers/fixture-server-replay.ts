import {
  type Fixture,
  type FixtureEventStep,
  fillFixturePlaceholders,
  matchNextEvent,
} from '@mcp-sse/protocol/fixtures';
import { replayItems, sessionIdOf } from './fixture-runs.js';
import { SseQueue } from './sse-queue.js';

// A bound on an event that should come, sized for a loaded machine.
const EVENT_WAIT_MS = 30_000;

/**
 * Plays a fixture's client side against a live server at `baseUrl` (`http://host:port`):
 * opens the stream, POSTs each recorded body (the session id filled in), and checks every
 * status and event against the recording. Returns the differences; empty means the server
 * answered as recorded. The stream is closed before it returns.
 */
export async function replayAgainstServer(fixture: Fixture, baseUrl: string): Promise<string[]> {
  const problems: string[] = [];
  const controller = new AbortController();
  let queue: SseQueue | undefined;
  let sseUrl: URL | undefined;
  let endpoint: URL | undefined;
  let carried: FixtureEventStep[] = [];
  try {
    for (const item of replayItems(fixture.steps)) {
      if (item.type === 'open' && item.step.type === 'open') {
        sseUrl = new URL(item.step.path, baseUrl);
        const response = await fetch(sseUrl, {
          headers: { accept: 'text/event-stream' },
          signal: controller.signal,
        });
        if (response.status !== item.step.status) {
          return [`GET ${item.step.path}: expected ${item.step.status}, got ${response.status}`];
        }
        if (!response.body) return [`GET ${item.step.path}: no body`];
        queue = new SseQueue(response.body);
        continue;
      }
      if (!queue || !sseUrl) return ['the fixture does not start with an open step'];
      if (item.type === 'events') {
        // Optional events not seen before the last POST may still come now (a progress
        // notification already on its way when a cancel landed): they lead this run.
        const steps = [...carried, ...item.steps];
        carried = [];
        let from = 0;
        while (from < steps.length) {
          // Only optional events left: the server may leave them out, so do not wait.
          if (steps.slice(from).every((step) => step.optional)) {
            carried = steps.slice(from);
            break;
          }
          const actual = await queue.next(EVENT_WAIT_MS).catch((error: Error) => error);
          if (actual instanceof Error) {
            return [
              ...problems,
              `waiting for a ${item.steps[from]?.event} event: ${actual.message}`,
            ];
          }
          if (actual.event === 'endpoint' && typeof actual.data === 'string') {
            endpoint = new URL(actual.data, sseUrl);
          }
          const match = matchNextEvent(steps, from, actual);
          if (!match.ok) return [...problems, ...match.problems];
          from = match.index + 1;
        }
        continue;
      }
      if (item.step.type !== 'post') continue;
      const target = item.step.to === 'sse' ? sseUrl : endpoint;
      if (!target) return [...problems, 'a POST to the endpoint came before the endpoint event'];
      const sessionId = endpoint ? sessionIdOf(endpoint) : '';
      const body = fillFixturePlaceholders(item.step.body, { sessionId });
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      if (response.status !== item.step.status) {
        problems.push(
          `POST ${JSON.stringify(body).slice(0, 100)}: expected ${item.step.status}, got ${response.status}`,
        );
      }
    }
    return problems;
  } finally {
    controller.abort();
  }
}
