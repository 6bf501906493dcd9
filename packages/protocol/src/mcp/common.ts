import { z } from 'zod';

/** Name and version of an MCP client or server implementation. */
export const ImplementationSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  title: z.string().optional(),
  websiteUrl: z.string().optional(),
});
/** Name and version of an MCP client or server implementation. */
export type Implementation = z.infer<typeof ImplementationSchema>;

/** A result with nothing in it, as `ping` and `logging/setLevel` answer. */
export const EmptyResultSchema = z.looseObject({
  _meta: z.looseObject({}).optional(),
});
/** A result with nothing in it. */
export type EmptyResult = z.infer<typeof EmptyResultSchema>;

/** `params._meta` of a notification or result. */
export const MetaSchema = z.looseObject({});
