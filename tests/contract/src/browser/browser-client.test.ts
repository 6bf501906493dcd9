import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@mcp-sse/server';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { openHeadless } from './chromium.js';
import { type PageServer, startPageServer } from './page-server.js';

async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./page-script.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

describe('our client in a browser (headless Chromium)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it.each([
    { pin: 'sse', ready: 'ready sse 2025-11-25' },
    { pin: 'streamable-http&version=2025-11-25', ready: 'ready streamable-http 2025-11-25' },
    { pin: '', ready: 'ready streamable-http 2026-07-28' },
  ])(
    'connects cross-origin ($ready), lists, calls with progress and cancels, with fetch and web streams only',
    async ({ pin, ready }) => {
      const script = await bundlePageScript();
      // The browser bundle must not pull in anything of Node's.
      expect(script).not.toMatch(/from\s*["']node:/);
      const page: PageServer = await startPageServer(script);
      cleanups.push(() => page.close());
      const app = await buildApp({ rateLimit: 0, allowedOrigins: [page.origin] });
      await app.listen({ port: 0, host: '127.0.0.1' });
      cleanups.push(() => app.close());
      const { port } = app.server.address() as AddressInfo;
      const sse = `http://127.0.0.1:${port}/sse`;

      const query = `?sse=${encodeURIComponent(sse)}${pin ? `&transport=${pin}` : ''}`;
      const browser = openHeadless(`${page.origin}/${query}`);
      cleanups.push(() => browser.close());
      const lines = await Promise.race([
        page.finished,
        new Promise<string[]>((_, reject) =>
          setTimeout(() => reject(new Error('the page did not finish within 90 s')), 90_000),
        ),
      ]);
      expect(lines).toEqual([
        `${ready} echo,add,sleep,time,image`,
        'add 5',
        'sleep Slept 300 ms',
        expect.stringMatching(/^progress [1-9]\d*$/),
        'cancel aborted',
        'done',
      ]);
    },
  );
});
