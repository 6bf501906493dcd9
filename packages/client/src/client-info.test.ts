import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_VERSION, DEFAULT_CLIENT_INFO } from './client-info.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('CLIENT_VERSION', () => {
  it('is the version in package.json, and the default clientInfo sends it', () => {
    expect(CLIENT_VERSION).toBe(manifest.version);
    expect(DEFAULT_CLIENT_INFO).toEqual({ name: '@mcp-sse/client', version: manifest.version });
  });

  it('is inlined into the build as that version, without the rest of package.json', () => {
    const built = new URL('../dist/index.js', import.meta.url);
    if (!existsSync(built)) throw new Error('Build first: pnpm --filter @mcp-sse/client build');
    const code = readFileSync(built, 'utf8');
    expect(code).toContain(JSON.stringify(manifest.version));
    // The bundle carries the version alone, not the manifest (scripts, dependencies).
    expect(code).not.toContain('"test:package"');
  });
});
