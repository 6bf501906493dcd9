/** The name of the tool a message calls, for JSON-RPC `tools/call` and the simple form. */
function calledTool(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (m.method === 'tools/call' && typeof m.params === 'object' && m.params !== null) {
    const name = (m.params as Record<string, unknown>).name;
    return typeof name === 'string' ? name : undefined;
  }
  // The original design's simple form: { tool, args, session_id }.
  return m.jsonrpc === undefined && typeof m.tool === 'string' ? m.tool : undefined;
}

/** The method of a JSON-RPC request, `tools/call` for the simple form. */
function methodOf(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  if (typeof m.method === 'string') return m.method;
  return m.jsonrpc === undefined && typeof m.tool === 'string' ? 'tools/call' : undefined;
}

/**
 * The scopes a POST body needs (a message or a batch of them): those of each method it
 * calls (`methodScopes`, e.g. `resources/read`) and of each tool it calls (`toolScopes`).
 */
export function scopesNeededBy(
  body: unknown,
  toolScopes: Readonly<Record<string, readonly string[]>>,
  methodScopes: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const messages = Array.isArray(body) ? body : [body];
  const needed = new Set<string>();
  const add = (table: Readonly<Record<string, readonly string[]>>, key: string | undefined) => {
    if (key === undefined || !Object.hasOwn(table, key)) return;
    for (const scope of table[key]!) needed.add(scope);
  };
  for (const message of messages) {
    add(methodScopes, methodOf(message));
    add(toolScopes, calledTool(message));
  }
  return [...needed];
}
