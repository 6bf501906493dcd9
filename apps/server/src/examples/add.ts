import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';

/** `add {a, b}`: the sum as text. */
export const addTool = defineTool({
  name: 'add',
  title: 'Add',
  description: 'Adds two numbers and returns the sum as text.',
  input: z.object({
    a: z.number().describe('First addend'),
    b: z.number().describe('Second addend'),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: ({ a, b }) => String(a + b),
});
