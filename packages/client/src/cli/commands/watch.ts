import type { ParsedCommand } from '../command.js';
import { connectionConfig } from '../config.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIO } from '../io.js';
import { openClient } from '../open-client.js';
import { forTerminal } from '../terminal-text.js';

/**
 * `mcp-sse watch`: prints list changes (tools, resources, prompts) and updates of the
 * `--resource` URIs as they come, one line each (JSON lines with `--json`), until Ctrl-C.
 */
export async function watchCommand(command: ParsedCommand, io: CliIO): Promise<ExitCode> {
  const { values, usage } = command;
  const config = connectionConfig(values, io.env, usage);
  const resources = Array.isArray(values.resource)
    ? values.resource
    : typeof values.resource === 'string'
      ? [values.resource]
      : [];
  const client = await openClient(config, io);
  const print = (event: string, detail: Record<string, unknown>) =>
    io.out(
      values.json
        ? `${JSON.stringify({ event, ...detail })}\n`
        : forTerminal(
            `${event}${Object.entries(detail)
              .map(([key, value]) => ` ${key}=${String(value)}`)
              .join('')}\n`,
            io.stdoutIsTTY,
          ),
    );
  client.on('toolsChanged', (tools) => print('tools', { count: tools.length }));
  client.on('resourcesChanged', () => print('resources', {}));
  client.on('promptsChanged', () => print('prompts', {}));
  client.on('resourceUpdated', ({ uri }) => print('updated', { uri }));
  try {
    const watch = client.watch({
      toolsListChanged: true,
      promptsListChanged: true,
      resourcesListChanged: true,
      ...(resources.length > 0 ? { resourceSubscriptions: resources } : {}),
    });
    await watch.acknowledged;
    io.err('Watching; Ctrl-C to stop.\n');
    const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    const interrupted = new Promise<void>((resolve) => {
      if (io.interrupt.aborted) resolve();
      io.interrupt.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([interrupted, closed, watch.ended]);
    await watch.close();
    return EXIT.ok;
  } finally {
    await client.close();
  }
}
