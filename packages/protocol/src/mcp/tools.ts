import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ContentBlockSchema } from './content.js';

/** A JSON Schema for a tool's arguments or structured output: always an object schema. */
export const ToolJsonSchemaSchema = z.looseObject({
  type: z.literal('object'),
  properties: z.record(z.string(), z.unknown()).optional(),
  required: z.array(z.string()).optional(),
});
/** A JSON Schema for a tool's arguments or structured output. */
export type ToolJsonSchema = z.infer<typeof ToolJsonSchemaSchema>;

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
  outputSchema: ToolJsonSchemaSchema.optional(),
  annotations: ToolAnnotationsSchema.optional(),
  _meta: z.looseObject({}).optional(),
});
/** A tool a server offers. */
export type Tool = z.infer<typeof ToolSchema>;

/** `tools/list`, paged with an opaque cursor. */
export const ListToolsRequestSchema = z.looseObject({
  method: z.literal('tools/list'),
  params: RequestParamsSchema.extend({ cursor: z.string().optional() }).optional(),
});
/** `tools/list` request. */
export type ListToolsRequest = z.infer<typeof ListToolsRequestSchema>;

/** One page of tools; `nextCursor` is present while more pages follow. */
export const ListToolsResultSchema = z.looseObject({
  tools: z.array(ToolSchema),
  nextCursor: z.string().optional(),
  _meta: z.looseObject({}).optional(),
});
/** One page of tools. */
export type ListToolsResult = z.infer<typeof ListToolsResultSchema>;

/** `tools/call`. Put `_meta.progressToken` in params to receive progress. */
export const CallToolRequestSchema = z.looseObject({
  method: z.literal('tools/call'),
  params: RequestParamsSchema.extend({
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).optional(),
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
  structuredContent: z.record(z.string(), z.unknown()).optional(),
  isError: z.boolean().optional(),
  _meta: z.looseObject({}).optional(),
});
/** The result of a tool call. */
export type CallToolResult = z.infer<typeof CallToolResultSchema>;

/** Sent by a server that declared `tools.listChanged` whenever its tool list changes. */
export const ToolListChangedNotificationSchema = z.looseObject({
  method: z.literal('notifications/tools/list_changed'),
  params: z.looseObject({}).optional(),
});
/** `notifications/tools/list_changed`. */
export type ToolListChangedNotification = z.infer<typeof ToolListChangedNotificationSchema>;

/** Whether `value` is a tool definition. */
export const isTool = (value: unknown): value is Tool => ToolSchema.safeParse(value).success;

/** Whether `value` is a tool call result. */
export const isCallToolResult = (value: unknown): value is CallToolResult =>
  CallToolResultSchema.safeParse(value).success;
