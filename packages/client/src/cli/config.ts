import type { TransportKind } from '../negotiate/transport-kind.js';
import type { ApiKeyHeader } from '../transport/headers.js';
import type { FlagValues } from './args.js';
import { UsageError } from './usage-error.js';

/** How to reach the server, from flags first, then the environment. */
export interface ConnectionConfig {
  url: string;
  apiKey: string | undefined;
  apiKeyHeader: ApiKeyHeader;
  connectTimeout: number;
  /** `--transport`: pinned, or undefined to negotiate. */
  transport: TransportKind | undefined;
  /** `--header "K: V"`, repeatable. */
  headers: Record<string, string>;
  /** `--protocol-version`: pinned, or undefined to negotiate. */
  protocolVersion: string | undefined;
  /** `--root PATH`, repeatable: the roots offered to the server (none: the current directory). */
  roots: string[];
  /** `--verbose`: the wire on stderr. */
  verbose: boolean;
}

/** Reads `--url`/`MCP_SERVER_URL`, `--api-key`/`MCP_API_KEY` and the rest; flags win. */
export function connectionConfig(
  values: FlagValues,
  env: Record<string, string | undefined>,
  usage: string,
): ConnectionConfig {
  const url = stringFlag(values.url) ?? (env.MCP_SERVER_URL || undefined);
  if (!url) throw new UsageError('No server URL: pass --url or set MCP_SERVER_URL', usage);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`Not an http(s) URL: ${url}`, usage);
  }
  const header = stringFlag(values['api-key-header'])?.toLowerCase() ?? 'authorization';
  if (header !== 'authorization' && header !== 'x-api-key') {
    throw new UsageError(
      `--api-key-header must be authorization or x-api-key, not ${header}`,
      usage,
    );
  }
  return {
    url,
    apiKey: stringFlag(values['api-key']) ?? (env.MCP_API_KEY || undefined),
    apiKeyHeader: header,
    connectTimeout: seconds(values['connect-timeout'], '--connect-timeout', 10, usage),
    transport: transportFlag(values.transport, usage),
    headers: headerFlags(values.header, usage),
    protocolVersion: stringFlag(values['protocol-version']),
    roots: Array.isArray(values.root) ? values.root.map(String) : [],
    verbose: values.verbose === true,
  };
}

/** A positive number of seconds from a flag, as ms; `fallback` seconds when absent. */
export function seconds(value: unknown, flag: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback * 1000;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(
      `${flag} must be a positive number of seconds, not ${JSON.stringify(value)}`,
      usage,
    );
  }
  return n * 1000;
}

/** A positive integer from a flag; `fallback` when absent. */
export function positiveInt(value: unknown, flag: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n <= 0) {
    throw new UsageError(
      `${flag} must be a positive whole number, not ${JSON.stringify(value)}`,
      usage,
    );
  }
  return n;
}

function transportFlag(value: unknown, usage: string): TransportKind | undefined {
  const text = stringFlag(value);
  if (text === undefined || text === 'auto') return undefined;
  if (text === 'streamable-http' || text === 'sse') return text;
  throw new UsageError(
    `--transport must be streamable-http, sse or auto, not ${JSON.stringify(text)}`,
    usage,
  );
}

// RFC 9110 token: what a header name may be.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `--header "Name: value"` flags as a header record; a malformed one is a usage error. */
function headerFlags(value: unknown, usage: string): Record<string, string> {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const headers: Record<string, string> = {};
  for (const item of list) {
    const colon = String(item).indexOf(':');
    const name = colon === -1 ? '' : String(item).slice(0, colon).trim();
    const text =
      colon === -1
        ? ''
        : String(item)
            .slice(colon + 1)
            .trim();
    if (!HEADER_NAME.test(name) || /[\r\n\0]/.test(text)) {
      throw new UsageError(
        `--header must look like "Name: value" (a header name, no line breaks), not ${JSON.stringify(item)}`,
        usage,
      );
    }
    headers[name.toLowerCase()] = text;
  }
  return headers;
}

function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
