import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('@anthropic-ai/sdk stays optional', () => {
  test('it is an optional peer dependency, not a dependency', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies?.['@anthropic-ai/sdk']).toBeUndefined();
    expect(manifest.peerDependencies?.['@anthropic-ai/sdk']).toBeDefined();
    expect(manifest.peerDependenciesMeta?.['@anthropic-ai/sdk']?.optional).toBe(true);
  });

  test.each(['index.js', 'index.cjs', 'cli.js'])('dist/%s never imports it statically', (file) => {
    const path = join(packageDir, 'dist', file);
    if (!existsSync(path)) return; // not built yet: the build step checks it again
    const code = readFileSync(path, 'utf8');
    expect(code).not.toMatch(/^\s*import\b[^;]*?from\s*["']@anthropic-ai\/sdk/m);
    expect(code).not.toMatch(/require\(\s*["']@anthropic-ai\/sdk/);
    expect(code).not.toMatch(/^\s*import\s*["']@anthropic-ai\/sdk/m);
  });
});
