import type { CallToolResult, ContentBlock, Tool } from '@mcp-sse/protocol';

/** `a*: number, b*: number, note: string`: the arguments of a tool, `*` marking required ones. */
export function formatArguments(tool: Tool): string {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  const required = new Set(tool.inputSchema.required ?? []);
  const names = Object.keys(properties);
  if (names.length === 0) return '-';
  return names
    .map((name) => {
      const type = properties[name]?.type;
      const shown = Array.isArray(type) ? type.join('|') : typeof type === 'string' ? type : 'any';
      return `${name}${required.has(name) ? '*' : ''}: ${shown}`;
    })
    .join(', ');
}

/**
 * A readable table of tools: name, description (first line, shortened) and arguments.
 * `clean` is applied to each cell before measuring it (terminal-safe text on a TTY).
 */
export function formatToolsTable(
  tools: readonly Tool[],
  columns = 100,
  clean: (text: string) => string = (text) => text,
): string {
  if (tools.length === 0) return 'The server offers no tools.\n';
  const rows = tools.map((tool) => [
    clean(tool.name),
    clean(firstLine(tool.description ?? tool.title ?? '')),
    clean(formatArguments(tool)),
  ]);
  const header = ['NAME', 'DESCRIPTION', 'ARGUMENTS'];
  const nameWidth = Math.max(header[0]?.length ?? 0, ...rows.map((r) => r[0]?.length ?? 0));
  const descWidth = Math.min(
    Math.max(header[1]?.length ?? 0, ...rows.map((r) => r[1]?.length ?? 0)),
    Math.max(20, Math.floor((columns - nameWidth) / 2)),
  );
  const line = ([name, desc, args]: string[]) =>
    `${(name ?? '').padEnd(nameWidth)}  ${shorten(desc ?? '', descWidth).padEnd(descWidth)}  ${args ?? ''}`.trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n\n${tools.length} tool${tools.length === 1 ? '' : 's'} (* = required argument)\n`;
}

/** A tool result for people: text as text, everything else summarised on one line. */
export function formatResult(result: CallToolResult): string {
  const parts = result.content.map(formatBlock);
  if (parts.length === 0 && result.structuredContent !== undefined) {
    parts.push(JSON.stringify(result.structuredContent, null, 2));
  }
  const text = parts.join('\n');
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}

function formatBlock(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
    case 'audio':
      return `[${block.type}: ${block.mimeType}, ${size(block.data)}]`;
    case 'resource_link':
      return `[link: ${block.name} ${block.uri}]`;
    case 'resource': {
      const { resource } = block;
      const what =
        'text' in resource ? `${String(resource.text).length} chars` : size(String(resource.blob));
      return `[resource: ${resource.uri}${resource.mimeType ? `, ${resource.mimeType}` : ''}, ${what}]`;
    }
    default:
      return `[${(block as { type: string }).type} content]`;
  }
}

function size(base64: string): string {
  const bytes = Math.floor((base64.length * 3) / 4);
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
