import { McpSseClientError } from '@mcp-sse/client';
import type { CallToolResult } from '@mcp-sse/protocol';

/** A tool result in one line: its text, or a note for each non-text block. */
export function describeResult(result: CallToolResult): string {
  const parts = result.content.map((block) => {
    if (block.type === 'text') return block.text;
    if (block.type === 'image' || block.type === 'audio') {
      return `[${block.type} ${block.mimeType}, ${block.data.length} base64 chars]`;
    }
    return `[${block.type}]`;
  });
  const text = parts.join(' ') || JSON.stringify(result.structuredContent ?? {});
  return result.isError ? `tool error: ${text}` : text;
}

/** An error in one line, with the client's code and the JSON-RPC code when there is one. */
export function describeError(error: unknown): string {
  if (McpSseClientError.isInstance(error)) {
    const rpc = error.rpcCode === undefined ? '' : `, JSON-RPC ${error.rpcCode}`;
    return `${error.message} [${error.code}${rpc}]`;
  }
  return error instanceof Error ? error.message : String(error);
}
