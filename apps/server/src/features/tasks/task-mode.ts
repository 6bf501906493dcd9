import { ErrorCode, TASKS_EXTENSION_ID } from '@mcp-sse/protocol';
import type { DefinedTool } from '../../tools/define-tool.js';
import { MISSING_REQUIRED_CLIENT_CAPABILITY } from '../missing-capability.js';
import { usesInputRounds } from '../multi-round.js';
import type { TaskError, TaskRecord } from './task-record.js';

/** How a `tools/call` runs: plainly, as a task (of which flavour), or not at all. */
export type TaskMode =
  | { kind: 'sync' }
  | { kind: 'task'; flavour: TaskRecord['flavour'] }
  | { kind: 'refused'; error: TaskError };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether the client's capabilities declare the 2026-07-28 tasks extension. */
export function declaresTasksExtension(capabilities: Record<string, unknown> | undefined): boolean {
  const extensions = capabilities?.extensions;
  return isObject(extensions) && isObject(extensions[TASKS_EXTENSION_ID]);
}

/** The -32021 error for a client that did not declare the tasks extension (2026-07-28). */
export function tasksExtensionRequired(what: string): TaskError {
  return {
    code: MISSING_REQUIRED_CLIENT_CAPABILITY,
    message: `Missing required client capability: ${what} needs the ${TASKS_EXTENSION_ID} extension; declare it in io.modelcontextprotocol/clientCapabilities.extensions`,
    data: { requiredCapabilities: { extensions: { [TASKS_EXTENSION_ID]: {} } } },
  };
}

/**
 * Decides how a call of `tool` runs. On 2026-07-28 the server decides: a tool that supports
 * tasks runs as one whenever the client declared the extension (in the request's `_meta` or
 * its session), a `required` one is refused with -32021 otherwise. On 2025-11-25 the client
 * asks with `params.task`; a `required` tool called without it is refused with -32601, as
 * that revision says. Older revisions have no tasks.
 */
export function taskModeOf(
  tool: DefinedTool,
  params: Record<string, unknown> | undefined,
  capabilities: Record<string, unknown> | undefined,
  protocolVersion: string | undefined,
): TaskMode {
  const support = tool.execution?.taskSupport ?? 'forbidden';
  if (support === 'forbidden') return { kind: 'sync' };
  if (usesInputRounds(protocolVersion)) {
    if (declaresTasksExtension(capabilities)) return { kind: 'task', flavour: 'extension' };
    if (support === 'required')
      return { kind: 'refused', error: tasksExtensionRequired(`Tool ${tool.name}`) };
    return { kind: 'sync' };
  }
  if (protocolVersion === undefined || protocolVersion < '2025-11-25') return { kind: 'sync' };
  if (isObject(params?.task)) return { kind: 'task', flavour: 'experimental' };
  if (support === 'required') {
    return {
      kind: 'refused',
      error: {
        code: ErrorCode.MethodNotFound,
        message: `Tool ${tool.name} only runs as a task: call it with params.task ({ ttl })`,
      },
    };
  }
  return { kind: 'sync' };
}
