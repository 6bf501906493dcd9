import { z } from 'zod';
import { CancelledNotificationSchema } from './cancelled.js';
import { CompleteRequestSchema } from './completion.js';
import { DiscoverRequestSchema } from './discover.js';
import { ElicitationCompleteNotificationSchema, ElicitRequestSchema } from './elicitation.js';
import { InitializedNotificationSchema, InitializeRequestSchema } from './initialize.js';
import { LoggingMessageNotificationSchema, SetLevelRequestSchema } from './logging.js';
import { PingRequestSchema } from './ping.js';
import { ProgressNotificationSchema } from './progress.js';
import {
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  PromptListChangedNotificationSchema,
} from './prompts.js';
import {
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from './resources.js';
import { ListRootsRequestSchema, RootsListChangedNotificationSchema } from './roots.js';
import { CreateMessageRequestSchema } from './sampling.js';
import {
  SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequestSchema,
} from './subscriptions.js';
import {
  CancelTaskRequestSchema,
  ExperimentalTaskStatusNotificationSchema,
  GetTaskPayloadRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  TaskStatusNotificationSchema,
  UpdateTaskRequestSchema,
} from './tasks.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  ToolListChangedNotificationSchema,
} from './tools.js';

/** Every request a client sends that this package knows (all revisions), keyed by `method`. */
export const ClientRequestSchema = z.discriminatedUnion('method', [
  InitializeRequestSchema,
  PingRequestSchema,
  DiscoverRequestSchema,
  ListToolsRequestSchema,
  CallToolRequestSchema,
  SetLevelRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  ListPromptsRequestSchema,
  GetPromptRequestSchema,
  CompleteRequestSchema,
  SubscriptionsListenRequestSchema,
  GetTaskRequestSchema,
  UpdateTaskRequestSchema,
  CancelTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  ListTasksRequestSchema,
]);
/** A client request this package knows. */
export type ClientRequest = z.infer<typeof ClientRequestSchema>;

/** Every notification a client sends that this package knows. */
export const ClientNotificationSchema = z.discriminatedUnion('method', [
  InitializedNotificationSchema,
  CancelledNotificationSchema,
  ProgressNotificationSchema,
  RootsListChangedNotificationSchema,
  ExperimentalTaskStatusNotificationSchema,
]);
/** A client notification this package knows. */
export type ClientNotification = z.infer<typeof ClientNotificationSchema>;

/**
 * Every request a server sends to a client (2024-11-05 .. 2025-11-25; in 2026-07-28 the
 * same requests travel inside `input_required` results instead).
 */
export const ServerRequestSchema = z.discriminatedUnion('method', [
  PingRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
  GetTaskRequestSchema,
  GetTaskPayloadRequestSchema,
  ListTasksRequestSchema,
  CancelTaskRequestSchema,
]);
/** A server request this package knows. */
export type ServerRequest = z.infer<typeof ServerRequestSchema>;

/** Every notification a server sends that this package knows. */
export const ServerNotificationSchema = z.discriminatedUnion('method', [
  ProgressNotificationSchema,
  CancelledNotificationSchema,
  ToolListChangedNotificationSchema,
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
  ResourceListChangedNotificationSchema,
  PromptListChangedNotificationSchema,
  ElicitationCompleteNotificationSchema,
  SubscriptionsAcknowledgedNotificationSchema,
  TaskStatusNotificationSchema,
  ExperimentalTaskStatusNotificationSchema,
]);
/** A server notification this package knows. */
export type ServerNotification = z.infer<typeof ServerNotificationSchema>;

/** The method names of {@link ClientRequestSchema}. */
export type ClientMethod = ClientRequest['method'];

/** The method names of {@link ServerRequestSchema}. */
export type ServerMethod = ServerRequest['method'];
