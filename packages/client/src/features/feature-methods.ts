import {
  type CompleteResult,
  CompleteResultSchema,
  type GetPromptResult,
  GetPromptResultSchema,
  ListPromptsResultSchema,
  ListResourcesResultSchema,
  ListResourceTemplatesResultSchema,
  type Prompt,
  parseWith,
  type ReadResourceResult,
  ReadResourceResultSchema,
  type Resource,
  type ResourceTemplate,
} from '@mcp-sse/protocol';
import type { z } from 'zod';
import { McpSseClientError } from '../errors.js';
import type { RequestOptions } from '../session/request-options.js';
import { type Caller, collectPages } from './pages.js';

/** Options of the listing methods. */
export type ListOptions = Pick<RequestOptions, 'signal' | 'timeout'>;

/** What `completion/complete` completes: a prompt's or a resource template's argument. */
export type CompletionRef =
  | { type: 'ref/prompt'; name: string }
  | { type: 'ref/resource'; uri: string };

/** The log levels of `logging/setLevel`, least severe first. */
export type LoggingLevel =
  | 'debug'
  | 'info'
  | 'notice'
  | 'warning'
  | 'error'
  | 'critical'
  | 'alert'
  | 'emergency';

function parsed<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.infer<S> {
  const result = parseWith(schema, raw, what);
  if (!result.ok)
    throw new McpSseClientError('protocol_error', result.error.message, { data: raw });
  return result.value as z.infer<S>;
}

/**
 * The server features beside tools: resources, prompts, completion and logging, each a
 * thin typed call that validates the answer. Lists follow every page.
 */
export class FeatureMethods {
  constructor(private readonly call: Caller) {}

  /** Every resource (`resources/list`, all pages). */
  async listResources(options: ListOptions = {}): Promise<Resource[]> {
    return (await collectPages(
      this.call,
      'resources/list',
      'resources',
      ListResourcesResultSchema,
      options,
    )) as Resource[];
  }

  /** Every resource template (`resources/templates/list`, all pages). */
  async listResourceTemplates(options: ListOptions = {}): Promise<ResourceTemplate[]> {
    return (await collectPages(
      this.call,
      'resources/templates/list',
      'resourceTemplates',
      ListResourceTemplatesResultSchema,
      options,
    )) as ResourceTemplate[];
  }

  /** The contents at `uri` (`resources/read`). */
  async readResource(uri: string, options: RequestOptions = {}): Promise<ReadResourceResult> {
    const raw = await this.call('resources/read', { uri }, { idempotent: true, ...options });
    return parsed(ReadResourceResultSchema, raw, 'resources/read result');
  }

  /** Asks for `notifications/resources/updated` when `uri` changes (`resources/subscribe`). */
  async subscribeResource(uri: string, options: ListOptions = {}): Promise<void> {
    await this.call('resources/subscribe', { uri }, { ...options, idempotent: true });
  }

  /** Stops the updates of `uri` (`resources/unsubscribe`). */
  async unsubscribeResource(uri: string, options: ListOptions = {}): Promise<void> {
    await this.call('resources/unsubscribe', { uri }, { ...options, idempotent: true });
  }

  /** Every prompt (`prompts/list`, all pages). */
  async listPrompts(options: ListOptions = {}): Promise<Prompt[]> {
    return (await collectPages(
      this.call,
      'prompts/list',
      'prompts',
      ListPromptsResultSchema,
      options,
    )) as Prompt[];
  }

  /** The prompt `name` filled in with `args` (`prompts/get`). */
  async getPrompt(
    name: string,
    args: Record<string, string> = {},
    options: RequestOptions = {},
  ): Promise<GetPromptResult> {
    const raw = await this.call(
      'prompts/get',
      { name, arguments: args },
      { idempotent: true, ...options },
    );
    return parsed(GetPromptResultSchema, raw, 'prompts/get result');
  }

  /** Suggestions for one argument (`completion/complete`). */
  async complete(
    ref: CompletionRef,
    argument: { name: string; value: string },
    context: Record<string, string> = {},
    options: ListOptions = {},
  ): Promise<CompleteResult['completion']> {
    const params: Record<string, unknown> = { ref, argument };
    if (Object.keys(context).length > 0) params.context = { arguments: context };
    const raw = await this.call('completion/complete', params, { ...options, idempotent: true });
    return parsed(CompleteResultSchema, raw, 'completion/complete result').completion;
  }

  /** The least severe log level the server should send (`logging/setLevel`). */
  async setLoggingLevel(level: LoggingLevel, options: ListOptions = {}): Promise<void> {
    await this.call('logging/setLevel', { level }, { ...options, idempotent: true });
  }
}
