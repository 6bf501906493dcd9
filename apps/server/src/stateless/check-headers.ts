import type { IncomingHttpHeaders } from 'node:http';
import {
  decodeHeaderValue,
  isBase64HeaderValue,
  MCP_NAME_SOURCE,
  X_MCP_HEADER,
} from '@mcp-sse/protocol';
import { headerMismatch, type StatelessRefusal } from './stateless-errors.js';

const one = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

/**
 * Decodes `Mcp-Name` / `Mcp-Param-*` strictly: a Base64 sentinel must be padded to a
 * multiple of 4 characters (the specification's test table rejects `SGVsbG8`), and the
 * value must be decodable; undefined otherwise.
 */
function decodeStrict(raw: string): string | undefined {
  if (isBase64HeaderValue(raw) && (raw.length - '=?base64?'.length - '?='.length) % 4 !== 0) {
    return undefined;
  }
  return decodeHeaderValue(raw);
}

/** The header-safe text of an argument, as the client converts it (string, integer, boolean). */
function asHeaderText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Whether a header value (decoded) equals the body value; numbers compare numerically. */
function same(header: string, body: unknown): boolean {
  if (typeof body === 'number') return header.trim() !== '' && Number(header) === body;
  return header === asHeaderText(body);
}

/** A tool argument mirrored in an `Mcp-Param-*` header. */
type MirroredParam = { name: string; path: string[]; header: string };

/** Per input schema (a tool's descriptor keeps its own): walked once, not on every call. */
const mirroredCache = new WeakMap<object, readonly MirroredParam[]>();

function mirroredParamsOf(inputSchema: object): readonly MirroredParam[] {
  let found = mirroredCache.get(inputSchema);
  if (found === undefined) {
    found = mirroredParams(inputSchema).map(({ name, path }) => ({
      name,
      path,
      header: `mcp-param-${name.toLowerCase()}`,
    }));
    mirroredCache.set(inputSchema, found);
  }
  return found;
}

/** The `x-mcp-header` names of a tool's input schema, with the path of properties to each. */
export function mirroredParams(inputSchema: unknown): Array<{ name: string; path: string[] }> {
  const found: Array<{ name: string; path: string[] }> = [];
  const walk = (schema: unknown, path: string[], depth: number) => {
    if (typeof schema !== 'object' || schema === null || depth > 8) return;
    const properties = (schema as { properties?: unknown }).properties;
    if (typeof properties !== 'object' || properties === null) return;
    for (const [key, child] of Object.entries(properties)) {
      const name = (child as Record<string, unknown> | null)?.[X_MCP_HEADER];
      if (typeof name === 'string' && name !== '') found.push({ name, path: [...path, key] });
      walk(child, [...path, key], depth + 1);
    }
  };
  walk(inputSchema, [], 0);
  return found;
}

function valueAt(args: unknown, path: readonly string[]): unknown {
  let value = args;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Checks the 2026-07-28 request headers against the body: `MCP-Protocol-Version`,
 * `Mcp-Method`, `Mcp-Name` and the `Mcp-Param-*` of the tool's `x-mcp-header` arguments.
 * Returns the refusal (400 / -32020), or undefined when they agree.
 */
export function checkMirroredHeaders(
  headers: IncomingHttpHeaders,
  method: string,
  params: Record<string, unknown>,
  version: string,
  toolInputSchema: unknown,
): StatelessRefusal | undefined {
  const versionHeader = one(headers, 'mcp-protocol-version');
  if (versionHeader === undefined)
    return headerMismatch('the MCP-Protocol-Version header is missing');
  if (versionHeader !== version) {
    return headerMismatch(
      `MCP-Protocol-Version header ${JSON.stringify(versionHeader)} does not match _meta protocolVersion ${JSON.stringify(version)}`,
    );
  }
  const methodHeader = one(headers, 'mcp-method');
  if (methodHeader === undefined) return headerMismatch('the Mcp-Method header is missing');
  if (methodHeader !== method) {
    return headerMismatch(
      `Mcp-Method header ${JSON.stringify(methodHeader)} does not match body method ${JSON.stringify(method)}`,
    );
  }
  const source = MCP_NAME_SOURCE[method];
  if (source !== undefined) {
    const raw = one(headers, 'mcp-name');
    if (raw === undefined)
      return headerMismatch(`the Mcp-Name header is missing (required for ${method})`);
    const decoded = decodeStrict(raw);
    if (decoded === undefined)
      return headerMismatch('the Mcp-Name header is not valid Base64 UTF-8');
    if (decoded !== params[source]) {
      return headerMismatch(
        `Mcp-Name header value ${JSON.stringify(decoded)} does not match body ${source} ${JSON.stringify(params[source])}`,
      );
    }
  }
  if (method !== 'tools/call' || typeof toolInputSchema !== 'object' || toolInputSchema === null)
    return undefined;
  for (const { name, path, header: headerName } of mirroredParamsOf(toolInputSchema)) {
    const raw = one(headers, headerName);
    const value = valueAt(params.arguments, path);
    if (value === undefined || value === null) continue; // the client omits the header
    if (raw === undefined) return headerMismatch(`the Mcp-Param-${name} header is missing`);
    const decoded = decodeStrict(raw);
    if (decoded === undefined)
      return headerMismatch(`the Mcp-Param-${name} header is not valid Base64 UTF-8`);
    if (!same(decoded, value)) {
      return headerMismatch(
        `Mcp-Param-${name} header value ${JSON.stringify(decoded)} does not match the argument`,
      );
    }
  }
  return undefined;
}
