import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorCode } from '../error-codes.js';
import { formatIssues } from '../issues.js';
import { JSONRPCErrorResponseSchema, JSONRPCResultResponseSchema } from '../jsonrpc.js';
import { CancelledNotificationSchema } from '../mcp/cancelled.js';
import { ClientCapabilitiesSchema, ServerCapabilitiesSchema } from '../mcp/capabilities.js';
import { CompleteRequestSchema, CompleteResultSchema } from '../mcp/completion.js';
import {
  AudioContentSchema,
  BlobResourceContentsSchema,
  EmbeddedResourceSchema,
  ImageContentSchema,
  ResourceLinkSchema,
  TextContentSchema,
  TextResourceContentsSchema,
  ToolResultContentSchema,
  ToolUseContentSchema,
} from '../mcp/content.js';
import { DiscoverRequestSchema, DiscoverResultSchema } from '../mcp/discover.js';
import {
  BooleanFieldSchema,
  ElicitRequestFormParamsSchema,
  ElicitRequestSchema,
  ElicitRequestURLParamsSchema,
  ElicitResultSchema,
  MultiSelectEnumFieldSchema,
  NumberFieldSchema,
  SingleSelectEnumFieldSchema,
  StringFieldSchema,
} from '../mcp/elicitation.js';
import {
  InputRequestsSchema,
  InputRequiredResultSchema,
  InputResponsesSchema,
} from '../mcp/input-required.js';
import { LoggingMessageNotificationSchema } from '../mcp/logging.js';
import { PaginatedRequestParamsSchema } from '../mcp/params.js';
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
  ResourceSchema,
  ResourceUpdatedNotificationSchema,
} from '../mcp/resources.js';
import { ListRootsRequestSchema, ListRootsResultSchema, RootSchema } from '../mcp/roots.js';
import {
  CreateMessageRequestSchema,
  CreateMessageResultSchema,
  ModelPreferencesSchema,
  SamplingMessageSchema,
} from '../mcp/sampling.js';
import {
  SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequestSchema,
  SubscriptionsListenResultSchema,
} from '../mcp/subscriptions.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
  ToolSchema,
} from '../mcp/tools.js';
import {
  MissingRequiredClientCapabilityDataSchema,
  UnsupportedProtocolVersionDataSchema,
} from '../mcp/wire-errors.js';
import { readSpecJson, specSchema } from './spec-schemas.js';

const params = (request: z.ZodObject) => request.shape.params as z.ZodType;
const response = (result: z.ZodType) =>
  JSONRPCResultResponseSchema.extend({ result: z.union([result, InputRequiredResultSchema]) });
const wireError = (code: number, data?: z.ZodType) =>
  JSONRPCErrorResponseSchema.extend({
    error: z.looseObject({
      code: z.literal(code),
      message: z.string(),
      ...(data ? { data } : {}),
    }),
  });

/** Our schema for each type the 2026-07-28 specification gives examples of. */
const OURS: Record<string, z.ZodType> = {
  AudioContent: AudioContentSchema,
  BlobResourceContents: BlobResourceContentsSchema,
  BooleanSchema: BooleanFieldSchema,
  CallToolRequest: CallToolRequestSchema,
  CallToolRequestParams: params(CallToolRequestSchema),
  CallToolResult: CallToolResultSchema,
  CallToolResultResponse: response(CallToolResultSchema),
  CancelledNotification: CancelledNotificationSchema,
  CancelledNotificationParams: params(CancelledNotificationSchema),
  ClientCapabilities: ClientCapabilitiesSchema,
  CompleteRequest: CompleteRequestSchema,
  CompleteRequestParams: params(CompleteRequestSchema),
  CompleteResult: CompleteResultSchema,
  CompleteResultResponse: response(CompleteResultSchema),
  CreateMessageRequest: CreateMessageRequestSchema,
  CreateMessageRequestParams: params(CreateMessageRequestSchema),
  CreateMessageResult: CreateMessageResultSchema,
  DiscoverRequest: DiscoverRequestSchema,
  DiscoverResult: DiscoverResultSchema,
  DiscoverResultResponse: response(DiscoverResultSchema),
  ElicitRequest: ElicitRequestSchema,
  ElicitRequestFormParams: ElicitRequestFormParamsSchema,
  ElicitRequestURLParams: ElicitRequestURLParamsSchema,
  ElicitResult: ElicitResultSchema,
  EmbeddedResource: EmbeddedResourceSchema,
  GetPromptRequest: GetPromptRequestSchema,
  GetPromptRequestParams: params(GetPromptRequestSchema),
  GetPromptResult: GetPromptResultSchema,
  GetPromptResultResponse: response(GetPromptResultSchema),
  HeaderMismatchError: wireError(ErrorCode.HeaderMismatch),
  ImageContent: ImageContentSchema,
  InputRequests: InputRequestsSchema,
  InputRequiredResult: InputRequiredResultSchema,
  InputResponses: InputResponsesSchema,
  InternalError: z.looseObject({ code: z.literal(ErrorCode.InternalError), message: z.string() }),
  InvalidParamsError: z.looseObject({
    code: z.literal(ErrorCode.InvalidParams),
    message: z.string(),
  }),
  ListPromptsRequest: ListPromptsRequestSchema,
  ListPromptsResult: ListPromptsResultSchema,
  ListPromptsResultResponse: response(ListPromptsResultSchema),
  ListResourcesRequest: ListResourcesRequestSchema,
  ListResourcesResult: ListResourcesResultSchema,
  ListResourcesResultResponse: response(ListResourcesResultSchema),
  ListResourceTemplatesRequest: ListResourceTemplatesRequestSchema,
  ListResourceTemplatesResult: ListResourceTemplatesResultSchema,
  ListResourceTemplatesResultResponse: response(ListResourceTemplatesResultSchema),
  ListRootsRequest: ListRootsRequestSchema,
  ListRootsResult: ListRootsResultSchema,
  ListToolsRequest: ListToolsRequestSchema,
  ListToolsResult: ListToolsResultSchema,
  ListToolsResultResponse: response(ListToolsResultSchema),
  LoggingMessageNotification: LoggingMessageNotificationSchema,
  LoggingMessageNotificationParams: params(LoggingMessageNotificationSchema),
  MethodNotFoundError: z.looseObject({
    code: z.literal(ErrorCode.MethodNotFound),
    message: z.string(),
  }),
  MissingRequiredClientCapabilityError: wireError(
    ErrorCode.MissingRequiredClientCapability,
    MissingRequiredClientCapabilityDataSchema,
  ),
  ModelPreferences: ModelPreferencesSchema,
  NumberSchema: NumberFieldSchema,
  PaginatedRequestParams: PaginatedRequestParamsSchema,
  ParseError: z.looseObject({ code: z.literal(ErrorCode.ParseError), message: z.string() }),
  ProgressNotification: ProgressNotificationSchema,
  ProgressNotificationParams: params(ProgressNotificationSchema),
  PromptListChangedNotification: PromptListChangedNotificationSchema,
  ReadResourceRequest: ReadResourceRequestSchema,
  ReadResourceResult: ReadResourceResultSchema,
  ReadResourceResultResponse: response(ReadResourceResultSchema),
  Resource: ResourceSchema,
  ResourceLink: ResourceLinkSchema,
  ResourceListChangedNotification: ResourceListChangedNotificationSchema,
  ResourceUpdatedNotification: ResourceUpdatedNotificationSchema,
  ResourceUpdatedNotificationParams: params(ResourceUpdatedNotificationSchema),
  Root: RootSchema,
  SamplingMessage: SamplingMessageSchema,
  ServerCapabilities: ServerCapabilitiesSchema,
  StringSchema: StringFieldSchema,
  SubscriptionsAcknowledgedNotification: SubscriptionsAcknowledgedNotificationSchema,
  SubscriptionsListenRequest: SubscriptionsListenRequestSchema,
  SubscriptionsListenResult: SubscriptionsListenResultSchema,
  SubscriptionsListenResultResponse: response(SubscriptionsListenResultSchema),
  TextContent: TextContentSchema,
  TextResourceContents: TextResourceContentsSchema,
  TitledMultiSelectEnumSchema: MultiSelectEnumFieldSchema,
  TitledSingleSelectEnumSchema: SingleSelectEnumFieldSchema,
  Tool: ToolSchema,
  ToolListChangedNotification: ToolListChangedNotificationSchema,
  ToolResultContent: ToolResultContentSchema,
  ToolUseContent: ToolUseContentSchema,
  UnsupportedProtocolVersionError: wireError(
    ErrorCode.UnsupportedProtocolVersion,
    UnsupportedProtocolVersionDataSchema,
  ),
  UntitledMultiSelectEnumSchema: MultiSelectEnumFieldSchema,
  UntitledSingleSelectEnumSchema: SingleSelectEnumFieldSchema,
};

interface TypeExample {
  type: string;
  name: string;
  value: unknown;
}

const examples = readSpecJson<TypeExample[]>('2026-07-28', 'type-examples.json');

describe('the 2026-07-28 per-type examples', () => {
  it('all have a schema here (a new type in the specification shows up as a failure)', () => {
    const missing = [...new Set(examples.map((example) => example.type))].filter(
      (type) => !(type in OURS),
    );
    expect(missing).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(120);
  });

  it.each(examples.map((example) => [`${example.type}/${example.name}`, example] as const))(
    'parse with our schema: %s',
    (_name, { type, value }) => {
      const parsed = OURS[type]!.safeParse(value);
      expect(parsed.success ? '' : formatIssues(parsed.error)).toBe('');
    },
  );

  it('still validate against schema.json once read by us', () => {
    const spec = specSchema('2026-07-28');
    let checked = 0;
    for (const { type, name, value } of examples) {
      if (!spec.names.has(type) || spec.errors(type, value).length > 0) continue;
      expect(spec.errors(type, OURS[type]!.parse(value)), `${type}/${name}`).toEqual([]);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(100);
  }, 60_000);
});
