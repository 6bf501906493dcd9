import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';

/** `time {timeZone?}`: the current time, as ISO 8601 and in the given IANA time zone. */
export const timeTool = defineTool({
  name: 'time',
  title: 'Current time',
  description: 'Returns the current time as ISO 8601 (UTC) and formatted in an IANA time zone.',
  input: z.object({
    timeZone: z.string().optional().describe('IANA time zone such as Europe/Paris; default UTC'),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  handler: ({ timeZone = 'UTC' }) => {
    const now = new Date();
    let local: string;
    try {
      local = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        dateStyle: 'full',
        timeStyle: 'long',
      }).format(now);
    } catch {
      throw new Error(
        `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as Europe/Paris`,
      );
    }
    return `${now.toISOString()} (${timeZone}: ${local})`;
  },
});
