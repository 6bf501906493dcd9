import { defineConfig } from 'tsup';

export default defineConfig({
  // Every entry is a process of its own: the harness, each server, each child runner.
  entry: [
    'src/cli.ts',
    'src/servers/sdk-server.ts',
    'src/servers/raw-fastify.ts',
    'src/servers/ours-server.ts',
    'src/servers/sdk2-server.ts',
    'src/servers/fastmcp-server.ts',
    'src/servers/raw-mcp.ts',
    'src/servers/balancer.ts',
    'src/runners/client-runner.ts',
    'src/runners/ready-probe.ts',
    'src/profile/top-functions-cli.ts',
  ],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // Run the real installed packages (the SDK, express, fastify, ours), never bundled copies.
  skipNodeModulesBundle: true,
});
