import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** A network -> stdio bridge as a desktop host starts it: a command line. */
export interface Bridge {
  /** Its name in printed tables. */
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** How a bridge is told which HTTP transport to use; `auto` lets it choose or negotiate. */
export type BridgeTransport = 'auto' | 'streamable' | 'sse';

let home: string | undefined;

/**
 * A throwaway config dir (one per test process, removed at exit), so no bridge reads or
 * writes the user's stored credentials.
 */
function scratchHome(): Record<string, string> {
  if (home === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-home-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    home = dir;
  }
  return { HOME: home, XDG_CONFIG_HOME: home, MCP_REMOTE_CONFIG_DIR: home };
}

/** Ours: `mcp-sse proxy URL` from the built @mcp-sse/client. */
export function mcpSseProxy(url: string, transport: BridgeTransport = 'auto'): Bridge {
  const pinned =
    transport === 'auto' ? [] : ['--transport', transport === 'sse' ? 'sse' : 'streamable-http'];
  return {
    name: 'mcp-sse proxy',
    command: process.execPath,
    args: [join(packageDir('@mcp-sse/client'), 'bin', 'mcp-sse.js'), 'proxy', url, ...pinned],
    env: scratchHome(),
  };
}

/** mcp-remote (`npx mcp-remote URL`, as its README configures Claude Desktop). */
export function mcpRemote(url: string, transport: BridgeTransport = 'auto'): Bridge {
  const mode =
    transport === 'sse' ? 'sse-only' : transport === 'streamable' ? 'http-only' : 'http-first';
  return {
    name: 'mcp-remote',
    command: process.execPath,
    args: [join(packageDir('mcp-remote'), 'dist', 'proxy.js'), url, '--transport', mode],
    env: scratchHome(),
  };
}

/**
 * supergateway in its network -> stdio mode: `--sse URL` or `--streamableHttp URL`; it
 * has no negotiation, so `auto` is its Streamable HTTP mode.
 */
export function supergateway(url: string, transport: BridgeTransport = 'auto'): Bridge {
  return {
    name: 'supergateway',
    command: process.execPath,
    args: [
      join(packageDir('supergateway'), 'dist', 'index.js'),
      transport === 'sse' ? '--sse' : '--streamableHttp',
      url,
      '--logLevel',
      'none',
    ],
    env: scratchHome(),
  };
}

/** Every bridge, by name. */
export const BRIDGES = {
  'mcp-sse proxy': mcpSseProxy,
  'mcp-remote': mcpRemote,
  supergateway,
} as const;
