import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import { ContentBlockSchema } from './content.js';

// Every content example of the specification (2025-11-25/server/tools). The image and audio
// data are placeholders there, not real base64: they must still be accepted.
const examples = [
  { type: 'text', text: 'Tool result text' },
  {
    type: 'image',
    data: 'base64-encoded-data',
    mimeType: 'image/png',
    annotations: { audience: ['user'], priority: 0.9 },
  },
  { type: 'audio', data: 'base64-encoded-audio-data', mimeType: 'audio/wav' },
  {
    type: 'resource_link',
    uri: 'file:///project/src/main.rs',
    name: 'main.rs',
    description: 'Primary application entry point',
    mimeType: 'text/x-rust',
  },
  {
    type: 'resource',
    resource: {
      uri: 'file:///project/src/main.rs',
      mimeType: 'text/x-rust',
      text: 'fn main() {\n    println!("Hello world!");\n}',
      annotations: {
        audience: ['user', 'assistant'],
        priority: 0.7,
        lastModified: '2025-05-03T14:30:00Z',
      },
    },
  },
  {
    type: 'resource',
    resource: { uri: 'file:///logo.png', mimeType: 'image/png', blob: 'iVBORw0KGgo=' },
  },
];

describe('content blocks', () => {
  it.each(examples.map((example) => [example.type, example] as const))(
    'accepts the %s example',
    (_type, example) => {
      expect(ContentBlockSchema.parse(example)).toEqual(example);
    },
  );

  it.each([
    ['text', { type: 'text', text: 1 }],
    ['mimeType', { type: 'image', data: 'AA==' }],
    ['data', { type: 'audio', mimeType: 'audio/wav' }],
    ['annotations.priority', { type: 'text', text: 'x', annotations: { priority: 2 } }],
    ['annotations.audience.0', { type: 'text', text: 'x', annotations: { audience: ['robot'] } }],
    ['uri', { type: 'resource_link', name: 'x' }],
    ['type', { type: 'html', html: '<p>' }],
  ])('rejects a block with a bad %s, naming it', (field, block) => {
    const parsed = parseWith(ContentBlockSchema, block, 'content block');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it('rejects an embedded resource with neither text nor blob', () => {
    const parsed = parseWith(
      ContentBlockSchema,
      { type: 'resource', resource: { uri: 'x' } },
      'content',
    );
    expect(parsed.ok ? undefined : parsed.error.field).toMatch(/^resource/);
  });
});
