import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { RoleSchema } from './common.js';
import { SamplingMessageContentBlockSchema } from './content.js';
import { resultBase } from './fields.js';
import { TaskMetadataSchema } from './task-metadata.js';
import { ToolSchema } from './tools.js';

/** One message of a sampling conversation: one block, or several (2025-11-25+). */
export const SamplingMessageSchema = z.looseObject({
  role: RoleSchema,
  content: z.union([SamplingMessageContentBlockSchema, z.array(SamplingMessageContentBlockSchema)]),
  _meta: z.looseObject({}).optional(),
});
/** One message of a sampling conversation. */
export type SamplingMessage = z.infer<typeof SamplingMessageSchema>;

/** A model name the server would like, matched by substring; the client decides. */
export const ModelHintSchema = z.looseObject({ name: z.string().optional() });
/** A model name hint. */
export type ModelHint = z.infer<typeof ModelHintSchema>;

/** What the server cares about when the client picks a model; priorities are 0 to 1. */
export const ModelPreferencesSchema = z.looseObject({
  hints: z.array(ModelHintSchema).optional(),
  costPriority: z.number().min(0).max(1).optional(),
  speedPriority: z.number().min(0).max(1).optional(),
  intelligencePriority: z.number().min(0).max(1).optional(),
});
/** The server's model preferences. */
export type ModelPreferences = z.infer<typeof ModelPreferencesSchema>;

/** Whether the model may, must or must not call the offered tools (2025-11-25+). */
export const ToolChoiceSchema = z.looseObject({
  mode: z.enum(['auto', 'required', 'none']).optional(),
});
/** Tool choice for sampling. */
export type ToolChoice = z.infer<typeof ToolChoiceSchema>;

/** The params of `sampling/createMessage`. */
export const CreateMessageRequestParamsSchema = RequestParamsSchema.extend({
  messages: z.array(SamplingMessageSchema),
  modelPreferences: ModelPreferencesSchema.optional(),
  systemPrompt: z.string().optional(),
  /** Soft-deprecated in 2025-11-25; only for clients that declared `sampling.context`. */
  includeContext: z.enum(['none', 'thisServer', 'allServers']).optional(),
  temperature: z.number().optional(),
  maxTokens: z.number(),
  stopSequences: z.array(z.string()).optional(),
  metadata: z.looseObject({}).optional(),
  /** Tools the model may call (2025-11-25+, clients that declared `sampling.tools`). */
  tools: z.array(ToolSchema).optional(),
  toolChoice: ToolChoiceSchema.optional(),
  task: TaskMetadataSchema.optional(),
});
/** The params of `sampling/createMessage`. */
export type CreateMessageRequestParams = z.infer<typeof CreateMessageRequestParamsSchema>;

/** `sampling/createMessage`: the server asks the client's model for a completion. */
export const CreateMessageRequestSchema = z.looseObject({
  method: z.literal('sampling/createMessage'),
  params: CreateMessageRequestParamsSchema,
});
/** `sampling/createMessage` request. */
export type CreateMessageRequest = z.infer<typeof CreateMessageRequestSchema>;

/** The model's answer, with the model that gave it and why it stopped. */
export const CreateMessageResultSchema = z.looseObject({
  role: RoleSchema,
  content: z.union([SamplingMessageContentBlockSchema, z.array(SamplingMessageContentBlockSchema)]),
  model: z.string(),
  stopReason: z
    .union([z.enum(['endTurn', 'stopSequence', 'maxTokens', 'toolUse']), z.string()])
    .optional(),
  ...resultBase,
});
/** The model's answer. */
export type CreateMessageResult = z.infer<typeof CreateMessageResultSchema>;
