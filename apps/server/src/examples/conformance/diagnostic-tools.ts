import { z } from 'zod';
import { defineTool } from '../../tools/define-tool.js';
import { oneField } from './fixtures.js';

/*
 * Tools the 2026-07-28 scenarios probe for (server-stateless, json-schema-2020-12,
 * http-custom-header-server-validation). The behaviour under test is the core's and the
 * transport's; these only give the suite something to call.
 */

/** A JSON Schema 2020-12 input schema with keywords zod does not generate (SEP-1613, SEP-2106). */
const JSON_SCHEMA_2020_12 = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object' as const,
  $defs: {
    address: {
      $anchor: 'addressDef',
      type: 'object',
      properties: { street: { type: 'string' }, city: { type: 'string' } },
    },
  },
  properties: {
    name: { type: 'string' },
    address: { $ref: '#/$defs/address' },
    contactMethod: { type: 'string', enum: ['phone', 'email'] },
    phone: { type: 'string' },
    email: { type: 'string' },
  },
  allOf: [{ anyOf: [{ required: ['phone'] }, { required: ['email'] }] }],
  if: { properties: { contactMethod: { const: 'phone' } }, required: ['contactMethod'] },
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword; this object is never awaited
  then: { required: ['phone'] },
  else: { required: ['email'] },
  additionalProperties: false,
};

/** The diagnostic tools. */
export const diagnosticTools = [
  defineTool({
    name: 'json_schema_2020_12_tool',
    description: 'Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)',
    input: z.looseObject({
      name: z.string().optional(),
      address: z.object({ street: z.string().optional(), city: z.string().optional() }).optional(),
    }),
    inputJsonSchema: JSON_SCHEMA_2020_12,
    handler: (args) => `JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`,
  }),
  defineTool({
    name: 'test_missing_capability',
    description: 'Needs sampling: a client without it gets -32021 (2026-07-28)',
    input: z.object({}),
    handler: async (_args, ctx) => {
      // Not caught: on 2026-07-28 the core answers -32021 naming the capability.
      await ctx.sample('Say hello', { key: 'hello' });
      return 'Success';
    },
  }),
  defineTool({
    name: 'test_streaming_elicitation',
    description: 'Reports progress, then asks for input: the stream carries no server request',
    input: z.object({}),
    handler: async (_args, ctx) => {
      ctx.progress(50, 100, 'Half way');
      await ctx.elicit(oneField('Continue?', 'ok', 'boolean'), { key: 'continue' });
      return 'Streaming complete';
    },
  }),
  defineTool({
    name: 'test_logging_tool',
    description: 'Logs at info: only when the request asked for logs',
    input: z.object({}),
    handler: (_args, ctx) => {
      ctx.log('info', 'Diagnostic trace logging activated');
      return 'Logging evaluated';
    },
  }),
  defineTool({
    name: 'test_header_param',
    description: 'Mirrors its region argument in the Mcp-Param-Region header (SEP-2243)',
    input: z.object({
      region: z.string().describe('Region to query').meta({ 'x-mcp-header': 'Region' }),
    }),
    handler: ({ region }) => `Region: ${region}`,
  }),
];
