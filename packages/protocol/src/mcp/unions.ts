import { z } from 'zod';
import { CancelledNotificationSchema } from './cancelled.js';
import { InitializedNotificationSchema, InitializeRequestSchema } from './initialize.js';
import { LoggingMessageNotificationSchema, SetLevelRequestSchema } from './logging.js';
import { PingRequestSchema } from './ping.js';
import { ProgressNotificationSchema } from './progress.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';

/** Every request a client sends that this package knows, keyed by `method`. */
export const ClientRequestSchema = z.discriminatedUnion('method', [
  InitializeRequestSchema,
  PingRequestSchema,
  ListToolsRequestSchema,
  CallToolRequestSchema,
  SetLevelRequestSchema,
]);
/** A client request this package knows. */
export type ClientRequest = z.infer<typeof ClientRequestSchema>;

/** Every notification a client sends that this package knows. */
export const ClientNotificationSchema = z.discriminatedUnion('method', [
  InitializedNotificationSchema,
  CancelledNotificationSchema,
  ProgressNotificationSchema,
]);
/** A client notification this package knows. */
export type ClientNotification = z.infer<typeof ClientNotificationSchema>;

/** Every notification a server sends that this package knows. */
export const ServerNotificationSchema = z.discriminatedUnion('method', [
  ProgressNotificationSchema,
  CancelledNotificationSchema,
  ToolListChangedNotificationSchema,
  LoggingMessageNotificationSchema,
]);
/** A server notification this package knows. */
export type ServerNotification = z.infer<typeof ServerNotificationSchema>;

/** The method names of {@link ClientRequestSchema}. */
export type ClientMethod = ClientRequest['method'];
