import { z } from 'zod';
import { defineTool } from '../../tools/define-tool.js';
import { pause, TEST_AUDIO_BASE64, TEST_IMAGE_BASE64 } from './fixtures.js';

const none = z.object({});

/** The suite's content, logging, progress and error tools (`tools-call-*` scenarios). */
export const contentTools = [
  defineTool({
    name: 'test_simple_text',
    description: 'Tests simple text content response',
    input: none,
    handler: () => 'This is a simple text response for testing.',
  }),
  defineTool({
    name: 'test_image_content',
    description: 'Tests image content response',
    input: none,
    handler: () => [{ type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' }],
  }),
  defineTool({
    name: 'test_audio_content',
    description: 'Tests audio content response',
    input: none,
    handler: () => [{ type: 'audio', data: TEST_AUDIO_BASE64, mimeType: 'audio/wav' }],
  }),
  defineTool({
    name: 'test_embedded_resource',
    description: 'Tests embedded resource content response',
    input: none,
    handler: () => [
      {
        type: 'resource',
        resource: {
          uri: 'test://embedded-resource',
          mimeType: 'text/plain',
          text: 'This is an embedded resource content.',
        },
      },
    ],
  }),
  defineTool({
    name: 'test_multiple_content_types',
    description: 'Tests response with multiple content types (text, image, resource)',
    input: none,
    handler: () => [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: TEST_IMAGE_BASE64, mimeType: 'image/png' },
      {
        type: 'resource',
        resource: {
          uri: 'test://mixed-content-resource',
          mimeType: 'application/json',
          text: JSON.stringify({ test: 'data', value: 123 }),
        },
      },
    ],
  }),
  defineTool({
    name: 'test_tool_with_logging',
    description: 'Tests tool that emits log messages during execution',
    input: none,
    handler: async (_args, ctx) => {
      ctx.log('info', 'Tool execution started');
      await pause(50, ctx.signal);
      ctx.log('info', 'Tool processing data');
      await pause(50, ctx.signal);
      ctx.log('info', 'Tool execution completed');
      return 'Tool with logging executed successfully';
    },
  }),
  defineTool({
    name: 'test_tool_with_progress',
    description: 'Tests tool that reports progress notifications',
    input: none,
    handler: async (_args, ctx) => {
      for (const step of [0, 50, 100]) {
        ctx.progress(step, 100, `Completed step ${step} of 100`);
        if (step < 100) await pause(50, ctx.signal);
      }
      return 'Progress test completed';
    },
  }),
  defineTool({
    name: 'test_error_handling',
    description: 'Tests error response handling',
    input: none,
    handler: () => {
      throw new Error('This tool intentionally returns an error for testing');
    },
  }),
];
