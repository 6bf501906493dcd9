import type { McpSseClient } from '../../client.js';
import type { ParsedCommand } from '../command.js';
import { connectionConfig, seconds } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { formatTable } from '../format-table.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { terminalSafe } from '../terminal-text.js';

/** One listing command: what to fetch, and how to show it as a table. */
interface Listing {
  fetch(client: McpSseClient, signal: AbortSignal): Promise<readonly Record<string, unknown>[]>;
  header: readonly string[];
  row(item: Record<string, unknown>): string[];
  empty: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const LISTINGS: Record<'resources' | 'templates' | 'prompts', Listing> = {
  resources: {
    fetch: (client, signal) => client.listResources({ signal }),
    header: ['URI', 'NAME', 'TYPE', 'DESCRIPTION'],
    row: (r) => [text(r.uri), text(r.title) || text(r.name), text(r.mimeType), text(r.description)],
    empty: 'The server offers no resources.',
  },
  templates: {
    fetch: (client, signal) => client.listResourceTemplates({ signal }),
    header: ['URI TEMPLATE', 'NAME', 'DESCRIPTION'],
    row: (t) => [text(t.uriTemplate), text(t.title) || text(t.name), text(t.description)],
    empty: 'The server offers no resource templates.',
  },
  prompts: {
    fetch: (client, signal) => client.listPrompts({ signal }),
    header: ['NAME', 'DESCRIPTION', 'ARGUMENTS'],
    row: (p) => [
      text(p.name),
      text(p.title) || text(p.description),
      ((p.arguments ?? []) as { name: string; required?: boolean }[])
        .map((a) => `${a.name}${a.required ? '*' : ''}`)
        .join(', ') || '-',
    ],
    empty: 'The server offers no prompts.',
  },
};

/** `mcp-sse resources | templates | prompts`: a table, or JSON with `--json`. */
export function listCommand(kind: keyof typeof LISTINGS) {
  return async (command: ParsedCommand, io: CliIO): Promise<ExitCode> => {
    const { values, usage } = command;
    const config = connectionConfig(values, io.env, usage);
    const requestTimeout = seconds(values.timeout, '--timeout', 60, usage);
    const client = await openClient(config, io, { requestTimeout });
    try {
      const listing = LISTINGS[kind];
      const items = await listing.fetch(client, io.interrupt);
      io.out(
        values.json
          ? `${JSON.stringify(items, null, 2)}\n`
          : formatTable(
              listing.header,
              items.map(listing.row),
              listing.empty,
              io.stdoutIsTTY ? terminalSafe : undefined,
            ),
      );
      return EXIT.ok;
    } finally {
      await client.close();
    }
  };
}
