import { z } from 'zod';

/** Optional hints on a content block for its audience and importance. */
export const ContentAnnotationsSchema = z.looseObject({
  audience: z.array(z.enum(['user', 'assistant'])).optional(),
  priority: z.number().min(0).max(1).optional(),
  lastModified: z.string().optional(),
});

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

/** Binary contents of a resource, base64-encoded. */
export const BlobResourceContentsSchema = z.looseObject({
  uri: z.string(),
  mimeType: z.string().optional(),
  blob: Base64Schema,
  _meta: z.looseObject({}).optional(),
});

/** A resource's contents carried inline. */
export const EmbeddedResourceSchema = z.looseObject({
  type: z.literal('resource'),
  resource: z.union([TextResourceContentsSchema, BlobResourceContentsSchema]),
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
