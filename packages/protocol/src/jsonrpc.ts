import { z } from 'zod';

/** The `jsonrpc` member every message carries. */
export const JSONRPC_VERSION = '2.0';

/** A request id: a string or an integer. `0` is a valid id and must never be read as missing. */
export const RequestIdSchema = z.union([z.string(), z.number().int()], {
  error: 'expected a string or an integer',
});
/** A request id: a string or an integer. */
export type RequestId = z.infer<typeof RequestIdSchema>;

/** A token a requester attaches so that the receiver can report progress against it. */
export const ProgressTokenSchema = z.union([z.string(), z.number().int()], {
  error: 'expected a string or an integer',
});
/** A progress token: a string or an integer. */
export type ProgressToken = z.infer<typeof ProgressTokenSchema>;

/** `params._meta` of a request: reserved for protocol metadata such as the progress token. */
export const RequestMetaSchema = z.looseObject({
  progressToken: ProgressTokenSchema.optional(),
});
/** `params._meta` of a request. */
export type RequestMeta = z.infer<typeof RequestMetaSchema>;

/** Request params: an object, with an optional `_meta`; other members pass through. */
export const RequestParamsSchema = z.looseObject({
  _meta: RequestMetaSchema.optional(),
});

/** A JSON-RPC request: it has an id and expects exactly one response. */
export const JSONRPCRequestSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  method: z.string().min(1),
  params: RequestParamsSchema.optional(),
});
/** A JSON-RPC request. */
export type JSONRPCRequest = z.infer<typeof JSONRPCRequestSchema>;

/** A JSON-RPC notification: no id, and no response. */
export const JSONRPCNotificationSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: z.never().optional(),
  method: z.string().min(1),
  params: z.looseObject({}).optional(),
});
/** A JSON-RPC notification. */
export type JSONRPCNotification = z.infer<typeof JSONRPCNotificationSchema>;

/** A successful JSON-RPC response. */
export const JSONRPCResultResponseSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: RequestIdSchema,
  result: z.looseObject({}),
});
/** A successful JSON-RPC response. */
export type JSONRPCResultResponse = z.infer<typeof JSONRPCResultResponseSchema>;

/** The `error` member of a JSON-RPC error response. */
export const JSONRPCErrorObjectSchema = z.looseObject({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});
/** The `error` member of a JSON-RPC error response. */
export type JSONRPCErrorObject = z.infer<typeof JSONRPCErrorObjectSchema>;

/**
 * A JSON-RPC error response. The id is null (or absent, as newer MCP revisions allow) when
 * the failing request's id could not be read.
 */
export const JSONRPCErrorResponseSchema = z.looseObject({
  jsonrpc: z.literal(JSONRPC_VERSION),
  id: z.union([RequestIdSchema, z.null()]).optional(),
  error: JSONRPCErrorObjectSchema,
});
/** A JSON-RPC error response. */
export type JSONRPCErrorResponse = z.infer<typeof JSONRPCErrorResponseSchema>;

/** Either kind of JSON-RPC response. */
export const JSONRPCResponseSchema = z.union([
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** Either kind of JSON-RPC response. */
export type JSONRPCResponse = z.infer<typeof JSONRPCResponseSchema>;

/** Any single JSON-RPC message (batches are not part of MCP over SSE). */
export const JSONRPCMessageSchema = z.union([
  JSONRPCRequestSchema,
  JSONRPCNotificationSchema,
  JSONRPCResultResponseSchema,
  JSONRPCErrorResponseSchema,
]);
/** Any single JSON-RPC message. */
export type JSONRPCMessage = z.infer<typeof JSONRPCMessageSchema>;

/** Whether `value` is a JSON-RPC request. */
export const isJSONRPCRequest = (value: unknown): value is JSONRPCRequest =>
  JSONRPCRequestSchema.safeParse(value).success;

/** Whether `value` is a JSON-RPC notification. */
export const isJSONRPCNotification = (value: unknown): value is JSONRPCNotification =>
  JSONRPCNotificationSchema.safeParse(value).success;

/** Whether `value` is a successful JSON-RPC response. */
export const isJSONRPCResultResponse = (value: unknown): value is JSONRPCResultResponse =>
  JSONRPCResultResponseSchema.safeParse(value).success;

/** Whether `value` is a JSON-RPC error response. */
export const isJSONRPCErrorResponse = (value: unknown): value is JSONRPCErrorResponse =>
  JSONRPCErrorResponseSchema.safeParse(value).success;

/** Whether `value` is any JSON-RPC message. */
export const isJSONRPCMessage = (value: unknown): value is JSONRPCMessage =>
  JSONRPCMessageSchema.safeParse(value).success;
