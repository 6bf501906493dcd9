import type { ElicitAnswer } from './handlers.js';

/**
 * Fills what an accepted form left out with the `default` of each property of the
 * requested schema (SEP-1034), so the server gets a complete answer. Other actions, URL
 * mode, and values the user gave are left as they are.
 */
export function applyElicitationDefaults(
  params: Record<string, unknown> | undefined,
  answer: ElicitAnswer,
): ElicitAnswer {
  if (answer.action !== 'accept') return answer;
  const schema = params?.requestedSchema as { properties?: Record<string, unknown> } | undefined;
  const properties = schema?.properties;
  if (!properties || typeof properties !== 'object') return answer;
  const content: Record<string, unknown> = { ...(answer.content ?? {}) };
  for (const [key, property] of Object.entries(properties)) {
    if (content[key] !== undefined || typeof property !== 'object' || property === null) continue;
    if ('default' in property) content[key] = (property as { default: unknown }).default;
  }
  return { ...answer, content };
}
