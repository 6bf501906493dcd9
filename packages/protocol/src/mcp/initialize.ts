import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ImplementationSchema } from './common.js';

/** What a client can do; unknown members pass through for newer peers. */
export const ClientCapabilitiesSchema = z.looseObject({
  experimental: z.record(z.string(), z.looseObject({})).optional(),
  roots: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  sampling: z.looseObject({}).optional(),
  elicitation: z.looseObject({}).optional(),
});
/** What a client can do. */
export type ClientCapabilities = z.infer<typeof ClientCapabilitiesSchema>;

/** What a server offers; unknown members pass through for newer peers. */
export const ServerCapabilitiesSchema = z.looseObject({
  experimental: z.record(z.string(), z.looseObject({})).optional(),
  logging: z.looseObject({}).optional(),
  completions: z.looseObject({}).optional(),
  prompts: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  resources: z
    .looseObject({ subscribe: z.boolean().optional(), listChanged: z.boolean().optional() })
    .optional(),
  tools: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
});
/** What a server offers. */
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;

/** `initialize`: the first request of every session. */
export const InitializeRequestSchema = z.looseObject({
  method: z.literal('initialize'),
  params: RequestParamsSchema.extend({
    protocolVersion: z.string(),
    capabilities: ClientCapabilitiesSchema,
    clientInfo: ImplementationSchema,
  }),
});
/** `initialize` request. */
export type InitializeRequest = z.infer<typeof InitializeRequestSchema>;

/** The server's answer to `initialize`. */
export const InitializeResultSchema = z.looseObject({
  protocolVersion: z.string(),
  capabilities: ServerCapabilitiesSchema,
  serverInfo: ImplementationSchema,
  instructions: z.string().optional(),
});
/** The server's answer to `initialize`. */
export type InitializeResult = z.infer<typeof InitializeResultSchema>;

/** Sent by the client once it has accepted the `initialize` result. */
export const InitializedNotificationSchema = z.looseObject({
  method: z.literal('notifications/initialized'),
  params: z.looseObject({}).optional(),
});
/** `notifications/initialized`. */
export type InitializedNotification = z.infer<typeof InitializedNotificationSchema>;

/** Whether `value` is an `initialize` request (method and params). */
export const isInitializeRequest = (value: unknown): value is InitializeRequest =>
  InitializeRequestSchema.safeParse(value).success;
