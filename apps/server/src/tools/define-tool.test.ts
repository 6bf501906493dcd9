import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpServerError } from '../errors/mcp-server-error.js';
import { defineTool } from './define-tool.js';
import { errorResult, toCallToolResult } from './to-call-tool-result.js';
import { ToolRegistry } from './tool-registry.js';

const base = { description: 'x', handler: () => 'ok' };

describe('defineTool', () => {
  it('generates input and output JSON Schema from zod', () => {
    const tool = defineTool({
      ...base,
      name: 'weather',
      input: z.object({ city: z.string(), days: z.number().int().default(1) }),
      output: z.object({ tempC: z.number() }),
    });
    expect(tool.descriptor.inputSchema).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer', default: 1 } },
      required: ['city'],
    });
    expect(tool.descriptor.outputSchema).toMatchObject({ type: 'object', required: ['tempC'] });
    expect(tool.descriptor).not.toHaveProperty('inputSchema.$schema');
  });

  it('refuses bad names and non-object schemas with a clear error', () => {
    expect(() => defineTool({ ...base, name: 'has space', input: z.object({}) })).toThrow(
      /Invalid tool name/,
    );
    try {
      defineTool({ ...base, name: 'str', input: z.string() });
      expect.unreachable();
    } catch (error) {
      expect(McpServerError.isInstance(error)).toBe(true);
      expect((error as McpServerError).code).toBe('invalid_tool');
    }
  });
});

describe('toCallToolResult', () => {
  const plain = defineTool({ ...base, name: 'p', input: z.object({}) });
  const structured = defineTool({
    ...base,
    name: 's',
    input: z.object({}),
    output: z.object({ n: z.number() }),
  });

  it('accepts a string, a content array or a full result', () => {
    expect(toCallToolResult('hi', plain)).toEqual({ content: [{ type: 'text', text: 'hi' }] });
    expect(toCallToolResult([{ type: 'text', text: 'a' }], plain)).toEqual({
      content: [{ type: 'text', text: 'a' }],
    });
    const full = { content: [], isError: true };
    expect(toCallToolResult(full, plain)).toBe(full);
  });

  it('turns a plain object into structured content when the tool has an output schema', () => {
    expect(toCallToolResult({ n: 1 }, structured)).toEqual({
      content: [{ type: 'text', text: '{"n":1}' }],
      structuredContent: { n: 1 },
    });
  });

  it('keeps only the message of an error', () => {
    expect(errorResult(new TypeError('bad'))).toEqual({
      content: [{ type: 'text', text: 'bad' }],
      isError: true,
    });
  });
});

describe('ToolRegistry', () => {
  it('refuses duplicates and notifies on change', () => {
    const registry = new ToolRegistry();
    let changes = 0;
    registry.onChange(() => changes++);
    registry.add(defineTool({ ...base, name: 'a', input: z.object({}) }));
    expect(() => registry.add(defineTool({ ...base, name: 'a', input: z.object({}) }))).toThrow(
      /already registered/,
    );
    expect(registry.remove('a')).toBe(true);
    expect(registry.remove('a')).toBe(false);
    expect(changes).toBe(2);
    expect(registry.listJson()).toBe('[]');
  });
});
