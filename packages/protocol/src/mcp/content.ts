import { z } from 'zod';
import { RoleSchema } from './common.js';
import { iconsField } from './fields.js';

/**
 * Optional hints on a content block or resource for its audience, importance and age
 * (`lastModified`, ISO 8601, since 2025-06-18).
 */
export const ContentAnnotationsSchema = z.looseObject({
  audience: z.array(RoleSchema).optional(),
  priority: z.number().min(0).max(1).optional(),
  lastModified: z.string().optional(),
});
/** Hints on a content block or resource. */
export type ContentAnnotations = z.infer<typeof ContentAnnotationsSchema>;
/** The specification's name for {@link ContentAnnotationsSchema}. */
export const AnnotationsSchema = ContentAnnotationsSchema;
/** The specification's name for {@link ContentAnnotations}. */
export type Annotations = ContentAnnotations;

/**
 * Base64 payloads are carried as strings and not checked here: peers send padded,
 * unpadded, URL-safe and line-wrapped variants, and the specification's own examples use
 * placeholders. Decode where the bytes are needed.
 */
const Base64Schema = z.string();

const base = {
  annotations: ContentAnnotationsSchema.optional(),
  _meta: z.looseObject({}).optional(),
};

/** Plain text. */
export const TextContentSchema = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  ...base,
});
/** Plain text. */
export type TextContent = z.infer<typeof TextContentSchema>;

/** An image, base64-encoded. */
export const ImageContentSchema = z.looseObject({
  type: z.literal('image'),
  data: Base64Schema,
  mimeType: z.string(),
  ...base,
});
/** An image, base64-encoded. */
export type ImageContent = z.infer<typeof ImageContentSchema>;

/** Audio, base64-encoded. */
export const AudioContentSchema = z.looseObject({
  type: z.literal('audio'),
  data: Base64Schema,
  mimeType: z.string(),
  ...base,
});
/** Audio, base64-encoded. */
export type AudioContent = z.infer<typeof AudioContentSchema>;

/** A link to a resource the client may read itself. */
export const ResourceLinkSchema = z.looseObject({
  type: z.literal('resource_link'),
  uri: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  ...iconsField,
  ...base,
});
/** A link to a resource. */
export type ResourceLink = z.infer<typeof ResourceLinkSchema>;

/** Text contents of a resource. */
export const TextResourceContentsSchema = z.looseObject({
  uri: z.string(),
  mimeType: z.string().optional(),
  text: z.string(),
  _meta: z.looseObject({}).optional(),
});
/** Text contents of a resource. */
export type TextResourceContents = z.infer<typeof TextResourceContentsSchema>;

/** Binary contents of a resource, base64-encoded. */
export const BlobResourceContentsSchema = z.looseObject({
  uri: z.string(),
  mimeType: z.string().optional(),
  blob: Base64Schema,
  _meta: z.looseObject({}).optional(),
});
/** Binary contents of a resource, base64-encoded. */
export type BlobResourceContents = z.infer<typeof BlobResourceContentsSchema>;

/** A resource's contents: text or a blob. */
export const ResourceContentsSchema = z.union([
  TextResourceContentsSchema,
  BlobResourceContentsSchema,
]);
/** A resource's contents: text or a blob. */
export type ResourceContents = z.infer<typeof ResourceContentsSchema>;

/** A resource's contents carried inline. */
export const EmbeddedResourceSchema = z.looseObject({
  type: z.literal('resource'),
  resource: ResourceContentsSchema,
  ...base,
});
/** A resource's contents carried inline. */
export type EmbeddedResource = z.infer<typeof EmbeddedResourceSchema>;

/** Any content block a tool result can hold. */
export const ContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ResourceLinkSchema,
  EmbeddedResourceSchema,
]);
/** Any content block a tool result can hold. */
export type ContentBlock = z.infer<typeof ContentBlockSchema>;

/** Sampling with tools (2025-11-25+): the model asks to call a tool. */
export const ToolUseContentSchema = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
  _meta: z.looseObject({}).optional(),
});
/** The model asks to call a tool. */
export type ToolUseContent = z.infer<typeof ToolUseContentSchema>;

/** Sampling with tools (2025-11-25+): the result of a tool the model asked to call. */
export const ToolResultContentSchema = z.looseObject({
  type: z.literal('tool_result'),
  toolUseId: z.string(),
  content: z.array(ContentBlockSchema),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
  _meta: z.looseObject({}).optional(),
});
/** The result of a tool the model asked to call. */
export type ToolResultContent = z.infer<typeof ToolResultContentSchema>;

/** Any block a sampling message can hold: text, image, audio, tool use or tool result. */
export const SamplingMessageContentBlockSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  AudioContentSchema,
  ToolUseContentSchema,
  ToolResultContentSchema,
]);
/** Any block a sampling message can hold. */
export type SamplingMessageContentBlock = z.infer<typeof SamplingMessageContentBlockSchema>;
