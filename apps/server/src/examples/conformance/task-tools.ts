import { ErrorCode } from '@mcp-sse/protocol';
import { z } from 'zod';
import { JsonRpcError } from '../../features/tasks/json-rpc-error.js';
import { defineTool } from '../../tools/define-tool.js';
import { oneField, pause } from './fixtures.js';

/*
 * The fixtures of the suite's tasks scenarios (the 2026-07-28 io.modelcontextprotocol/tasks
 * extension, SEP-2663). A tool opts in with `execution.taskSupport`; the core decides when
 * a call becomes a task, and the handler is ordinary code that may wait, ask and fail.
 */

const confirmed = (answer: { action: string; content?: Record<string, unknown> }) =>
  answer.action === 'accept' && answer.content?.confirm !== false;

/** `greet`, `slow_compute`, `failing_job`, `protocol_error_job`, `confirm_delete`, `multi_input`, `test_tool_with_task`. */
export const taskTools = [
  defineTool({
    name: 'greet',
    description: 'Sync-only: returns Hello, {name}!',
    input: z.object({ name: z.string() }),
    handler: ({ name }) => `Hello, ${name}!`,
  }),
  defineTool({
    name: 'slow_compute',
    description: 'Task-supporting: sleeps `seconds` seconds, then answers (cancel ends it)',
    input: z.object({
      seconds: z.number().min(0).max(3600).default(1),
      label: z.string().default(''),
    }),
    execution: { taskSupport: 'optional' },
    handler: async ({ seconds, label }, ctx) => {
      await pause(seconds * 1000, ctx.signal);
      ctx.signal.throwIfAborted();
      return `Computed ${label || 'result'} after ${seconds}s`;
    },
  }),
  defineTool({
    name: 'failing_job',
    description: 'Task-only: reports a tool execution error after a moment',
    input: z.object({}),
    execution: { taskSupport: 'required' },
    handler: async (_args, ctx) => {
      await pause(300, ctx.signal);
      return {
        content: [{ type: 'text', text: 'The job failed: disk quota exceeded' }],
        isError: true,
      };
    },
  }),
  defineTool({
    name: 'protocol_error_job',
    description: 'Task-supporting: fails with a JSON-RPC (protocol-level) error',
    input: z.object({}),
    execution: { taskSupport: 'optional' },
    handler: async (_args, ctx) => {
      await pause(100, ctx.signal);
      throw new JsonRpcError(ErrorCode.InternalError, 'Internal error: the job crashed');
    },
  }),
  defineTool({
    name: 'confirm_delete',
    description: 'Task-supporting: asks the user to confirm, then deletes (pretends to)',
    input: z.object({ filename: z.string() }),
    execution: { taskSupport: 'optional' },
    handler: async ({ filename }, ctx) => {
      const answer = await ctx.elicit(oneField(`Delete ${filename}?`, 'confirm', 'boolean'), {
        key: 'confirm',
      });
      return confirmed(answer) ? `Deleted ${filename}` : `Kept ${filename}`;
    },
  }),
  defineTool({
    name: 'multi_input',
    description: 'Task-supporting: asks two questions at once',
    input: z.object({}),
    execution: { taskSupport: 'optional' },
    handler: async (_args, ctx) => {
      const [first, second] = await Promise.all([
        ctx.elicit(oneField('First name?', 'name'), { key: 'first' }),
        ctx.elicit(oneField('Second name?', 'name'), { key: 'second' }),
      ]);
      return `Got ${String(first.content?.name)} and ${String(second.content?.name)}`;
    },
  }),
  defineTool({
    name: 'test_tool_with_task',
    description: 'Task-only: asks for a name on the call (input_required), then runs as a task',
    input: z.looseObject({}),
    execution: {
      taskSupport: 'required',
      beforeTask: async (args, ctx) => {
        const answer = await ctx.elicit(oneField('What is your name?', 'name'), {
          key: 'user_name',
        });
        return { ...args, user_name: answer.content?.name };
      },
    },
    handler: async (args, ctx) => {
      await pause(100, ctx.signal);
      return `Hello, ${String(args.user_name ?? 'unknown')}! (from a task)`;
    },
  }),
];
