import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { resultBase } from './fields.js';
import { NotificationParamsSchema } from './params.js';

/** A directory or file (a `file://` URI) the client lets the server work in. */
export const RootSchema = z.looseObject({
  uri: z.string(),
  name: z.string().optional(),
  _meta: z.looseObject({}).optional(),
});
/** A root the client exposes. */
export type Root = z.infer<typeof RootSchema>;

/** `roots/list`: the server asks the client for its roots. */
export const ListRootsRequestSchema = z.looseObject({
  method: z.literal('roots/list'),
  params: RequestParamsSchema.optional(),
});
/** `roots/list` request. */
export type ListRootsRequest = z.infer<typeof ListRootsRequestSchema>;

/** The client's roots. */
export const ListRootsResultSchema = z.looseObject({
  roots: z.array(RootSchema),
  ...resultBase,
});
/** The client's roots. */
export type ListRootsResult = z.infer<typeof ListRootsResultSchema>;

/** The client's roots changed (2024-11-05 .. 2025-11-25, clients with `roots.listChanged`). */
export const RootsListChangedNotificationSchema = z.looseObject({
  method: z.literal('notifications/roots/list_changed'),
  params: NotificationParamsSchema.optional(),
});
/** `notifications/roots/list_changed`. */
export type RootsListChangedNotification = z.infer<typeof RootsListChangedNotificationSchema>;
