import { type CallToolResult, CallToolResultSchema, formatIssues } from '@mcp-sse/protocol';
import { McpSseClientError } from './errors.js';

/**
 * Reads a `tools/call` result. Text-only results (the vast majority) pass a cheap
 * structural check and are returned as they are; anything else goes through the full
 * schema, so images and resources are still validated.
 */
export function toCallToolResult(name: string, result: Record<string, unknown>): CallToolResult {
  const content = result.content;
  if (
    Array.isArray(content) &&
    (result.isError === undefined || typeof result.isError === 'boolean') &&
    result.structuredContent === undefined &&
    content.every(isPlainText)
  ) {
    return result as CallToolResult;
  }
  const parsed = CallToolResultSchema.safeParse(result);
  if (parsed.success) return parsed.data;
  throw new McpSseClientError(
    'protocol_error',
    `The server's result for tool "${name}" is not a valid CallToolResult: ${formatIssues(parsed.error)}`,
    { data: result },
  );
}

function isPlainText(block: unknown): boolean {
  if (typeof block !== 'object' || block === null) return false;
  const { type, text, annotations, _meta } = block as Record<string, unknown>;
  return (
    type === 'text' && typeof text === 'string' && annotations === undefined && _meta === undefined
  );
}
