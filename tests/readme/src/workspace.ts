import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this package is tests/readme). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** This package's directory: snippets are written here so that their imports resolve. */
export const packageDir = join(repoRoot, 'tests', 'readme');

/** Where snippets are written to be type-checked and run (ignored by git). */
export const snippetDir = join(packageDir, '.snippets');

/** The READMEs whose snippets must run: the root one and every workspace package's. */
export const readmeFiles = [
  'README.md',
  'apps/server/README.md',
  'packages/client/README.md',
  'packages/protocol/README.md',
  'apps/demo/README.md',
  'apps/bench/README.md',
  'CONTRIBUTING.md',
];
