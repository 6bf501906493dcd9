import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ContentAnnotationsSchema, ResourceContentsSchema } from './content.js';
import { cacheFields, iconsField, paginatedResultFields, resultBase } from './fields.js';
import { inputResponseFields } from './input-required-fields.js';
import { NotificationParamsSchema, PaginatedRequestParamsSchema } from './params.js';

const described = {
  title: z.string().optional(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  annotations: ContentAnnotationsSchema.optional(),
  ...iconsField,
  _meta: z.looseObject({}).optional(),
};

/** A resource a server offers at a fixed URI. */
export const ResourceSchema = z.looseObject({
  uri: z.string(),
  name: z.string(),
  size: z.number().optional(),
  ...described,
});
/** A resource a server offers. */
export type Resource = z.infer<typeof ResourceSchema>;

/** A family of resources named by an RFC 6570 URI template. */
export const ResourceTemplateSchema = z.looseObject({
  uriTemplate: z.string(),
  name: z.string(),
  ...described,
});
/** A family of resources named by a URI template. */
export type ResourceTemplate = z.infer<typeof ResourceTemplateSchema>;

/** `resources/list`, paged. */
export const ListResourcesRequestSchema = z.looseObject({
  method: z.literal('resources/list'),
  params: PaginatedRequestParamsSchema.optional(),
});
/** `resources/list` request. */
export type ListResourcesRequest = z.infer<typeof ListResourcesRequestSchema>;

/** One page of resources. */
export const ListResourcesResultSchema = z.looseObject({
  resources: z.array(ResourceSchema),
  ...paginatedResultFields,
  ...cacheFields,
});
/** One page of resources. */
export type ListResourcesResult = z.infer<typeof ListResourcesResultSchema>;

/** `resources/templates/list`, paged. */
export const ListResourceTemplatesRequestSchema = z.looseObject({
  method: z.literal('resources/templates/list'),
  params: PaginatedRequestParamsSchema.optional(),
});
/** `resources/templates/list` request. */
export type ListResourceTemplatesRequest = z.infer<typeof ListResourceTemplatesRequestSchema>;

/** One page of resource templates. */
export const ListResourceTemplatesResultSchema = z.looseObject({
  resourceTemplates: z.array(ResourceTemplateSchema),
  ...paginatedResultFields,
  ...cacheFields,
});
/** One page of resource templates. */
export type ListResourceTemplatesResult = z.infer<typeof ListResourceTemplatesResultSchema>;

/** `resources/read`: the contents at `uri` (2026-07-28: may be retried with input responses). */
export const ReadResourceRequestSchema = z.looseObject({
  method: z.literal('resources/read'),
  params: RequestParamsSchema.extend({ uri: z.string(), ...inputResponseFields }),
});
/** `resources/read` request. */
export type ReadResourceRequest = z.infer<typeof ReadResourceRequestSchema>;

/** The contents of a resource: one or more parts (a directory may give several). */
export const ReadResourceResultSchema = z.looseObject({
  contents: z.array(ResourceContentsSchema),
  ...resultBase,
  ...cacheFields,
});
/** The contents of a resource. */
export type ReadResourceResult = z.infer<typeof ReadResourceResultSchema>;

/** `resources/subscribe` (2024-11-05 .. 2025-11-25): tell me when `uri` changes. */
export const SubscribeRequestSchema = z.looseObject({
  method: z.literal('resources/subscribe'),
  params: RequestParamsSchema.extend({ uri: z.string() }),
});
/** `resources/subscribe` request. */
export type SubscribeRequest = z.infer<typeof SubscribeRequestSchema>;

/** `resources/unsubscribe` (2024-11-05 .. 2025-11-25). */
export const UnsubscribeRequestSchema = z.looseObject({
  method: z.literal('resources/unsubscribe'),
  params: RequestParamsSchema.extend({ uri: z.string() }),
});
/** `resources/unsubscribe` request. */
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequestSchema>;

/** A subscribed resource changed; the client may read it again. */
export const ResourceUpdatedNotificationSchema = z.looseObject({
  method: z.literal('notifications/resources/updated'),
  params: NotificationParamsSchema.extend({ uri: z.string() }),
});
/** `notifications/resources/updated`. */
export type ResourceUpdatedNotification = z.infer<typeof ResourceUpdatedNotificationSchema>;

/** The list of resources changed (servers that declared `resources.listChanged`). */
export const ResourceListChangedNotificationSchema = z.looseObject({
  method: z.literal('notifications/resources/list_changed'),
  params: NotificationParamsSchema.optional(),
});
/** `notifications/resources/list_changed`. */
export type ResourceListChangedNotification = z.infer<typeof ResourceListChangedNotificationSchema>;

/** Whether `value` is a resource definition. */
export const isResource = (value: unknown): value is Resource =>
  ResourceSchema.safeParse(value).success;

/** Whether `value` is a `resources/read` result. */
export const isReadResourceResult = (value: unknown): value is ReadResourceResult =>
  ReadResourceResultSchema.safeParse(value).success;
