import type {
  CallToolResult,
  ContentBlock,
  Tool,
  ToolAnnotations,
  ToolJsonSchema,
} from '@mcp-sse/protocol';
import type { z } from 'zod';
import { McpServerError } from '../errors/mcp-server-error.js';
import type { Icon } from '../features/wire-types.js';
import { toToolJsonSchema } from './json-schema.js';
import type { ToolContext } from './tool-context.js';

/**
 * What a handler may return: a string (one text block), a content array, a full
 * CallToolResult, or, for a tool with an `output` schema, the structured value itself.
 */
export type ToolReturn = string | ContentBlock[] | CallToolResult | Record<string, unknown>;

/**
 * Whether and how a tool runs as a task (the 2026-07-28 `io.modelcontextprotocol/tasks`
 * extension and the experimental tasks of 2025-11-25): the call answers at once with a task
 * the client polls, feeds and cancels, and the handler goes on without the connection.
 */
export interface ToolExecutionOptions<I extends z.ZodType = z.ZodType> {
  /**
   * `forbidden` (default): never a task. `optional`: a task when the client supports them,
   * a plain call otherwise. `required`: only as a task; a client without tasks gets an error
   * (-32021 on 2026-07-28, -32601 on 2025-11-25).
   */
  taskSupport?: 'forbidden' | 'optional' | 'required';
  /**
   * Runs on the `tools/call` itself before the task is created, so that its `ctx.elicit` /
   * `ctx.sample` / `ctx.roots` are multi round-trip requests (2026-07-28 `input_required`
   * results) rather than task input. It returns the arguments the handler then runs with.
   */
  beforeTask?: (args: z.output<I>, ctx: ToolContext) => z.output<I> | Promise<z.output<I>>;
}

/** A tool's definition as its author writes it. */
export interface ToolDefinition<I extends z.ZodType = z.ZodType> {
  /** Unique name clients call it by. */
  name: string;
  /** Human-friendly name for UIs. */
  title?: string;
  /** What the tool does; models read this to decide when to call it. */
  description: string;
  /** Zod schema of the arguments; must describe an object. */
  input: I;
  /** Zod schema of the structured result, published as `outputSchema`. */
  output?: z.ZodType;
  /**
   * A hand-written JSON Schema to publish as `inputSchema` instead of the one generated
   * from `input`, for JSON Schema 2020-12 keywords zod does not produce (`$defs`, `$anchor`,
   * `if`/`then`/`else`...). `input` still validates the arguments: keep the two in step.
   */
  inputJsonSchema?: ToolJsonSchema;
  /** Behaviour hints for clients. */
  annotations?: ToolAnnotations;
  /** Icons a client may show next to the tool. */
  icons?: Icon[];
  /** Extra metadata published in `tools/list` (`_meta`). */
  _meta?: Record<string, unknown>;
  /** Task support; published as `execution.taskSupport`. */
  execution?: ToolExecutionOptions<I>;
  /** Runs the tool with validated arguments. */
  handler: (args: z.output<I>, ctx: ToolContext) => ToolReturn | Promise<ToolReturn>;
}

/** A tool ready to register: its definition plus the descriptor published by `tools/list`. */
export interface DefinedTool {
  /** The tool's name. */
  readonly name: string;
  /** The MCP descriptor, with JSON Schemas generated from the zod schemas. */
  readonly descriptor: Tool;
  /** Zod schema of the arguments. */
  readonly input: z.ZodType;
  /** Zod schema of the structured result, if any. */
  readonly output: z.ZodType | undefined;
  /** The handler, taking already validated arguments. */
  readonly handler: (args: unknown, ctx: ToolContext) => ToolReturn | Promise<ToolReturn>;
  /** Task support, when the tool declared any. */
  readonly execution?: ToolExecutionOptions | undefined;
}

const NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Defines a tool. The JSON Schemas are generated here, once, with zod's own converter, so
 * a schema zod cannot express as JSON Schema fails at startup, not on the first call.
 */
export function defineTool<I extends z.ZodType>(definition: ToolDefinition<I>): DefinedTool {
  const {
    name,
    title,
    description,
    input,
    output,
    inputJsonSchema,
    annotations,
    icons,
    _meta,
    execution,
    handler,
  } = definition;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new McpServerError(
      'invalid_tool',
      `Invalid tool name ${JSON.stringify(name)}: use 1-128 letters, digits, "_", "-" or "."`,
    );
  }
  if (typeof handler !== 'function') {
    throw new McpServerError('invalid_tool', `Tool ${name}: handler must be a function`);
  }
  if (inputJsonSchema !== undefined && inputJsonSchema?.type !== 'object') {
    throw new McpServerError(
      'invalid_tool',
      `Tool ${name}: inputJsonSchema must be an object schema ({ type: "object", ... })`,
    );
  }
  const support = execution?.taskSupport;
  if (support !== undefined && !['forbidden', 'optional', 'required'].includes(support)) {
    throw new McpServerError(
      'invalid_tool',
      `Tool ${name}: execution.taskSupport must be "forbidden", "optional" or "required"`,
    );
  }
  const generated = toToolJsonSchema(input, name, 'input');
  const descriptor: Tool = {
    name,
    ...(title === undefined ? {} : { title }),
    description,
    // Generated even when replaced: it checks that `input` is a zod object schema.
    inputSchema: inputJsonSchema ?? generated,
    ...(output === undefined ? {} : { outputSchema: toToolJsonSchema(output, name, 'output') }),
    ...(annotations === undefined ? {} : { annotations }),
    ...(icons === undefined ? {} : { icons }),
    ...(_meta === undefined ? {} : { _meta }),
    ...(support === undefined ? {} : { execution: { taskSupport: support } }),
  };
  return {
    name,
    descriptor,
    input,
    output,
    handler: handler as DefinedTool['handler'],
    ...(execution === undefined ? {} : { execution: execution as ToolExecutionOptions }),
  };
}
