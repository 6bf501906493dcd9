import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/fixtures.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // The fixtures also ship as plain JSON (`@mcp-sse/protocol/fixtures.json`) for tools and
  // languages that cannot import JavaScript.
  async onSuccess() {
    const url = pathToFileURL(resolve('dist/fixtures.js'));
    url.search = String(Date.now());
    const { fixtures } = (await import(url.href)) as { fixtures: unknown[] };
    await writeFile(resolve('dist/fixtures.json'), `${JSON.stringify(fixtures, null, 2)}\n`);
  },
});
