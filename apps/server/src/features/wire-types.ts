import type {
  AudioContent,
  EmbeddedResource,
  ImageContent,
  ResourceLink,
  TextContent,
} from '@mcp-sse/protocol';

/*
 * Wire shapes of resources, prompts, completion and the client features, written from the
 * specification's schema.ts (2025-11-25 and 2026-07-28). They stay plain types here until
 * @mcp-sse/protocol carries the zod schemas for them; the server only builds these shapes,
 * it never parses them from clients (requests are checked field by field in the handlers).
 */

/** An icon a client may show next to a tool, resource, template or prompt. */
export interface Icon {
  /** An https: or data: URI. */
  src: string;
  mimeType?: string;
  /** Sizes such as "48x48", or "any" for scalable formats. */
  sizes?: string[];
  theme?: 'light' | 'dark';
  [key: string]: unknown;
}

/** Hints on a resource for its audience and importance. */
export interface ResourceAnnotations {
  audience?: Array<'user' | 'assistant'>;
  /** 0 (least) to 1 (most important). */
  priority?: number;
  /** ISO 8601 time of the last change. */
  lastModified?: string;
}

/** A resource as `resources/list` publishes it. */
export interface ResourceDescriptor {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: number;
  annotations?: ResourceAnnotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}

/** A resource template as `resources/templates/list` publishes it. */
export interface ResourceTemplateDescriptor {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  annotations?: ResourceAnnotations;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}

/** Text contents of a resource. */
export interface TextResourceContents {
  uri: string;
  mimeType?: string;
  text: string;
  _meta?: Record<string, unknown>;
}

/** Binary contents of a resource, base64. */
export interface BlobResourceContents {
  uri: string;
  mimeType?: string;
  blob: string;
  _meta?: Record<string, unknown>;
}

/** One entry of a `resources/read` result. */
export type ResourceContents = TextResourceContents | BlobResourceContents;

/** One argument of a prompt as `prompts/list` publishes it. */
export interface PromptArgumentDescriptor {
  name: string;
  title?: string;
  description?: string;
  required?: boolean;
}

/** A prompt as `prompts/list` publishes it. */
export interface PromptDescriptor {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgumentDescriptor[];
  icons?: Icon[];
  _meta?: Record<string, unknown>;
}

/** What a prompt message may hold. */
export type PromptContent =
  | TextContent
  | ImageContent
  | AudioContent
  | ResourceLink
  | EmbeddedResource;

/** One message of a `prompts/get` result. */
export interface PromptMessage {
  role: 'user' | 'assistant';
  content: PromptContent;
}

/** The `prompts/get` result. */
export interface GetPromptResult {
  description?: string;
  messages: PromptMessage[];
  _meta?: Record<string, unknown>;
}

/** The `completion` member of a `completion/complete` result. */
export interface Completion {
  /** At most 100 values. */
  values: string[];
  total?: number;
  hasMore?: boolean;
}

/** A root the client exposes (`roots/list`). */
export interface Root {
  uri: string;
  name?: string;
  _meta?: Record<string, unknown>;
}

/** The `roots/list` result. */
export interface ListRootsResult {
  roots: Root[];
}

/** A message of a `sampling/createMessage` request. */
export interface SamplingMessage {
  role: 'user' | 'assistant';
  content: TextContent | ImageContent | AudioContent | Record<string, unknown>;
}

/** `sampling/createMessage` params. */
export interface CreateMessageParams {
  messages: SamplingMessage[];
  maxTokens: number;
  systemPrompt?: string;
  includeContext?: 'none' | 'thisServer' | 'allServers';
  temperature?: number;
  stopSequences?: string[];
  modelPreferences?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Tools the model may call (2025-11-25); needs the client's `sampling.tools`. */
  tools?: unknown[];
  toolChoice?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The `sampling/createMessage` result. */
export interface CreateMessageResult {
  role: 'user' | 'assistant';
  content: TextContent | ImageContent | AudioContent | Record<string, unknown>;
  model: string;
  stopReason?: string;
  [key: string]: unknown;
}

/** `elicitation/create` params: a form (a flat object schema of primitives) or a URL. */
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
  | { mode: 'url'; message: string; url: string; elicitationId: string; [key: string]: unknown };

/** The `elicitation/create` result. */
export interface ElicitResult {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, string | number | boolean | string[]>;
  [key: string]: unknown;
}
