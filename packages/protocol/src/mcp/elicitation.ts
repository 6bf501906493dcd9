import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { resultBase } from './fields.js';
import { NotificationParamsSchema } from './params.js';
import { TaskMetadataSchema } from './task-metadata.js';

const describedField = {
  title: z.string().optional(),
  description: z.string().optional(),
};

/** A text field, optionally with a format and a default (SEP-1034). */
export const StringFieldSchema = z.looseObject({
  type: z.literal('string'),
  ...describedField,
  minLength: z.number().int().optional(),
  maxLength: z.number().int().optional(),
  format: z.enum(['email', 'uri', 'date', 'date-time']).optional(),
  default: z.string().optional(),
});
/** A text field. */
export type StringField = z.infer<typeof StringFieldSchema>;

/** A number or integer field. */
export const NumberFieldSchema = z.looseObject({
  type: z.enum(['number', 'integer']),
  ...describedField,
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  default: z.number().optional(),
});
/** A number field. */
export type NumberField = z.infer<typeof NumberFieldSchema>;

/** A yes/no field. */
export const BooleanFieldSchema = z.looseObject({
  type: z.literal('boolean'),
  ...describedField,
  default: z.boolean().optional(),
});
/** A yes/no field. */
export type BooleanField = z.infer<typeof BooleanFieldSchema>;

const titledOption = z.looseObject({ const: z.string(), title: z.string() });

/**
 * A single choice (SEP-1330): `enum` alone (untitled), `oneOf` of `{ const, title }`
 * (titled), or the legacy `enum` with `enumNames` of 2025-06-18.
 */
export const SingleSelectEnumFieldSchema = z.union([
  z.looseObject({
    type: z.literal('string'),
    ...describedField,
    enum: z.array(z.string()),
    enumNames: z.array(z.string()).optional(),
    default: z.string().optional(),
  }),
  z.looseObject({
    type: z.literal('string'),
    ...describedField,
    oneOf: z.array(titledOption),
    default: z.string().optional(),
  }),
]);
/** A single-choice field. */
export type SingleSelectEnumField = z.infer<typeof SingleSelectEnumFieldSchema>;

/** A multiple choice (SEP-1330): an array of `enum` strings or of `anyOf` titled options. */
export const MultiSelectEnumFieldSchema = z.looseObject({
  type: z.literal('array'),
  ...describedField,
  minItems: z.number().int().optional(),
  maxItems: z.number().int().optional(),
  items: z.union([
    z.looseObject({ type: z.literal('string'), enum: z.array(z.string()) }),
    z.looseObject({ anyOf: z.array(titledOption) }),
  ]),
  default: z.array(z.string()).optional(),
});
/** A multiple-choice field. */
export type MultiSelectEnumField = z.infer<typeof MultiSelectEnumFieldSchema>;

/**
 * The subset of JSON Schema a form may use for one field: flat primitives and enums, so
 * every client can render it. (The specification calls it `PrimitiveSchemaDefinition`.)
 */
export const PrimitiveSchemaDefinitionSchema = z.union([
  SingleSelectEnumFieldSchema,
  StringFieldSchema,
  NumberFieldSchema,
  BooleanFieldSchema,
  MultiSelectEnumFieldSchema,
]);
/** One form field's schema. */
export type PrimitiveSchemaDefinition = z.infer<typeof PrimitiveSchemaDefinitionSchema>;

/** The schema of an elicitation form: a flat object of primitive fields. */
export const ElicitationFormSchemaSchema = z.looseObject({
  $schema: z.string().optional(),
  type: z.literal('object'),
  properties: z.record(z.string(), PrimitiveSchemaDefinitionSchema),
  required: z.array(z.string()).optional(),
});
/** The schema of an elicitation form. */
export type ElicitationFormSchema = z.infer<typeof ElicitationFormSchemaSchema>;

/** Form mode (the default when `mode` is absent): the client shows a form. */
export const ElicitRequestFormParamsSchema = RequestParamsSchema.extend({
  mode: z.literal('form').optional(),
  message: z.string(),
  requestedSchema: ElicitationFormSchemaSchema,
  task: TaskMetadataSchema.optional(),
});
/** Form-mode elicitation params. */
export type ElicitRequestFormParams = z.infer<typeof ElicitRequestFormParamsSchema>;

/**
 * URL mode (2025-11-25+): the client sends the user to `url` (for secrets and payments that
 * must not pass through the client). 2025-11-25 requires `elicitationId`; 2026-07-28 drops it.
 */
export const ElicitRequestURLParamsSchema = RequestParamsSchema.extend({
  mode: z.literal('url'),
  message: z.string(),
  url: z.string(),
  elicitationId: z.string().optional(),
  task: TaskMetadataSchema.optional(),
});
/** URL-mode elicitation params. */
export type ElicitRequestURLParams = z.infer<typeof ElicitRequestURLParamsSchema>;

/** The params of `elicitation/create`: form or URL mode. */
export const ElicitRequestParamsSchema = z.union([
  ElicitRequestURLParamsSchema,
  ElicitRequestFormParamsSchema,
]);
/** The params of `elicitation/create`. */
export type ElicitRequestParams = z.infer<typeof ElicitRequestParamsSchema>;

/** `elicitation/create`: the server asks the user something through the client. */
export const ElicitRequestSchema = z.looseObject({
  method: z.literal('elicitation/create'),
  params: ElicitRequestParamsSchema,
});
/** `elicitation/create` request. */
export type ElicitRequest = z.infer<typeof ElicitRequestSchema>;

/** The user's answer: accepted (with `content` in form mode), declined or cancelled. */
export const ElicitResultSchema = z.looseObject({
  action: z.enum(['accept', 'decline', 'cancel']),
  content: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]))
    .optional(),
  ...resultBase,
});
/** The user's answer to an elicitation. */
export type ElicitResult = z.infer<typeof ElicitResultSchema>;

/** 2025-11-25: the out-of-band interaction of a URL-mode elicitation is over. */
export const ElicitationCompleteNotificationSchema = z.looseObject({
  method: z.literal('notifications/elicitation/complete'),
  params: NotificationParamsSchema.extend({ elicitationId: z.string() }),
});
/** `notifications/elicitation/complete`. */
export type ElicitationCompleteNotification = z.infer<typeof ElicitationCompleteNotificationSchema>;

/** Whether `value` is `elicitation/create` params in URL mode. */
export const isElicitRequestURLParams = (value: unknown): value is ElicitRequestURLParams =>
  ElicitRequestURLParamsSchema.safeParse(value).success;
