import { z } from 'zod';
import { ProgressTokenSchema, RequestIdSchema } from '../jsonrpc.js';
import { ClientCapabilitiesSchema } from './capabilities.js';
import { ImplementationSchema } from './common.js';
import { LoggingLevelSchema } from './logging.js';
import { MetaKey } from './meta-keys.js';

/**
 * `params._meta` of a 2026-07-28 request: every request says which revision it is written
 * in and what the client can do, since there is no `initialize` to say it once.
 */
export const StatelessRequestMetaSchema = z.looseObject({
  [MetaKey.ProgressToken]: ProgressTokenSchema.optional(),
  [MetaKey.ProtocolVersion]: z.string(),
  [MetaKey.ClientCapabilities]: ClientCapabilitiesSchema,
  [MetaKey.ClientInfo]: ImplementationSchema.optional(),
  [MetaKey.LogLevel]: LoggingLevelSchema.optional(),
});
/** `params._meta` of a 2026-07-28 request. */
export type StatelessRequestMeta = z.infer<typeof StatelessRequestMetaSchema>;

/** `_meta` of a result: 2026-07-28 servers should name themselves in it. */
export const ResultMetaSchema = z.looseObject({
  [MetaKey.ServerInfo]: ImplementationSchema.optional(),
});
/** `_meta` of a result. */
export type ResultMeta = z.infer<typeof ResultMetaSchema>;

/** `_meta` of a notification: 2026-07-28 ties notifications to a `subscriptions/listen`. */
export const NotificationMetaSchema = z.looseObject({
  [MetaKey.SubscriptionId]: RequestIdSchema.optional(),
});
/** `_meta` of a notification. */
export type NotificationMeta = z.infer<typeof NotificationMetaSchema>;

/** Whether `value` is a valid 2026-07-28 request `_meta` (protocol version and capabilities). */
export const isStatelessRequestMeta = (value: unknown): value is StatelessRequestMeta =>
  StatelessRequestMetaSchema.safeParse(value).success;
