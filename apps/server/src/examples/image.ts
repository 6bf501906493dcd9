import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';

// A 1x1 PNG: the smallest real image, enough to show how image content travels.
const PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** `image {}`: returns a tiny PNG as image content, with a caption. */
export const imageTool = defineTool({
  name: 'image',
  title: 'Image',
  description: 'Returns a small PNG image (1x1 pixel) as image content.',
  input: z.object({}),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: () => [
    { type: 'image', data: PIXEL_PNG, mimeType: 'image/png' },
    { type: 'text', text: 'A 1x1 PNG pixel' },
  ],
});
