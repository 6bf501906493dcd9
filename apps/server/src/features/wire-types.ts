import type {
  BlobResourceContents,
  CompleteResult,
  ContentAnnotations,
  CreateMessageRequestParams,
  CreateMessageResult,
  ElicitRequestParams,
  ElicitResult,
  GetPromptResult,
  Icon,
  ListRootsResult,
  Prompt,
  PromptArgument,
  PromptMessage,
  Resource,
  ResourceContents,
  ResourceTemplate,
  Root,
  SamplingMessage,
  TextResourceContents,
} from '@mcp-sse/protocol';

/*
 * The wire shapes the server features build and hand to handlers, under the names the
 * server's API uses. They are the @mcp-sse/protocol types (zod schemas of the
 * specification's schema.ts), so what the server sends is what the protocol package parses.
 */

export type {
  BlobResourceContents,
  CreateMessageResult,
  ElicitResult,
  GetPromptResult,
  Icon,
  ListRootsResult,
  PromptMessage,
  ResourceContents,
  Root,
  SamplingMessage,
  TextResourceContents,
};

/** Hints on a resource for its audience and importance. */
export type ResourceAnnotations = ContentAnnotations;

/** A resource as `resources/list` publishes it. */
export type ResourceDescriptor = Resource;

/** A resource template as `resources/templates/list` publishes it. */
export type ResourceTemplateDescriptor = ResourceTemplate;

/** One argument of a prompt as `prompts/list` publishes it. */
export type PromptArgumentDescriptor = PromptArgument;

/** A prompt as `prompts/list` publishes it. */
export type PromptDescriptor = Prompt;

/** What a prompt message may hold. */
export type PromptContent = PromptMessage['content'];

/** The `completion` member of a `completion/complete` result. */
export type Completion = CompleteResult['completion'];

/** `sampling/createMessage` params. */
export type CreateMessageParams = CreateMessageRequestParams;

/**
 * `elicitation/create` params: a form (a flat object schema of primitives) or a URL. Looser
 * than the protocol's {@link ElicitRequestParams} on purpose: a schema kept in a variable
 * (`{ type: string }` after widening) is accepted, and the client checks the subset.
 */
export type ElicitParams =
  | {
      mode?: 'form';
      message: string;
      requestedSchema: {
        type: 'object';
        properties: Record<string, Record<string, unknown>>;
        required?: string[];
      };
      [key: string]: unknown;
    }
  | ElicitRequestParams;
