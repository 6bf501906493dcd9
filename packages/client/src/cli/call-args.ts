import type { Tool } from '@mcp-sse/protocol';
import { UsageError } from './usage-error.js';

/** `key=value` pairs as typed, before the tool's schema gives them types. */
export type RawPairs = [key: string, value: string][];

/** Reads `--args`: it must be a JSON object. */
export function parseArgsJson(text: string | undefined, usage: string): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--args is not valid JSON: ${(error as Error).message}`, usage);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--args must be a JSON object, like {"text": "hi"}', usage);
  }
  return value as Record<string, unknown>;
}

/** Splits `key=value` positionals; anything without `=` is a usage error. */
export function parsePairs(positionals: readonly string[], usage: string): RawPairs {
  return positionals.map((item) => {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`Expected key=value, got ${JSON.stringify(item)}`, usage);
    return [item.slice(0, at), item.slice(at + 1)];
  });
}

/**
 * Gives each `key=value` the type the tool's input schema declares, so `count=3` is a
 * number but `text=3` stays a string. Without a declared type, JSON is tried, then text.
 */
export function typedPairs(
  pairs: RawPairs,
  tool: Tool | undefined,
  usage: string,
): Record<string, unknown> {
  const properties = (tool?.inputSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of pairs) {
    const declared = properties[key]?.type;
    const types = Array.isArray(declared) ? declared : [declared];
    out[key] = coerce(key, raw, types, usage);
  }
  return out;
}

function coerce(key: string, raw: string, types: unknown[], usage: string): unknown {
  if (types.includes('string')) return raw;
  if (types.includes('number') || types.includes('integer')) {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      throw new UsageError(`${key} must be a number, not ${JSON.stringify(raw)}`, usage);
    }
    return n;
  }
  if (types.includes('boolean')) {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new UsageError(`${key} must be true or false, not ${JSON.stringify(raw)}`, usage);
  }
  if (types.includes('object') || types.includes('array')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new UsageError(`${key} must be JSON, not ${JSON.stringify(raw)}`, usage);
    }
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
