import type { FixtureEventStep, FixtureStep } from '@mcp-sse/protocol/fixtures';

/** A fixture's steps with each run of consecutive events gathered into one item. */
export type ReplayItem =
  | { type: 'open' | 'post'; step: Exclude<FixtureStep, FixtureEventStep> }
  | { type: 'events'; steps: FixtureEventStep[] };

/**
 * Groups consecutive event steps, so that an `optional` event can be skipped within its
 * run but never across a POST.
 */
export function replayItems(steps: readonly FixtureStep[]): ReplayItem[] {
  const items: ReplayItem[] = [];
  for (const step of steps) {
    if (step.type === 'event') {
      const last = items[items.length - 1];
      if (last?.type === 'events') last.steps.push(step);
      else items.push({ type: 'events', steps: [step] });
    } else {
      items.push({ type: step.type, step });
    }
  }
  return items;
}

/** The session id in an endpoint URL (`sessionId=` or `session_id=`). */
export function sessionIdOf(endpoint: URL): string {
  const id = endpoint.searchParams.get('sessionId') ?? endpoint.searchParams.get('session_id');
  if (!id) throw new Error(`the endpoint ${endpoint} carries no session id`);
  return id;
}
