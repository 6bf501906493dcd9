import type { JSONRPCMessage } from '@mcp-sse/protocol';
import type { McpServerCore } from '../core/mcp-server-core.js';

/** JSON-RPC error code of a call that may have run on an instance that died, and was not repeated. */
export const MAY_HAVE_RUN_CODE = -32003;

/**
 * What an instance taking a session over does with a request its dead holder had accepted
 * and not answered: 'run' it (again), or 'refuse' it with {@link mayHaveRunError}. A tool
 * call may have had effects before the holder died: running it again is only safe when the
 * tool says so (`annotations.idempotentHint: true`), or when the call provably never ran
 * (`neverRan`: nobody heard it, or a draining holder left it). Every other request only
 * reads, so it is run.
 */
export function takeoverAction(
  core: McpServerCore,
  message: JSONRPCMessage,
  neverRan: boolean,
): 'run' | 'refuse' {
  const request = message as { method?: unknown; params?: { name?: unknown } };
  if (neverRan || request.method !== 'tools/call') return 'run';
  const name = request.params?.name;
  const tool = typeof name === 'string' ? core.tools.get(name) : undefined;
  // An unknown tool is answered by the core with its usual error: nothing could have run.
  if (tool === undefined) return 'run';
  return tool.descriptor.annotations?.idempotentHint === true ? 'run' : 'refuse';
}

/** The one answer of a refused call (see {@link takeoverAction}), as the core would write it. */
export function mayHaveRunError(id: string | number, tool: string): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id,
    error: {
      code: MAY_HAVE_RUN_CODE,
      message:
        `The server instance running tool "${tool}" stopped before it answered: the call may ` +
        'have run, and was not repeated because the tool is not marked idempotent ' +
        '(annotations.idempotentHint). Check its effects before calling it again.',
      data: { mayHaveRun: true, tool },
    },
  });
}
