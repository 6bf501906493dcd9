import { type Tool, X_MCP_HEADER } from '@mcp-sse/protocol';

/** One tool argument mirrored into an `Mcp-Param-{name}` header. */
export interface HeaderParam {
  /** The `x-mcp-header` value: the header is `Mcp-Param-{name}`. */
  name: string;
  /** The chain of `properties` keys from the schema root to the argument. */
  path: readonly string[];
}

/** The header arguments of a tool, or why its `x-mcp-header` annotations are invalid. */
export type HeaderParamsResult =
  | { ok: true; params: readonly HeaderParam[] }
  | { ok: false; reason: string };

// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE = new Set(['string', 'integer', 'boolean']);
/** Bound on the schema walk, so that a hostile schema cannot keep us busy. */
const MAX_NODES = 10_000;

/**
 * Reads and checks a tool's `x-mcp-header` annotations (2026-07-28): each must be a
 * non-empty token, unique ignoring case, on a string / integer / boolean property reached
 * from the root through `properties` keys only (never through `items`, `oneOf`, `$ref`...).
 */
export function headerParamsOf(tool: Pick<Tool, 'inputSchema'>): HeaderParamsResult {
  const params: HeaderParam[] = [];
  const seen = new Set<string>();
  let nodes = 0;
  let failure: string | undefined;
  // `path` is the JSON path of `node`; `reachable` holds while every step was `properties.<key>`.
  const walk = (node: unknown, path: string[], reachable: boolean, isMap: boolean): void => {
    if (failure || typeof node !== 'object' || node === null) return;
    if (++nodes > MAX_NODES) {
      failure = 'its inputSchema is too large to check';
      return;
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries())
        walk(item, [...path, String(index)], false, false);
      return;
    }
    const record = node as Record<string, unknown>;
    if (!isMap && X_MCP_HEADER in record) {
      failure = checkAnnotation(record, path, reachable, seen, params);
      if (failure) return;
    }
    for (const [key, value] of Object.entries(record)) {
      if (isMap) walk(value, [...path, key], reachable, false);
      else if (key === 'properties') walk(value, [...path, key], reachable, true);
      else walk(value, [...path, key], false, false);
    }
  };
  walk(tool.inputSchema, [], true, false);
  return failure ? { ok: false, reason: failure } : { ok: true, params };
}

function checkAnnotation(
  schema: Record<string, unknown>,
  path: string[],
  reachable: boolean,
  seen: Set<string>,
  params: HeaderParam[],
): string | undefined {
  const name = schema[X_MCP_HEADER];
  const where = path.length === 0 ? 'the schema root' : path.join('.');
  if (typeof name !== 'string' || name === '')
    return `x-mcp-header at ${where} is not a non-empty string`;
  if (!TOKEN.test(name)) return `x-mcp-header ${JSON.stringify(name)} is not an HTTP token`;
  if (!reachable || path.length === 0) {
    return `x-mcp-header ${JSON.stringify(name)} at ${where} is not reached through properties only`;
  }
  if (typeof schema.type !== 'string' || !PRIMITIVE.has(schema.type)) {
    return `x-mcp-header ${JSON.stringify(name)} is on a ${JSON.stringify(schema.type ?? 'untyped')} property; only string, integer and boolean are allowed`;
  }
  const key = name.toLowerCase();
  if (seen.has(key)) return `x-mcp-header ${JSON.stringify(name)} is used twice`;
  seen.add(key);
  // path alternates `properties`, key, `properties`, key...
  params.push({ name, path: path.filter((_, index) => index % 2 === 1) });
  return undefined;
}

/** The value at `path` in the call's arguments, when it can go in a header. */
export function headerArgument(
  args: unknown,
  path: readonly string[],
): string | number | boolean | undefined {
  let current: unknown = args;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string' || typeof current === 'boolean') return current;
  if (typeof current === 'number' && Number.isSafeInteger(current)) return current;
  return undefined;
}
