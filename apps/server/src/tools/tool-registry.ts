import type { Tool } from '@mcp-sse/protocol';
import { McpServerError } from '../errors/mcp-server-error.js';
import type { DefinedTool } from './define-tool.js';

/**
 * The live set of tools. The published list and its JSON are cached and rebuilt only when
 * the set changes, so `tools/list` and the `tools` event cost no serialisation per call.
 */
export class ToolRegistry {
  readonly #tools = new Map<string, DefinedTool>();
  readonly #listeners = new Set<() => void>();
  #list: Tool[] | undefined;
  #json: string | undefined;

  constructor(tools: Iterable<DefinedTool> = []) {
    for (const tool of tools) this.#put(tool);
  }

  /** Adds a tool; throws `duplicate_tool` if the name is taken. Notifies listeners. */
  add(tool: DefinedTool): void {
    this.#put(tool);
    this.#changed();
  }

  /** Removes a tool by name; returns whether it existed. Notifies listeners when it did. */
  remove(name: string): boolean {
    const removed = this.#tools.delete(name);
    if (removed) this.#changed();
    return removed;
  }

  /** The tool called `name`, if registered. */
  get(name: string): DefinedTool | undefined {
    return this.#tools.get(name);
  }

  /** How many tools are registered. */
  get size(): number {
    return this.#tools.size;
  }

  /** The descriptors, in registration order (cached). */
  list(): readonly Tool[] {
    this.#list ??= [...this.#tools.values()].map((tool) => tool.descriptor);
    return this.#list;
  }

  /** `JSON.stringify(list())`, cached. */
  listJson(): string {
    this.#json ??= JSON.stringify(this.list());
    return this.#json;
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #put(tool: DefinedTool): void {
    if (this.#tools.has(tool.name)) {
      throw new McpServerError(
        'duplicate_tool',
        `A tool named ${tool.name} is already registered: remove it first or pick another name`,
      );
    }
    this.#tools.set(tool.name, tool);
  }

  #changed(): void {
    this.#list = undefined;
    this.#json = undefined;
    for (const listener of this.#listeners) listener();
  }
}
