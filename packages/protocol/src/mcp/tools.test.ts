import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import {
  CallToolRequestSchema,
  CallToolResultSchema,
  isCallToolResult,
  isTool,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  ToolListChangedNotificationSchema,
  ToolSchema,
} from './tools.js';

// The specification's tools examples (2025-11-25/server/tools).
const weatherTool = {
  name: 'get_weather',
  title: 'Weather Information Provider',
  description: 'Get current weather information for a location',
  inputSchema: {
    type: 'object',
    properties: { location: { type: 'string', description: 'City name or zip code' } },
    required: ['location'],
  },
  icons: [{ src: 'https://example.com/weather-icon.png', mimeType: 'image/png', sizes: ['48x48'] }],
};
const weatherDataTool = {
  name: 'get_weather_data',
  title: 'Weather Data Retriever',
  description: 'Get current weather data for a location',
  inputSchema: weatherTool.inputSchema,
  outputSchema: {
    type: 'object',
    properties: {
      temperature: { type: 'number', description: 'Temperature in celsius' },
      conditions: { type: 'string', description: 'Weather conditions description' },
      humidity: { type: 'number', description: 'Humidity percentage' },
    },
    required: ['temperature', 'conditions', 'humidity'],
  },
};
const draft07Tool = {
  name: 'calculate_sum',
  description: 'Add two numbers',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
};
const noParamsTool = {
  name: 'get_current_time',
  description: 'Returns the current server time',
  inputSchema: { type: 'object', additionalProperties: false },
};
const annotatedTool = {
  ...draft07Tool,
  annotations: { title: 'Sum', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
};

describe('tools', () => {
  it('accepts the specification tools and keeps unknown members (icons)', () => {
    for (const tool of [weatherTool, weatherDataTool, draft07Tool, noParamsTool, annotatedTool]) {
      expect(ToolSchema.parse(tool)).toEqual(tool);
    }
  });

  it('accepts the specification list request and its paged result', () => {
    const request = {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/list',
      params: { cursor: 'optional-cursor-value' },
    };
    expect(ListToolsRequestSchema.safeParse(request).success).toBe(true);
    expect(ListToolsRequestSchema.safeParse({ method: 'tools/list' }).success).toBe(true);
    const result = { tools: [weatherTool], nextCursor: 'next-page-cursor' };
    expect(ListToolsResultSchema.parse(result)).toEqual(result);
  });

  it('accepts the specification call request, with and without a progress token', () => {
    const call = {
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'get_weather', arguments: { location: 'New York' } },
    };
    expect(CallToolRequestSchema.parse(call)).toEqual(call);
    const withToken = { ...call, params: { ...call.params, _meta: { progressToken: 0 } } };
    expect(CallToolRequestSchema.parse(withToken).params._meta?.progressToken).toBe(0);
  });

  it('accepts the specification results: text, isError, structuredContent', () => {
    const results = [
      {
        content: [
          {
            type: 'text',
            text: 'Current weather in New York:\nTemperature: 72°F\nConditions: Partly cloudy',
          },
        ],
        isError: false,
      },
      {
        content: [{ type: 'text', text: 'Invalid departure date: must be in the future.' }],
        isError: true,
      },
      {
        content: [
          {
            type: 'text',
            text: '{"temperature": 22.5, "conditions": "Partly cloudy", "humidity": 65}',
          },
        ],
        structuredContent: { temperature: 22.5, conditions: 'Partly cloudy', humidity: 65 },
      },
    ];
    for (const result of results) {
      expect(CallToolResultSchema.parse(result)).toEqual(result);
      expect(isCallToolResult(result)).toBe(true);
    }
  });

  it('accepts the list-changed notification', () => {
    const message = { jsonrpc: '2.0', method: 'notifications/tools/list_changed' };
    expect(ToolListChangedNotificationSchema.safeParse(message).success).toBe(true);
  });

  it.each([
    ['name', { ...weatherTool, name: '' }],
    ['inputSchema', { ...weatherTool, inputSchema: null }],
    ['inputSchema.type', { ...weatherTool, inputSchema: { type: 'string' } }],
    ['annotations.readOnlyHint', { ...annotatedTool, annotations: { readOnlyHint: 'yes' } }],
    [
      'outputSchema.required',
      { ...weatherDataTool, outputSchema: { type: 'object', required: 'temperature' } },
    ],
  ])('rejects a tool with a bad %s, naming it', (field, tool) => {
    expect(isTool(tool)).toBe(false);
    const parsed = parseWith(ToolSchema, tool, 'tool');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it.each([
    ['params.name', { name: 3 }],
    ['params.arguments', { name: 'echo', arguments: ['hi'] }],
    ['params._meta.progressToken', { name: 'echo', _meta: { progressToken: 1.5 } }],
  ])('rejects a call with a bad %s, naming it', (field, params) => {
    const parsed = parseWith(CallToolRequestSchema, { method: 'tools/call', params }, 'call');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it.each([
    ['content.0.text', { content: [{ type: 'text' }] }],
    ['content.0.type', { content: [{ type: 'video', url: 'x' }] }],
    ['isError', { content: [], isError: 'true' }],
  ])('rejects a result with a bad %s, naming it', (field, result) => {
    const parsed = parseWith(CallToolResultSchema, result, 'tool result');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it('accepts any JSON value as structuredContent (2026-07-28 allows arrays)', () => {
    expect(CallToolResultSchema.safeParse({ content: [], structuredContent: [1] }).success).toBe(
      true,
    );
  });

  it('reads a result without content as an empty content list', () => {
    expect(CallToolResultSchema.parse({ structuredContent: { a: 1 } }).content).toEqual([]);
  });
});
