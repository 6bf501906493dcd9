import type { ApiKeyHeader } from '../transport/headers.js';
import type { FlagValues } from './args.js';
import { UsageError } from './usage-error.js';

/** How to reach the server, from flags first, then the environment. */
export interface ConnectionConfig {
  url: string;
  apiKey: string | undefined;
  apiKeyHeader: ApiKeyHeader;
  connectTimeout: number;
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

function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
