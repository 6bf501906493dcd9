import type { CallToolResult } from '@mcp-sse/protocol';
import type { DefinedTool } from './define-tool.js';

function isCallToolResult(value: object): value is CallToolResult {
  return 'content' in value || 'structuredContent' in value || 'isError' in value;
}

/**
 * Turns whatever a handler returned into a CallToolResult. Structured content always gets
 * a text copy too, because older clients only show `content`.
 */
export function toCallToolResult(value: unknown, tool: DefinedTool): CallToolResult {
  if (typeof value === 'string') return { content: [{ type: 'text', text: value }] };
  if (Array.isArray(value)) return { content: value };
  if (value === undefined || value === null) return { content: [] };
  if (typeof value === 'object') {
    if (isCallToolResult(value)) {
      if (value.content !== undefined) return value;
      const text = JSON.stringify(value.structuredContent ?? {});
      return { ...value, content: [{ type: 'text', text }] };
    }
    if (tool.output !== undefined) {
      return {
        content: [{ type: 'text', text: JSON.stringify(value) }],
        structuredContent: value as Record<string, unknown>,
      };
    }
  }
  return { content: [{ type: 'text', text: JSON.stringify(value) }] };
}

/** The result a thrown error becomes: its message only, never a stack. */
export function errorResult(error: unknown): CallToolResult {
  const message =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'string'
        ? error
        : 'Tool failed';
  return { content: [{ type: 'text', text: message }], isError: true };
}
