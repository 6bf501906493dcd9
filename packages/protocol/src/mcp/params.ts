import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { CursorSchema } from './common.js';

/** Notification params: an object with an optional `_meta`; other members pass through. */
export const NotificationParamsSchema = z.looseObject({
  _meta: z.looseObject({}).optional(),
});
/** Notification params. */
export type NotificationParams = z.infer<typeof NotificationParamsSchema>;

/** Params of a paged list request: the `nextCursor` of the previous page, if any. */
export const PaginatedRequestParamsSchema = RequestParamsSchema.extend({
  cursor: CursorSchema.optional(),
});
/** Params of a paged list request. */
export type PaginatedRequestParams = z.infer<typeof PaginatedRequestParamsSchema>;
