import { TASKS_EXTENSION_ID } from '@mcp-sse/protocol';
import { usesInputRounds } from '../multi-round.js';

/**
 * The server capabilities that announce tasks, per revision: the
 * `io.modelcontextprotocol/tasks` extension on 2026-07-28 (and never the older `tasks`
 * slot), the experimental `tasks` capability on 2025-11-25, nothing before.
 * Without a version (a caller that did not say): the 2025-11-25 form.
 */
export function tasksCapabilities(protocolVersion: string | undefined): Record<string, unknown> {
  if (usesInputRounds(protocolVersion)) return { extensions: { [TASKS_EXTENSION_ID]: {} } };
  if (protocolVersion !== undefined && protocolVersion < '2025-11-25') return {};
  return { tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } };
}
