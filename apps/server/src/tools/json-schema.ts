import type { ToolJsonSchema } from '@mcp-sse/protocol';
import { z } from 'zod';
import { McpServerError } from '../errors/mcp-server-error.js';

/**
 * Converts a tool's zod schema to the JSON Schema that `tools/list` publishes. Arguments
 * are described as the client must send them (`io: input`), results as they come out.
 */
export function toToolJsonSchema(
  schema: z.ZodType,
  toolName: string,
  which: 'input' | 'output',
): ToolJsonSchema {
  if (!(schema instanceof z.ZodType)) {
    throw new McpServerError('invalid_tool', `Tool ${toolName}: ${which} must be a zod schema`);
  }
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: which }) as Record<string, unknown>;
  } catch (cause) {
    throw new McpServerError(
      'invalid_tool',
      `Tool ${toolName}: its ${which} schema has no JSON Schema form (${(cause as Error).message})`,
      { cause },
    );
  }
  if (json.type !== 'object') {
    throw new McpServerError(
      'invalid_tool',
      `Tool ${toolName}: the ${which} schema must be a z.object(...), MCP requires an object schema`,
    );
  }
  // The dialect is MCP's default (2020-12); leaving it out keeps every tools/list smaller.
  const { $schema: _dialect, ...rest } = json;
  return rest as ToolJsonSchema;
}
