import { z } from 'zod';

/** An icon a client may show for an implementation, tool, prompt or resource. */
export const IconSchema = z.looseObject({
  src: z.string(),
  mimeType: z.string().optional(),
  sizes: z.array(z.string()).optional(),
  theme: z.enum(['light', 'dark']).optional(),
});
/** An icon a client may show. */
export type Icon = z.infer<typeof IconSchema>;

/** The `icons` member shared by everything a client may show. */
const icons = { icons: z.array(IconSchema).optional() };

/**
 * The members every named thing shares: a programmatic `name` and a human `title`
 * (2025-06-18 and later), plus optional icons (2025-11-25 and later).
 */
export const BaseMetadataSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
});
/** `name` and `title`. */
export type BaseMetadata = z.infer<typeof BaseMetadataSchema>;

/** Name and version of an MCP client or server implementation. */
export const ImplementationSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  websiteUrl: z.string().optional(),
  ...icons,
});
/** Name and version of an MCP client or server implementation. */
export type Implementation = z.infer<typeof ImplementationSchema>;

/** `_meta` of a result, a notification or a named thing: any object. */
export const MetaSchema = z.looseObject({});
/** `_meta` of a result, a notification or a named thing. */
export type Meta = z.infer<typeof MetaSchema>;

/**
 * How a result is to be read (2026-07-28): `complete` is the final answer, `input_required`
 * asks the client for input first (see `InputRequiredResultSchema`), the tasks extension adds
 * `task`. Any other string passes, for newer peers.
 */
export const ResultTypeSchema = z.union([
  z.literal('complete'),
  z.literal('input_required'),
  z.literal('task'),
  z.string(),
]);
/** How a result is to be read (2026-07-28). */
export type ResultType = z.infer<typeof ResultTypeSchema>;

/** An opaque pagination cursor: only the server that issued it can read it. */
export const CursorSchema = z.string();
/** An opaque pagination cursor. */
export type Cursor = z.infer<typeof CursorSchema>;

/** Who a message or content is for. */
export const RoleSchema = z.enum(['user', 'assistant']);
/** Who a message or content is for. */
export type Role = z.infer<typeof RoleSchema>;
