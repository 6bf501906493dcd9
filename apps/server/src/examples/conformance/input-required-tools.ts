import { z } from 'zod';
import { ClientRequestError } from '../../features/client-request-error.js';
import { defineTool } from '../../tools/define-tool.js';
import { oneField } from './fixtures.js';

/*
 * The suite's multi round-trip tools (SEP-2322, 2026-07-28). Each is plain handler code:
 * the core turns every ctx.elicit/sample/roots whose answer it lacks into an entry of an
 * `input_required` result, and runs the handler again with the answers. The `key`s are the
 * ones the suite's reference server uses. On a 2025 session the same tools send requests.
 */

const none = z.object({});
const textOf = (result: { content: unknown }) => {
  const content = result.content as { text?: unknown };
  return typeof content.text === 'string' ? content.text : 'no response';
};
const nameOf = (result: { content?: Record<string, unknown> }, field: string) => {
  const value = result.content?.[field];
  return typeof value === 'string' ? value : 'unknown';
};

/** The `test_input_required_result_*` tools. */
export const inputRequiredTools = [
  defineTool({
    name: 'test_input_required_result_elicitation',
    description: 'MRTR: returns InputRequiredResult with elicitation request',
    input: none,
    handler: async (_args, ctx) => {
      const answer = await ctx.elicit(oneField('What is your name?', 'name'), { key: 'user_name' });
      return `Hello, ${nameOf(answer, 'name')}!`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_sampling',
    description: 'MRTR: returns InputRequiredResult with sampling request',
    input: none,
    handler: async (_args, ctx) => {
      const result = await ctx.sample(
        {
          messages: [
            { role: 'user', content: { type: 'text', text: 'What is the capital of France?' } },
          ],
          maxTokens: 100,
        },
        { key: 'capital_question' },
      );
      return `Sampling result: ${textOf(result)}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_list_roots',
    description: 'MRTR: returns InputRequiredResult with roots/list request',
    input: none,
    handler: async (_args, ctx) => {
      const roots = await ctx.roots({ key: 'client_roots' });
      return `Roots: ${roots.map((root) => root.uri).join(', ') || 'none'}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_request_state',
    description: 'MRTR: returns InputRequiredResult with requestState',
    input: none,
    handler: async (_args, ctx) => {
      await ctx.elicit(oneField('Please confirm', 'ok', 'boolean'), { key: 'confirm' });
      return 'state-ok: requestState validated';
    },
  }),
  defineTool({
    name: 'test_input_required_result_multiple_inputs',
    description: 'MRTR: returns InputRequiredResult with multiple input requests',
    input: none,
    handler: async (_args, ctx) => {
      // Asked together, so one round carries all three.
      const [name, greeting, roots] = await Promise.all([
        ctx.elicit(oneField('What is your name?', 'name'), { key: 'user_name' }),
        ctx.sample(
          {
            messages: [{ role: 'user', content: { type: 'text', text: 'Generate a greeting' } }],
            maxTokens: 50,
          },
          { key: 'greeting' },
        ),
        ctx.roots({ key: 'client_roots' }),
      ]);
      return `Name: ${nameOf(name, 'name')}; Greeting: ${textOf(greeting)}; Roots: ${roots.length}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_multi_round',
    description: 'MRTR: multi-round InputRequiredResult workflow',
    input: none,
    handler: async (_args, ctx) => {
      const step1 = await ctx.elicit(oneField('Step 1: What is your name?', 'name'), {
        key: 'step1',
      });
      const step2 = await ctx.elicit(oneField('Step 2: What is your favorite color?', 'color'), {
        key: 'step2',
      });
      return `Multi-round complete for ${nameOf(step1, 'name')} who likes ${nameOf(step2, 'color')}`;
    },
  }),
  defineTool({
    name: 'test_input_required_result_tampered_state',
    description: 'MRTR: HMAC-signed requestState integrity test',
    input: none,
    handler: async (_args, ctx) => {
      await ctx.elicit(oneField('Please confirm', 'ok', 'boolean'), { key: 'confirm' });
      return 'integrity-ok: state verified';
    },
  }),
  defineTool({
    name: 'test_input_required_result_capabilities',
    description: 'MRTR: respects client capabilities in inputRequests',
    input: none,
    handler: async (_args, ctx) => {
      // A client without a capability gets no request for it: that call rejects at once.
      const settled = await Promise.allSettled([
        ctx.elicit(oneField('Elicitation input', 'value'), { key: 'elicit_input' }),
        ctx.sample(
          {
            messages: [{ role: 'user', content: { type: 'text', text: 'Sample request' } }],
            maxTokens: 50,
          },
          { key: 'sample_input' },
        ),
      ]);
      const received = ['elicit_input', 'sample_input'].filter(
        (_key, i) => settled[i]!.status === 'fulfilled',
      );
      const unsupported = settled.every(
        (s) =>
          s.status === 'rejected' &&
          ClientRequestError.isInstance(s.reason) &&
          s.reason.code === 'capability_missing',
      );
      if (unsupported) return 'No supported capabilities declared';
      return `capabilities-ok: received ${received.join(',')}`;
    },
  }),
];
