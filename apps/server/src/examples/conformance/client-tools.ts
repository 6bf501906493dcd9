import { z } from 'zod';
import { ClientRequestError } from '../../features/client-request-error.js';
import type { ElicitParams } from '../../features/wire-types.js';
import { defineTool } from '../../tools/define-tool.js';
import type { ToolContext } from '../../tools/tool-context.js';

const describeElicitation = (result: { action: string; content?: unknown }) =>
  `action=${result.action}, content=${JSON.stringify(result.content ?? {})}`;

/** Runs an elicitation and says what came back, or why it could not be asked. */
async function elicitText(ctx: ToolContext, params: ElicitParams, prefix: string) {
  try {
    return `${prefix}: ${describeElicitation(await ctx.elicit(params))}`;
  } catch (error) {
    if (!ClientRequestError.isInstance(error)) throw error;
    return `Elicitation not supported or error: ${error.message}`;
  }
}

/** The suite's sampling and elicitation tools (2025 revisions: requests on the session). */
export const clientTools = [
  defineTool({
    name: 'test_sampling',
    description: 'Tests server-initiated sampling (LLM completion request)',
    input: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
    handler: async ({ prompt }, ctx) => {
      try {
        const result = await ctx.sample({
          messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
          maxTokens: 100,
        });
        const content = result.content as { text?: unknown };
        return `LLM response: ${typeof content.text === 'string' ? content.text : 'No response'}`;
      } catch (error) {
        if (!ClientRequestError.isInstance(error)) throw error;
        return `Sampling not supported or error: ${error.message}`;
      }
    },
  }),
  defineTool({
    name: 'test_elicitation',
    description: 'Tests server-initiated elicitation (user input request)',
    input: z.object({ message: z.string().describe('The message to show the user') }),
    handler: ({ message }, ctx) =>
      elicitText(
        ctx,
        {
          message,
          requestedSchema: {
            type: 'object',
            properties: { response: { type: 'string', description: "User's response" } },
            required: ['response'],
          },
        },
        'User response',
      ),
  }),
  defineTool({
    name: 'test_elicitation_sep1034_defaults',
    description: 'Tests elicitation with default values per SEP-1034',
    input: z.object({}),
    handler: (_args, ctx) =>
      elicitText(
        ctx,
        {
          message: 'Please review and update the form fields with defaults',
          requestedSchema: {
            type: 'object',
            properties: {
              name: { type: 'string', description: 'User name', default: 'John Doe' },
              age: { type: 'integer', description: 'User age', default: 30 },
              score: { type: 'number', description: 'User score', default: 95.5 },
              status: {
                type: 'string',
                description: 'User status',
                enum: ['active', 'inactive', 'pending'],
                default: 'active',
              },
              verified: { type: 'boolean', description: 'Verification status', default: true },
            },
            required: [],
          },
        },
        'Elicitation completed',
      ),
  }),
  defineTool({
    name: 'test_elicitation_sep1330_enums',
    description: 'Tests elicitation with enum schema improvements per SEP-1330',
    input: z.object({}),
    handler: (_args, ctx) => {
      const options = ['option1', 'option2', 'option3'];
      const titled = (prefix: string, word: string) =>
        ['First', 'Second', 'Third'].map((ordinal, i) => ({
          const: `${prefix}${i + 1}`,
          title: `${ordinal} ${word}`,
        }));
      return elicitText(
        ctx,
        {
          message: 'Please select options from the enum fields',
          requestedSchema: {
            type: 'object',
            properties: {
              untitledSingle: { type: 'string', description: 'Select one option', enum: options },
              titledSingle: {
                type: 'string',
                description: 'Select one option with titles',
                oneOf: titled('value', 'Option'),
              },
              legacyEnum: {
                type: 'string',
                description: 'Select one option (legacy)',
                enum: ['opt1', 'opt2', 'opt3'],
                enumNames: ['Option One', 'Option Two', 'Option Three'],
              },
              untitledMulti: {
                type: 'array',
                description: 'Select multiple options',
                minItems: 1,
                maxItems: 3,
                items: { type: 'string', enum: options },
              },
              titledMulti: {
                type: 'array',
                description: 'Select multiple options with titles',
                minItems: 1,
                maxItems: 3,
                items: { anyOf: titled('value', 'Choice') },
              },
            },
            required: [],
          },
        },
        'Elicitation completed',
      );
    },
  }),
];
