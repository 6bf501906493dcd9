import { definePrompt, defineResource, defineTool } from '@mcp-sse/server';
import { z } from 'zod';

/** The resource the demo reads: a short note, so its text fits on one narrated line. */
export const demoNote = defineResource({
  uri: 'demo://notes/welcome',
  name: 'welcome',
  title: 'Welcome note',
  mimeType: 'text/plain',
  text: 'Welcome to mcp-sse: tools, resources and prompts over HTTP.',
});

/** The prompt the demo gets, with one argument so the narration shows it filled in. */
export const demoPrompt = definePrompt({
  name: 'explain',
  description: 'Asks the model to explain an MCP topic in one paragraph',
  arguments: z.object({ topic: z.string().describe('What to explain') }),
  get: ({ topic }) => `Explain ${topic} in one short paragraph for a newcomer.`,
});

/**
 * A tool that asks the user mid-call (`ctx.elicit`): the server sends `elicitation/create`,
 * the client's handler answers, and only then does the call finish.
 */
export const demoGreetTool = defineTool({
  name: 'greet',
  description: 'Asks the user for their name (elicitation), then greets them',
  input: z.object({}),
  handler: async (_args, ctx) => {
    const answer = await ctx.elicit({
      message: 'What is your name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string', title: 'Name' } },
        required: ['name'],
      },
    });
    if (answer.action !== 'accept') return `No name given (${answer.action}): hello, stranger!`;
    return `Hello, ${String(answer.content?.name)}!`;
  },
});
