// Test support: every method this package models, with its schemas here and the names of
// the specification's definitions for it.
import type { z } from 'zod';
import { CancelledNotificationSchema } from '../mcp/cancelled.js';
import { CompleteRequestSchema, CompleteResultSchema } from '../mcp/completion.js';
import { DiscoverRequestSchema, DiscoverResultSchema } from '../mcp/discover.js';
import {
  ElicitationCompleteNotificationSchema,
  ElicitRequestSchema,
  ElicitResultSchema,
} from '../mcp/elicitation.js';
import {
  InitializedNotificationSchema,
  InitializeRequestSchema,
  InitializeResultSchema,
} from '../mcp/initialize.js';
import { LoggingMessageNotificationSchema, SetLevelRequestSchema } from '../mcp/logging.js';
import { PingRequestSchema } from '../mcp/ping.js';
import { ProgressNotificationSchema } from '../mcp/progress.js';
import {
  GetPromptRequestSchema,
  GetPromptResultSchema,
  ListPromptsRequestSchema,
  ListPromptsResultSchema,
  PromptListChangedNotificationSchema,
} from '../mcp/prompts.js';
import {
  ListResourcesRequestSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResultSchema,
  ReadResourceRequestSchema,
  ReadResourceResultSchema,
  ResourceListChangedNotificationSchema,
  ResourceUpdatedNotificationSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '../mcp/resources.js';
import { EmptyResultSchema } from '../mcp/result.js';
import {
  ListRootsRequestSchema,
  ListRootsResultSchema,
  RootsListChangedNotificationSchema,
} from '../mcp/roots.js';
import { CreateMessageRequestSchema, CreateMessageResultSchema } from '../mcp/sampling.js';
import {
  SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequestSchema,
  SubscriptionsListenResultSchema,
} from '../mcp/subscriptions.js';
import {
  CancelTaskRequestSchema,
  ExperimentalTaskResultSchema,
  ExperimentalTaskStatusNotificationSchema,
  GetTaskPayloadRequestSchema,
  GetTaskRequestSchema,
  ListTasksRequestSchema,
  ListTasksResultSchema,
  TaskStatusNotificationSchema,
  UpdateTaskRequestSchema,
} from '../mcp/tasks.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
} from '../mcp/tools.js';

/** A request method: our schemas and the specification's definition names. */
export interface RequestEntry {
  request: z.ZodType;
  result: z.ZodType;
  /** Definition names in schema.json (absent in revisions that lack the method). */
  specRequest: string;
  specResult: string;
}

/** Every request method this package models. */
export const REQUESTS: Record<string, RequestEntry> = {
  initialize: {
    request: InitializeRequestSchema,
    result: InitializeResultSchema,
    specRequest: 'InitializeRequest',
    specResult: 'InitializeResult',
  },
  ping: {
    request: PingRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'PingRequest',
    specResult: 'EmptyResult',
  },
  'server/discover': {
    request: DiscoverRequestSchema,
    result: DiscoverResultSchema,
    specRequest: 'DiscoverRequest',
    specResult: 'DiscoverResult',
  },
  'tools/list': {
    request: ListToolsRequestSchema,
    result: ListToolsResultSchema,
    specRequest: 'ListToolsRequest',
    specResult: 'ListToolsResult',
  },
  'tools/call': {
    request: CallToolRequestSchema,
    result: CallToolResultSchema,
    specRequest: 'CallToolRequest',
    specResult: 'CallToolResult',
  },
  'logging/setLevel': {
    request: SetLevelRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'SetLevelRequest',
    specResult: 'EmptyResult',
  },
  'resources/list': {
    request: ListResourcesRequestSchema,
    result: ListResourcesResultSchema,
    specRequest: 'ListResourcesRequest',
    specResult: 'ListResourcesResult',
  },
  'resources/templates/list': {
    request: ListResourceTemplatesRequestSchema,
    result: ListResourceTemplatesResultSchema,
    specRequest: 'ListResourceTemplatesRequest',
    specResult: 'ListResourceTemplatesResult',
  },
  'resources/read': {
    request: ReadResourceRequestSchema,
    result: ReadResourceResultSchema,
    specRequest: 'ReadResourceRequest',
    specResult: 'ReadResourceResult',
  },
  'resources/subscribe': {
    request: SubscribeRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'SubscribeRequest',
    specResult: 'EmptyResult',
  },
  'resources/unsubscribe': {
    request: UnsubscribeRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'UnsubscribeRequest',
    specResult: 'EmptyResult',
  },
  'prompts/list': {
    request: ListPromptsRequestSchema,
    result: ListPromptsResultSchema,
    specRequest: 'ListPromptsRequest',
    specResult: 'ListPromptsResult',
  },
  'prompts/get': {
    request: GetPromptRequestSchema,
    result: GetPromptResultSchema,
    specRequest: 'GetPromptRequest',
    specResult: 'GetPromptResult',
  },
  'completion/complete': {
    request: CompleteRequestSchema,
    result: CompleteResultSchema,
    specRequest: 'CompleteRequest',
    specResult: 'CompleteResult',
  },
  'subscriptions/listen': {
    request: SubscriptionsListenRequestSchema,
    result: SubscriptionsListenResultSchema,
    specRequest: 'SubscriptionsListenRequest',
    specResult: 'SubscriptionsListenResult',
  },
  'sampling/createMessage': {
    request: CreateMessageRequestSchema,
    result: CreateMessageResultSchema,
    specRequest: 'CreateMessageRequest',
    specResult: 'CreateMessageResult',
  },
  'elicitation/create': {
    request: ElicitRequestSchema,
    result: ElicitResultSchema,
    specRequest: 'ElicitRequest',
    specResult: 'ElicitResult',
  },
  'roots/list': {
    request: ListRootsRequestSchema,
    result: ListRootsResultSchema,
    specRequest: 'ListRootsRequest',
    specResult: 'ListRootsResult',
  },
  // The tasks methods below are those of 2025-11-25 (the 2026-07-28 extension's schema is
  // not part of the core schema.json).
  'tasks/get': {
    request: GetTaskRequestSchema,
    result: ExperimentalTaskResultSchema,
    specRequest: 'GetTaskRequest',
    specResult: 'GetTaskResult',
  },
  'tasks/result': {
    request: GetTaskPayloadRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'GetTaskPayloadRequest',
    specResult: 'GetTaskPayloadResult',
  },
  'tasks/cancel': {
    request: CancelTaskRequestSchema,
    result: ExperimentalTaskResultSchema,
    specRequest: 'CancelTaskRequest',
    specResult: 'CancelTaskResult',
  },
  'tasks/list': {
    request: ListTasksRequestSchema,
    result: ListTasksResultSchema,
    specRequest: 'ListTasksRequest',
    specResult: 'ListTasksResult',
  },
  'tasks/update': {
    request: UpdateTaskRequestSchema,
    result: EmptyResultSchema,
    specRequest: 'UpdateTaskRequest',
    specResult: 'EmptyResult',
  },
};

/** A notification method: our schema and the specification's definition name. */
export interface NotificationEntry {
  schema: z.ZodType;
  spec: string;
}

/** Every notification method this package models. */
export const NOTIFICATIONS: Record<string, NotificationEntry> = {
  'notifications/initialized': {
    schema: InitializedNotificationSchema,
    spec: 'InitializedNotification',
  },
  'notifications/cancelled': { schema: CancelledNotificationSchema, spec: 'CancelledNotification' },
  'notifications/progress': { schema: ProgressNotificationSchema, spec: 'ProgressNotification' },
  'notifications/message': {
    schema: LoggingMessageNotificationSchema,
    spec: 'LoggingMessageNotification',
  },
  'notifications/tools/list_changed': {
    schema: ToolListChangedNotificationSchema,
    spec: 'ToolListChangedNotification',
  },
  'notifications/prompts/list_changed': {
    schema: PromptListChangedNotificationSchema,
    spec: 'PromptListChangedNotification',
  },
  'notifications/resources/list_changed': {
    schema: ResourceListChangedNotificationSchema,
    spec: 'ResourceListChangedNotification',
  },
  'notifications/resources/updated': {
    schema: ResourceUpdatedNotificationSchema,
    spec: 'ResourceUpdatedNotification',
  },
  'notifications/roots/list_changed': {
    schema: RootsListChangedNotificationSchema,
    spec: 'RootsListChangedNotification',
  },
  'notifications/elicitation/complete': {
    schema: ElicitationCompleteNotificationSchema,
    spec: 'ElicitationCompleteNotification',
  },
  'notifications/subscriptions/acknowledged': {
    schema: SubscriptionsAcknowledgedNotificationSchema,
    spec: 'SubscriptionsAcknowledgedNotification',
  },
  'notifications/tasks/status': {
    schema: ExperimentalTaskStatusNotificationSchema,
    spec: 'TaskStatusNotification',
  },
  'notifications/tasks': { schema: TaskStatusNotificationSchema, spec: 'TaskStatusNotification' },
};
