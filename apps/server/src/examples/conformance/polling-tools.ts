import { z } from 'zod';
import { defineTool } from '../../tools/define-tool.js';
import { pause } from './fixtures.js';

/*
 * The 2025-11-25 server-sse-polling scenario (SEP-1699): a call whose response stream the
 * server ends mid-call; the client resumes it with GET + Last-Event-ID and gets the answer.
 */

/** `test_reconnection`. */
export const pollingTools = [
  defineTool({
    name: 'test_reconnection',
    description:
      'Ends its response stream mid-call (SEP-1699); the answer comes on the resumed stream',
    input: z.object({}),
    handler: async (_args, ctx) => {
      await pause(100, ctx.signal);
      ctx.closeStream?.();
      await pause(200, ctx.signal);
      return 'Reconnection test completed';
    },
  }),
];
