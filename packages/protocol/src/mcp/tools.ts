import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ContentBlockSchema } from './content.js';
import { cacheFields, iconsField, paginatedResultFields, resultBase } from './fields.js';
import { inputResponseFields } from './input-required-fields.js';
import { NotificationParamsSchema, PaginatedRequestParamsSchema } from './params.js';
import { TaskMetadataSchema } from './task-metadata.js';

/** A JSON Schema for a tool's arguments or structured output: always an object schema. */
export const ToolJsonSchemaSchema = z.looseObject({
  type: z.literal('object'),
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});
/** A JSON Schema for a tool's arguments or structured output. */
export type ToolJsonSchema = z.infer<typeof ToolJsonSchemaSchema>;

/**
 * A JSON Schema for a tool's structured output. 2026-07-28 allows any schema (an array
 * result, say); earlier revisions require `type: 'object'`.
 */
export const ToolOutputSchemaSchema = z.looseObject({
  $schema: z.string().optional(),
  type: z.unknown().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});
/** A JSON Schema for a tool's structured output. */
export type ToolOutputSchema = z.infer<typeof ToolOutputSchemaSchema>;

/** Experimental tasks of 2025-11-25: whether a tool may, must or must not run as a task. */
export const ToolExecutionSchema = z.looseObject({
  taskSupport: z.enum(['forbidden', 'optional', 'required']).optional(),
});
/** How a tool may be run (2025-11-25). */
export type ToolExecution = z.infer<typeof ToolExecutionSchema>;

/** Hints about a tool's behaviour; untrusted unless the server is. */
export const ToolAnnotationsSchema = z.looseObject({
  title: z.string().optional(),
  readOnlyHint: z.boolean().optional(),
  destructiveHint: z.boolean().optional(),
  idempotentHint: z.boolean().optional(),
  openWorldHint: z.boolean().optional(),
});
/** Hints about a tool's behaviour. */
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/** A tool a server offers. */
export const ToolSchema = z.looseObject({
  name: z.string().min(1),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: ToolJsonSchemaSchema,
  outputSchema: ToolOutputSchemaSchema.optional(),
  annotations: ToolAnnotationsSchema.optional(),
  execution: ToolExecutionSchema.optional(),
  ...iconsField,
  _meta: z.looseObject({}).optional(),
});
/** A tool a server offers. */
export type Tool = z.infer<typeof ToolSchema>;

/** `tools/list`, paged with an opaque cursor. */
export const ListToolsRequestSchema = z.looseObject({
  method: z.literal('tools/list'),
  params: PaginatedRequestParamsSchema.optional(),
});
/** `tools/list` request. */
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** One page of tools; `nextCursor` is present while more pages follow. */
export const ListToolsResultSchema = z.looseObject({
  tools: z.array(ToolSchema),
  ...paginatedResultFields,
  ...cacheFields,
});
/** One page of tools. */
export type ListToolsResult = z.infer<typeof ListToolsResultSchema>;

/** `tools/call`. Put `_meta.progressToken` in params to receive progress. */
export const CallToolRequestSchema = z.looseObject({
  method: z.literal('tools/call'),
  params: RequestParamsSchema.extend({
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).optional(),
    task: TaskMetadataSchema.optional(),
    ...inputResponseFields,
  }),
});
/** `tools/call` request. */
export type CallToolRequest = z.infer<typeof CallToolRequestSchema>;

/**
 * The result of a tool call. A failure inside the tool is a result with `isError: true`,
 * so the model can see it; protocol failures are JSON-RPC errors instead.
 */
export const CallToolResultSchema = z.looseObject({
  content: z.array(ContentBlockSchema).default([]),
  // Any JSON value: 2026-07-28 allows arrays and scalars, earlier revisions an object.
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
  ...resultBase,
});
/** The result of a tool call. */
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** Sent by a server that declared `tools.listChanged` whenever its tool list changes. */
export const ToolListChangedNotificationSchema = z.looseObject({
  method: z.literal('notifications/tools/list_changed'),
  params: NotificationParamsSchema.optional(),
});
/** `notifications/tools/list_changed`. */
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;

/** Whether `value` is a tool definition. */
export const isTool = (value: unknown): value is Tool => ToolSchema.safeParse(value).success;

/** Whether `value` is a tool call result. */
export const isCallToolResult = (value: unknown): value is CallToolResult =>
  CallToolResultSchema.safeParse(value).success;
