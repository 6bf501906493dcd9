import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssues } from '../issues.js';
import { ClientCapabilitiesSchema, ServerCapabilitiesSchema } from '../mcp/capabilities.js';
import {
  ContentBlockSchema,
  ResourceContentsSchema,
  SamplingMessageContentBlockSchema,
} from '../mcp/content.js';
import { ElicitResultSchema, PrimitiveSchemaDefinitionSchema } from '../mcp/elicitation.js';
import { InputRequestSchema } from '../mcp/input-required.js';
import { PromptMessageSchema } from '../mcp/prompts.js';
import { ResourceSchema } from '../mcp/resources.js';
import { ListRootsResultSchema, RootSchema } from '../mcp/roots.js';
import { CreateMessageResultSchema, SamplingMessageSchema } from '../mcp/sampling.js';
import { ToolSchema } from '../mcp/tools.js';
import type { DocExample } from './doc-examples.js';
import { REVISIONS, readSpecJson } from './spec-schemas.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const CONTENT_TYPES = new Set(['text', 'image', 'audio', 'resource', 'resource_link']);
const FIELD_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'array']);

/**
 * What a fragment of a page (a JSON block that is not a whole message) is, told by its
 * members, and our schema for it; undefined for what is not MCP (OAuth metadata, say).
 */
function classify(value: unknown): [string, z.ZodType] | undefined {
  if (!isObject(value)) return undefined;
  if ('jsonrpc' in value) return undefined;
  if (typeof value.type === 'string' && CONTENT_TYPES.has(value.type)) {
    return ['content block', ContentBlockSchema];
  }
  if (value.type === 'tool_use' || value.type === 'tool_result') {
    return ['sampling content block', SamplingMessageContentBlockSchema];
  }
  if (typeof value.type === 'string' && FIELD_TYPES.has(value.type) && 'title' in value) {
    return ['elicitation field', PrimitiveSchemaDefinitionSchema];
  }
  if (isObject(value.capabilities)) {
    return [
      'capabilities',
      z.looseObject({
        capabilities: z.union([ClientCapabilitiesSchema, ServerCapabilitiesSchema]),
      }),
    ];
  }
  if ('inputSchema' in value) return ['tool', ToolSchema];
  if ('model' in value && 'role' in value) return ['sampling result', CreateMessageResultSchema];
  if ('role' in value && 'content' in value) {
    return ['message', z.union([PromptMessageSchema, SamplingMessageSchema])];
  }
  if (typeof value.uri === 'string' && ('text' in value || 'blob' in value)) {
    return ['resource contents', ResourceContentsSchema];
  }
  if (typeof value.uri === 'string')
    return ['resource or root', z.union([ResourceSchema, RootSchema])];
  if (typeof value.method === 'string') return ['input request', InputRequestSchema];
  if (typeof value.action === 'string') return ['elicitation result', ElicitResultSchema];
  if (Array.isArray(value.roots)) return ['roots', ListRootsResultSchema];
  return undefined;
}

describe.each(REVISIONS)('the fragments on the %s pages', (revision) => {
  const fragments = readSpecJson<DocExample[]>(revision, 'doc-examples.json').flatMap(
    ({ page, index, value }) => {
      const kind = classify(value);
      return kind ? [{ where: `${page}#${index}`, kind: kind[0], schema: kind[1], value }] : [];
    },
  );

  it('are there to check', () => {
    expect(fragments.length).toBeGreaterThanOrEqual(15);
  });

  it.each(fragments.map((fragment) => [`${fragment.where} (${fragment.kind})`, fragment] as const))(
    'parse with our schema: %s',
    (_name, { schema, value }) => {
      const parsed = schema.safeParse(value);
      expect(parsed.success ? '' : formatIssues(parsed.error)).toBe('');
    },
  );
});
