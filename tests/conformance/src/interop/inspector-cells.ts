import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { exerciseEcho, type InteropCell, textOf } from './cell.js';

const require = createRequire(import.meta.url);

function inspectorBin(): string {
  const root = dirname(require.resolve('@modelcontextprotocol/inspector/package.json'));
  const manifest = require('@modelcontextprotocol/inspector/package.json') as {
    bin: Record<string, string>;
  };
  return join(root, manifest.bin['mcp-inspector'] ?? 'cli/build/cli.js');
}

/** Runs `mcp-inspector --cli URL --transport http ...` and parses the JSON it prints. */
function inspector(url: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [inspectorBin(), '--cli', url, '--transport', 'http', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('close', (code) => {
      const start = stdout.indexOf('{');
      if (code !== 0 || start < 0) {
        const why = `${stderr}${stdout}`.replace(/⚠️[^\n]*\n(\s+[^\n]*\n)*/g, '').trim();
        reject(new Error(`mcp-inspector ${args.join(' ')} exited ${code}: ${why}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout.slice(start)) as Record<string, unknown>);
      } catch (error) {
        reject(new Error(`mcp-inspector printed no JSON: ${(error as Error).message}`));
      }
    });
  });
}

/** MCP Inspector's CLI (v1.0.3: v2 needs Node 22) with `--transport http`. */
function inspectorCell(path: string): InteropCell {
  return {
    id: `inspector-cli http -> ${path}`,
    async run(origin) {
      const url = new URL(path, origin).href;
      await exerciseEcho({
        listToolNames: async () => {
          const listed = await inspector(url, ['--method', 'tools/list']);
          const tools = Array.isArray(listed.tools) ? (listed.tools as { name: string }[]) : [];
          return tools.map((tool) => tool.name);
        },
        callEcho: async (message) =>
          textOf(
            await inspector(url, [
              '--method',
              'tools/call',
              '--tool-name',
              'echo',
              '--tool-arg',
              `message=${message}`,
            ]),
          ),
        close: async () => undefined,
      });
    },
  };
}

/** Inspector CLI cells against /mcp and /sse. */
export const INSPECTOR_CELLS: InteropCell[] = [inspectorCell('/mcp'), inspectorCell('/sse')];
