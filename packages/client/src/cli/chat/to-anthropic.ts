import type Anthropic from '@anthropic-ai/sdk';
import type { CallToolResult, ContentBlock, Tool } from '@mcp-sse/protocol';
import type { ToolNameMap } from './tool-names.js';

type ToolResultContent = Exclude<Anthropic.ToolResultBlockParam['content'], string | undefined>;
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** MCP tools as Claude tool definitions (the input schema passes through as JSON Schema). */
export function toAnthropicTools(tools: readonly Tool[], names: ToolNameMap): Anthropic.Tool[] {
  return tools.map((tool) => ({
    name: names.toClaude(tool.name),
    description: tool.description ?? tool.title ?? tool.name,
    input_schema: tool.inputSchema as Anthropic.Tool.InputSchema,
  }));
}

/**
 * A CallToolResult as `tool_result` content: text as text, images Claude can see as
 * images, everything else summarised in words so the model still knows it was there.
 */
export function toToolResultContent(result: CallToolResult): ToolResultContent {
  const blocks: ToolResultContent = result.content.map(toBlock);
  if (result.structuredContent !== undefined && !blocks.some((b) => b.type === 'text')) {
    blocks.push({ type: 'text', text: JSON.stringify(result.structuredContent) });
  }
  if (blocks.length === 0) blocks.push({ type: 'text', text: '(the tool returned no content)' });
  return blocks;
}

function toBlock(block: ContentBlock): ToolResultContent[number] {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      if (IMAGE_TYPES.has(block.mimeType)) {
        return {
          type: 'image',
          source: {
            type: 'base64',
            media_type: block.mimeType as 'image/png',
            data: block.data,
          },
        };
      }
      return { type: 'text', text: `[image of type ${block.mimeType}]` };
    case 'audio':
      return { type: 'text', text: `[audio of type ${block.mimeType}]` };
    case 'resource_link':
      return { type: 'text', text: `[resource link: ${block.name} ${block.uri}]` };
    case 'resource':
      return 'text' in block.resource
        ? { type: 'text', text: `[resource ${block.resource.uri}]\n${block.resource.text}` }
        : { type: 'text', text: `[binary resource ${block.resource.uri}]` };
    default:
      return { type: 'text', text: `[${(block as { type: string }).type} content]` };
  }
}
