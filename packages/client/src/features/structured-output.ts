import type { CallToolResult, Tool } from '@mcp-sse/protocol';
import { z } from 'zod';
import { McpSseClientError } from '../errors.js';

/** Validators built from output schemas, by schema object (tool lists are replaced, not edited). */
const validators = new WeakMap<object, z.ZodType | null>();

function validatorFor(schema: object): z.ZodType | null {
  let validator = validators.get(schema);
  if (validator === undefined) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch {
      // A schema zod cannot read is not the server's fault: the result goes unchecked.
      validator = null;
    }
    validators.set(schema, validator);
  }
  return validator;
}

/**
 * Checks a tool result against the tool's `outputSchema`, as the specification asks of
 * clients: a successful result of a tool with an output schema must carry
 * `structuredContent` that conforms to it. Rejects with `protocol_error` naming the tool
 * and the first problem; an `isError` result is not checked.
 */
export function checkStructuredContent(tool: Tool | undefined, result: CallToolResult): void {
  const schema = tool?.outputSchema;
  if (!tool || !schema || result.isError) return;
  if (result.structuredContent === undefined) {
    throw new McpSseClientError(
      'protocol_error',
      `Tool ${tool.name} declares an outputSchema but its result has no structuredContent.`,
      { data: result },
    );
  }
  const validator = validatorFor(schema);
  if (!validator) return;
  const parsed = validator.safeParse(result.structuredContent);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the root';
    throw new McpSseClientError(
      'protocol_error',
      `Tool ${tool.name} returned structuredContent that does not match its outputSchema (at ${where}: ${issue?.message ?? 'invalid'}).`,
      { data: result },
    );
  }
}
