import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { RoleSchema } from './common.js';
import { ContentBlockSchema } from './content.js';
import { cacheFields, iconsField, paginatedResultFields, resultBase } from './fields.js';
import { inputResponseFields } from './input-required-fields.js';
import { NotificationParamsSchema, PaginatedRequestParamsSchema } from './params.js';

/** One argument a prompt takes; prompt arguments are strings. */
export const PromptArgumentSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  required: z.boolean().optional(),
});
/** One argument a prompt takes. */
export type PromptArgument = z.infer<typeof PromptArgumentSchema>;

/** A prompt (template) a server offers. */
export const PromptSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  arguments: z.array(PromptArgumentSchema).optional(),
  ...iconsField,
  _meta: z.looseObject({}).optional(),
});
/** A prompt a server offers. */
export type Prompt = z.infer<typeof PromptSchema>;

/** One message of a prompt: a role and one content block. */
export const PromptMessageSchema = z.looseObject({
  role: RoleSchema,
  content: ContentBlockSchema,
});
/** One message of a prompt. */
export type PromptMessage = z.infer<typeof PromptMessageSchema>;

/** `prompts/list`, paged. */
export const ListPromptsRequestSchema = z.looseObject({
  method: z.literal('prompts/list'),
  params: PaginatedRequestParamsSchema.optional(),
});
/** `prompts/list` request. */
export type ListPromptsRequest = z.infer<typeof ListPromptsRequestSchema>;

/** One page of prompts. */
export const ListPromptsResultSchema = z.looseObject({
  prompts: z.array(PromptSchema),
  ...paginatedResultFields,
  ...cacheFields,
});
/** One page of prompts. */
export type ListPromptsResult = z.infer<typeof ListPromptsResultSchema>;

/** `prompts/get`: the prompt `name` filled in with `arguments`. */
export const GetPromptRequestSchema = z.looseObject({
  method: z.literal('prompts/get'),
  params: RequestParamsSchema.extend({
    name: z.string(),
    arguments: z.record(z.string(), z.string()).optional(),
    ...inputResponseFields,
  }),
});
/** `prompts/get` request. */
export type GetPromptRequest = z.infer<typeof GetPromptRequestSchema>;

/** A filled-in prompt. */
export const GetPromptResultSchema = z.looseObject({
  description: z.string().optional(),
  messages: z.array(PromptMessageSchema),
  ...resultBase,
});
/** A filled-in prompt. */
export type GetPromptResult = z.infer<typeof GetPromptResultSchema>;

/** The list of prompts changed (servers that declared `prompts.listChanged`). */
export const PromptListChangedNotificationSchema = z.looseObject({
  method: z.literal('notifications/prompts/list_changed'),
  params: NotificationParamsSchema.optional(),
});
/** `notifications/prompts/list_changed`. */
export type PromptListChangedNotification = z.infer<typeof PromptListChangedNotificationSchema>;

/** Whether `value` is a prompt definition. */
export const isPrompt = (value: unknown): value is Prompt => PromptSchema.safeParse(value).success;
