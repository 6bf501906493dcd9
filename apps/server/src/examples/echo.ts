import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';

/** `echo {message}`: returns the message unchanged as its one text content. */
export const echoTool = defineTool({
  name: 'echo',
  title: 'Echo',
  description: 'Returns the message unchanged.',
  input: z.object({ message: z.string().describe('Text to send back') }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: ({ message }) => message,
});
