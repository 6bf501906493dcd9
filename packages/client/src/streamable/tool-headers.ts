import type { Tool } from '@mcp-sse/protocol';
import type { Logger } from '../logger.js';
import { type HeaderParam, headerParamsOf } from './x-mcp-header.js';

/**
 * The `x-mcp-header` arguments of the tools last listed (2026-07-28). A tool whose
 * annotations are invalid is dropped from the list with a warning, as the transport text
 * requires, so one malformed tool does not keep the others from being used.
 */
export class ToolHeaderRegistry {
  readonly #params = new Map<string, readonly HeaderParam[]>();

  constructor(private readonly logger: Logger) {}

  /** The tools that may be used; remembers the header arguments of each. */
  admit(tools: readonly Tool[]): Tool[] {
    const admitted: Tool[] = [];
    for (const tool of tools) {
      const result = headerParamsOf(tool);
      if (!result.ok) {
        this.logger.warn?.(`Ignoring tool ${JSON.stringify(tool.name)}: ${result.reason}`);
        continue;
      }
      if (result.params.length > 0) this.#params.set(tool.name, result.params);
      else this.#params.delete(tool.name);
      admitted.push(tool);
    }
    return admitted;
  }

  /** The header arguments of `tool`, if it has any. */
  get(tool: string): readonly HeaderParam[] | undefined {
    return this.#params.get(tool);
  }
}
