const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Claude accepts tool names matching `^[a-zA-Z0-9_-]{1,64}$`; MCP names may hold dots,
 * slashes or be longer. This gives each MCP tool a valid, unique Claude name and maps
 * Claude's `tool_use` back to the MCP name.
 */
export class ToolNameMap {
  readonly #toClaude = new Map<string, string>();
  readonly #toMcp = new Map<string, string>();

  constructor(mcpNames: readonly string[]) {
    // Valid names first, as they are: a renamed invalid name must never take one of them.
    for (const name of mcpNames) {
      if (VALID.test(name)) this.#add(name, name);
    }
    for (const name of mcpNames) {
      if (VALID.test(name)) continue;
      let base = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool';
      let candidate = base;
      for (let n = 2; this.#toMcp.has(candidate); n++) {
        const suffix = `_${n}`;
        base = base.slice(0, 64 - suffix.length);
        candidate = `${base}${suffix}`;
      }
      this.#add(name, candidate);
    }
  }

  #add(mcpName: string, claudeName: string): void {
    this.#toClaude.set(mcpName, claudeName);
    this.#toMcp.set(claudeName, mcpName);
  }

  /** The Claude name of an MCP tool. */
  toClaude(mcpName: string): string {
    return this.#toClaude.get(mcpName) ?? mcpName;
  }

  /** The MCP name behind a Claude tool name, or undefined for a name we never offered. */
  toMcp(claudeName: string): string | undefined {
    return this.#toMcp.get(claudeName);
  }
}
