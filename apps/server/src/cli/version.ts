import { readFileSync } from 'node:fs';

/**
 * The version in this package's package.json, read at run time so that it can never drift
 * from what was published. Only for the bundled bin: dist/cli.js sits one level below it.
 */
export function packageVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}
