import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ClientCapabilitiesSchema, ServerCapabilitiesSchema } from './capabilities.js';
import { ImplementationSchema } from './common.js';
import { resultBase } from './fields.js';

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
  ...resultBase,
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
