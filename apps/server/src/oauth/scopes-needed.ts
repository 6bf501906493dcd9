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

/** The scopes a POST body's tool calls need (a message or a batch of them). */
export function scopesNeededBy(
  body: unknown,
  toolScopes: Readonly<Record<string, readonly string[]>>,
): string[] {
  const messages = Array.isArray(body) ? body : [body];
  const needed = new Set<string>();
  for (const message of messages) {
    const tool = calledTool(message);
    if (tool === undefined || !Object.hasOwn(toolScopes, tool)) continue;
    for (const scope of toolScopes[tool]!) needed.add(scope);
  }
  return [...needed];
}
