import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this package is tests/release). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The packages a release publishes: every workspace package that is not private. */
export const publishable = [
  { name: '@mcp-sse/protocol', dir: 'packages/protocol' },
  { name: '@mcp-sse/client', dir: 'packages/client' },
  { name: '@mcp-sse/server', dir: 'apps/server' },
] as const;

/**
 * Copies the working tree (tracked and new files, not what git ignores: no node_modules,
 * no dist) to `dest`, as a fresh clone would have it plus uncommitted work.
 */
export function copyWorkingTree(dest: string): number {
  const listed = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  let copied = 0;
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = join(repoRoot, file);
    // Deleted but not yet committed, or a folder (a nested repository): nothing to copy.
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(from, join(dest, file));
    copied++;
  }
  return copied;
}

/** A package.json's version. */
export const versionOf = (dir: string): string =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
