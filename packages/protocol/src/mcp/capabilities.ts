import { z } from 'zod';

const object = z.looseObject({});
const objectMap = z.record(z.string(), object);

/**
 * Experimental tasks of 2025-11-25 as a client declares them: which of its own requests
 * (sampling, elicitation) the server may run as tasks, and whether it lists and cancels them.
 */
const clientTasks = z.looseObject({
  list: object.optional(),
  cancel: object.optional(),
  requests: z
    .looseObject({
      sampling: z.looseObject({ createMessage: object.optional() }).optional(),
      elicitation: z.looseObject({ create: object.optional() }).optional(),
    })
    .optional(),
});

/** What a client can do; unknown members pass through for newer peers. */
export const ClientCapabilitiesSchema = z.looseObject({
  experimental: objectMap.optional(),
  roots: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  /** `context`: it honours `includeContext`; `tools`: it accepts `tools` (2025-11-25+). */
  sampling: z.looseObject({ context: object.optional(), tools: object.optional() }).optional(),
  /** An empty object means form mode only; `url` adds URL mode (2025-11-25+). */
  elicitation: z.looseObject({ form: object.optional(), url: object.optional() }).optional(),
  tasks: clientTasks.optional(),
  /** Extensions by id, such as `io.modelcontextprotocol/tasks` (2026-07-28). */
  extensions: objectMap.optional(),
});
/** What a client can do. */
export type ClientCapabilities = z.infer<typeof ClientCapabilitiesSchema>;

/** What a server offers; unknown members pass through for newer peers. */
export const ServerCapabilitiesSchema = z.looseObject({
  experimental: objectMap.optional(),
  logging: object.optional(),
  completions: object.optional(),
  prompts: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  resources: z
    .looseObject({ subscribe: z.boolean().optional(), listChanged: z.boolean().optional() })
    .optional(),
  tools: z.looseObject({ listChanged: z.boolean().optional() }).optional(),
  /** Experimental tasks of 2025-11-25: listing, cancelling, and `tools/call` as a task. */
  tasks: z
    .looseObject({
      list: object.optional(),
      cancel: object.optional(),
      requests: z
        .looseObject({ tools: z.looseObject({ call: object.optional() }).optional() })
        .optional(),
    })
    .optional(),
  /** Extensions by id, such as `io.modelcontextprotocol/tasks` (2026-07-28). */
  extensions: objectMap.optional(),
});
/** What a server offers. */
export type ServerCapabilities = z.infer<typeof ServerCapabilitiesSchema>;
