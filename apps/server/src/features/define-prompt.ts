import { z } from 'zod';
import type { ToolContext } from '../tools/tool-context.js';
import type { Completer } from './completer.js';
import { FeatureError } from './feature-error.js';
import type {
  GetPromptResult,
  Icon,
  PromptArgumentDescriptor,
  PromptDescriptor,
  PromptMessage,
} from './wire-types.js';

/** What a prompt's `get` may return: one user text message, a message list, or a full result. */
export type PromptReturn = string | PromptMessage[] | GetPromptResult;

/** A prompt as its author writes it. */
export interface PromptDefinition<A extends z.ZodObject = z.ZodObject> {
  /** Unique name clients get it by. */
  name: string;
  title?: string;
  description?: string;
  icons?: Icon[];
  _meta?: Record<string, unknown>;
  /**
   * The arguments: a z.object whose fields take strings (MCP prompt arguments are strings);
   * `.describe()` texts are published, `.optional()` fields are not required.
   */
  arguments?: A;
  /** Completion of each argument for `completion/complete` (`ref/prompt`). */
  complete?: Record<string, Completer>;
  /** Builds the messages from validated arguments. */
  get: (args: z.output<A>, ctx: ToolContext) => PromptReturn | Promise<PromptReturn>;
}

/** A prompt ready to register. */
export interface DefinedPrompt {
  readonly kind: 'prompt';
  readonly name: string;
  /** What `prompts/list` publishes. */
  readonly descriptor: PromptDescriptor;
  /** Zod schema of the arguments. */
  readonly arguments: z.ZodObject;
  /** Completers by argument name. */
  readonly complete: Readonly<Record<string, Completer>>;
  /** Builds the result from already validated arguments. */
  readonly get: (args: unknown, ctx: ToolContext) => Promise<GetPromptResult>;
}

const NAME = /^[A-Za-z0-9_.-]{1,128}$/;

function describeArguments(name: string, schema: z.ZodObject): PromptArgumentDescriptor[] {
  let json: {
    properties?: Record<string, { description?: string; title?: string }>;
    required?: string[];
  };
  try {
    json = z.toJSONSchema(schema, { io: 'input' }) as typeof json;
  } catch (cause) {
    throw new FeatureError(
      'invalid_prompt',
      `Prompt ${name}: its arguments have no JSON Schema form`,
      {
        cause,
      },
    );
  }
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([arg, property]) => ({
    name: arg,
    ...(property.title === undefined ? {} : { title: property.title }),
    ...(property.description === undefined ? {} : { description: property.description }),
    required: required.has(arg),
  }));
}

/** Normalises what `get` returned. */
export function toGetPromptResult(value: PromptReturn): GetPromptResult {
  if (typeof value === 'string') {
    return { messages: [{ role: 'user', content: { type: 'text', text: value } }] };
  }
  if (Array.isArray(value)) return { messages: value };
  return value;
}

/** Defines a prompt; its arguments are published from the zod schema and validated on `prompts/get`. */
export function definePrompt<A extends z.ZodObject = z.ZodObject>(
  definition: PromptDefinition<A>,
): DefinedPrompt {
  const { name, arguments: args, complete = {}, get, ...rest } = definition;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new FeatureError(
      'invalid_prompt',
      `Invalid prompt name ${JSON.stringify(name)}: use 1-128 letters, digits, "_", "-" or "."`,
    );
  }
  if (typeof get !== 'function') {
    throw new FeatureError('invalid_prompt', `Prompt ${name}: get must be a function`);
  }
  if (args !== undefined && !(args instanceof z.ZodObject)) {
    throw new FeatureError('invalid_prompt', `Prompt ${name}: arguments must be a z.object(...)`);
  }
  const schema = args ?? z.object({});
  const described = describeArguments(name, schema);
  for (const arg of Object.keys(complete)) {
    if (!described.some((item) => item.name === arg)) {
      throw new FeatureError('invalid_prompt', `Prompt ${name}: complete.${arg} names no argument`);
    }
  }
  return {
    kind: 'prompt',
    name,
    descriptor: { name, ...rest, ...(described.length === 0 ? {} : { arguments: described }) },
    arguments: schema,
    complete,
    get: async (values, ctx) => toGetPromptResult(await get(values as z.output<A>, ctx)),
  };
}
