import { z } from 'zod';
import { JSONRPCMessageSchema } from '../jsonrpc.js';
import { CallToolResultSchema, ListToolsResultSchema, ToolSchema } from '../mcp/tools.js';
import { SimpleErrorSchema } from '../simple.js';

const id = z.string().optional();

/** First event of every stream: `data` is the URL to POST this session's messages to. */
export const SseEndpointEventSchema = z.object({
  event: z.literal('endpoint'),
  data: z.string().min(1),
  id,
});
/** `endpoint` event. */
export type SseEndpointEvent = z.infer<typeof SseEndpointEventSchema>;

/** One JSON-RPC message from the server: a response, a notification or a request. */
export const SseMessageEventSchema = z.object({
  event: z.literal('message'),
  data: JSONRPCMessageSchema,
  id,
});
/** `message` event. */
export type SseMessageEvent = z.infer<typeof SseMessageEventSchema>;

/**
 * The original design's tool list, pushed right after `endpoint` and again whenever the
 * list changes. Sent as an array; a `{ tools }` object is accepted too.
 */
export const SseToolsEventSchema = z.object({
  event: z.literal('tools'),
  data: z.union([z.array(ToolSchema), ListToolsResultSchema.transform((result) => result.tools)]),
  id,
});
/** `tools` event. */
export type SseToolsEvent = z.infer<typeof SseToolsEventSchema>;

/** Answer to a simple-form call (`POST /sse`): the tool's result. */
export const SseResultEventSchema = z.object({
  event: z.literal('result'),
  data: CallToolResultSchema,
  id,
});
/** `result` event. */
export type SseResultEvent = z.infer<typeof SseResultEventSchema>;

/** Answer to a simple-form call that failed before the tool ran. */
export const SseErrorEventSchema = z.object({
  event: z.literal('error'),
  data: SimpleErrorSchema,
  id,
});
/** `error` event. */
export type SseErrorEvent = z.infer<typeof SseErrorEventSchema>;

/** Every named SSE event of MCP's HTTP+SSE transport and of the original design. */
export const SseEventSchema = z.discriminatedUnion('event', [
  SseEndpointEventSchema,
  SseMessageEventSchema,
  SseToolsEventSchema,
  SseResultEventSchema,
  SseErrorEventSchema,
]);
/** A typed SSE event. */
export type SseEvent = z.infer<typeof SseEventSchema>;
/** The name of a typed SSE event. */
export type SseEventName = SseEvent['event'];

/** The names in {@link SseEventSchema}. */
export const SSE_EVENT_NAMES: readonly SseEventName[] = [
  'endpoint',
  'message',
  'tools',
  'result',
  'error',
];
