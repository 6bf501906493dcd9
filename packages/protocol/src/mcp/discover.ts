import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { ServerCapabilitiesSchema } from './capabilities.js';
import { cacheFields, resultBase } from './fields.js';

/**
 * `server/discover` (2026-07-28): what `initialize` used to tell, asked whenever the client
 * likes; every 2026-07-28 server must answer it.
 */
export const DiscoverRequestSchema = z.looseObject({
  method: z.literal('server/discover'),
  params: RequestParamsSchema.optional(),
});
/** `server/discover` request. */
export type DiscoverRequest = z.infer<typeof DiscoverRequestSchema>;

/** The server's revisions, capabilities and instructions (server info is in `_meta`). */
export const DiscoverResultSchema = z.looseObject({
  supportedVersions: z.array(z.string()),
  capabilities: ServerCapabilitiesSchema,
  instructions: z.string().optional(),
  ...resultBase,
  ...cacheFields,
});
/** The answer to `server/discover`. */
export type DiscoverResult = z.infer<typeof DiscoverResultSchema>;

/** Whether `value` is a `server/discover` result. */
export const isDiscoverResult = (value: unknown): value is DiscoverResult =>
  DiscoverResultSchema.safeParse(value).success;
